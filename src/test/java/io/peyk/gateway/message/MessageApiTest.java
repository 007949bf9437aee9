package io.peyk.gateway.message;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.peyk.gateway.EmbeddedServicesResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** The partner API over HTTP: accept, idempotency, isolation, batch, rate limit, and every kind of bad input. */
@QuarkusTest
@WithTestResource(EmbeddedServicesResource.class)
class MessageApiTest {

    private static Map<String, Object> message(String to, String from, String text) {
        return Map.of("to", to, "from", from, "text", text);
    }

    @Test
    void aValidMessageIsAcceptedWith202AndCanBeLookedUp() {
        ApiPartner p = ApiPartner.create(1000, null);
        JsonPath accepted = p.request().body(Map.of("to", "+989121234567", "from", "3000", "text", "سلام", "clientRef", "c-1"))
                .post("/v1/messages").then().statusCode(202).extract().jsonPath();

        assertThat(accepted.getString("status")).isEqualTo("ACCEPTED");
        assertThat(accepted.getString("encoding")).isEqualTo("UCS2");
        assertThat(accepted.getInt("segments")).isEqualTo(1);
        JsonPath view = p.request().get("/v1/messages/" + accepted.getString("id")).then().statusCode(200).extract()
                .jsonPath();
        assertThat(view.getString("clientRef")).isEqualTo("c-1");
        assertThat(view.getString("to")).isEqualTo("+989121234567");
        assertThat(view.getList("transitions.status")).first().isEqualTo("ACCEPTED");
    }

    @Test
    void nationalNumbersAreNormalisedToE164() {
        ApiPartner p = ApiPartner.create(1000, null);
        String id = p.request().body(message("0912 123 4567", "Peyk", "hi")).post("/v1/messages").then().statusCode(202)
                .extract().path("id");
        assertThat(p.request().get("/v1/messages/" + id).then().extract().jsonPath().getString("to"))
                .isEqualTo("+989121234567");
    }

    @Test
    void aPartnerNeverSeesAnotherPartnersMessage() {
        ApiPartner a = ApiPartner.create(1000, null);
        ApiPartner b = ApiPartner.create(1000, null);
        String id = a.request().body(message("+989121234567", "Peyk", "mine")).post("/v1/messages").then().statusCode(202)
                .extract().path("id");

        problem(b.request().get("/v1/messages/" + id), 404, "message-not-found");
        problem(a.request().get("/v1/messages/not-a-uuid"), 404, "message-not-found");
        problem(given().get("/v1/messages/" + id), 401, null);
    }

    @Test
    void idempotencyKeyReplaysTheFirstAnswerAndRefusesAnotherBody() {
        ApiPartner p = ApiPartner.create(1000, null);
        String first = p.request().header("Idempotency-Key", "order-77").body(message("+989121234567", "Peyk", "once"))
                .post("/v1/messages").then().statusCode(202).extract().path("id");
        String again = p.request().header("Idempotency-Key", "order-77").body(message("+989121234567", "Peyk", "once"))
                .post("/v1/messages").then().statusCode(202).extract().path("id");
        assertThat(again).isEqualTo(first);

        assertThat(problem(p.request().header("Idempotency-Key", "order-77").body(message("+989121234567", "Peyk", "other"))
                .post("/v1/messages"), 422, "idempotency-key-reused").getString("field")).isEqualTo("Idempotency-Key");
        problem(p.request().header("Idempotency-Key", "bad key with spaces").body(message("+989121234567", "Peyk", "x"))
                .post("/v1/messages"), 400, "invalid-idempotency-key");
    }

    @Test
    void everyRuleRefusesWithAProblemNamingTheField() {
        ApiPartner p = ApiPartner.create(1000, null);
        assertField(p.request().body(message("+989121234567", "NotMine", "x")).post("/v1/messages"), 422, "from");
        assertField(p.request().body(message("+98912", "Peyk", "x")).post("/v1/messages"), 422, "to");
        assertField(p.request().body(message("hello", "Peyk", "x")).post("/v1/messages"), 422, "to");
        assertField(p.request().body(message("+989121234567", "Peyk", "")).post("/v1/messages"), 422, "text");
        assertField(p.request().body(Map.of("to", "+989121234567", "from", "Peyk")).post("/v1/messages"), 422, "text");
        assertField(p.request().body(Map.of("from", "Peyk", "text", "x")).post("/v1/messages"), 422, "to");
        assertField(p.request().body(message("+989121234567", "Peyk", "x".repeat(2001))).post("/v1/messages"), 422,
                "text");
        // 11 UCS-2 parts: over the default cap of 10
        assertField(p.request().body(message("+989121234567", "Peyk", "س".repeat(67 * 10 + 1))).post("/v1/messages"), 422,
                "text");
        assertField(p.request().body("{\"to\":\"+989121234567\",\"from\":\"Peyk\",\"text\":\"\\ud800x\"}").post("/v1/messages"),
                422, "text");
        assertField(p.request().body(Map.of("to", "+989121234567", "from", "Peyk", "text", "x", "validitySeconds", 5))
                .post("/v1/messages"), 422, "validitySeconds");
        assertField(p.request().body(Map.of("to", "+989121234567", "from", "Peyk", "text", "x", "callbackUrl", "ftp://x"))
                .post("/v1/messages"), 422, "callbackUrl");
        assertField(p.request().body(Map.of("to", 989121234567L, "from", "Peyk", "text", "x")).post("/v1/messages"), 400,
                "to");
        assertField(p.request().body(Map.of("to", "+989121234567", "from", "Peyk", "text", "x", "colour", "red"))
                .post("/v1/messages"), 400, "colour");
        problem(p.request().body("{\"to\": ").post("/v1/messages"), 400, "malformed-json");
        byte[] invalidUtf8 = "{\"to\":\"+989121234567\",\"from\":\"Peyk\",\"text\":\"\u00ff\"}"
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(p.request().body(invalidUtf8).post("/v1/messages").then().statusCode(400).extract().contentType())
                .startsWith("application/problem+json");
        assertThat(p.request().body("{\"text\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}").post("/v1/messages").then()
                .statusCode(413).extract().contentType()).startsWith("application/problem+json");
        assertThat(p.request().contentType(ContentType.TEXT).body("hi").post("/v1/messages").then().statusCode(415)
                .extract().contentType()).startsWith("application/problem+json");
        assertThat(count(p)).isZero();
    }

    @Test
    void theRateLimitAnswers429WithRetryAfter() {
        ApiPartner p = ApiPartner.create(1, null);
        p.request().body(message("+989121234567", "Peyk", "one")).post("/v1/messages").then().statusCode(202);
        Response limited = p.request().body(message("+989121234567", "Peyk", "two")).post("/v1/messages");
        problem(limited, 429, "rate-limited");
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 2);
    }

    @Test
    void aBatchAcceptsOrRefusesEachMessageOnItsOwn() {
        ApiPartner p = ApiPartner.create(1000, null);
        List<Map<String, Object>> messages = new ArrayList<>();
        messages.add(message("+989121234567", "Peyk", "first"));
        messages.add(message("+989121234567", "Stranger", "second"));
        messages.add(message("+989351234567", "3000", "third"));
        JsonPath result = p.request().body(Map.of("messages", messages)).post("/v1/messages/batch").then().statusCode(200)
                .extract().jsonPath();

        assertThat(result.getInt("accepted")).isEqualTo(2);
        assertThat(result.getInt("rejected")).isEqualTo(1);
        assertThat(result.getList("results.status", Integer.class)).containsExactly(202, 422, 202);
        assertThat(result.getString("results[1].problem.field")).isEqualTo("messages[1].from");
        assertThat(result.getString("results[0].message.id")).isNotBlank();

        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            tooMany.add(message("+989121234567", "Peyk", "m" + i));
        }
        assertField(p.request().body(Map.of("messages", tooMany)).post("/v1/messages/batch"), 422, "messages");
        assertField(p.request().body(Map.of("messages", List.of(Map.of("to", "+989121234567", "from", "Peyk", "txet", "x"))))
                .post("/v1/messages/batch"), 400, "messages[0].txet");
    }

    @Test
    void openApiDocumentsTheMessageEndpointsTheirFieldsAndProblems() {
        String doc = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        assertThat(doc).contains("\"/v1/messages\"", "\"/v1/messages/batch\"", "\"/v1/messages/{id}\"",
                "\"SendMessageRequest\"", "\"validitySeconds\"", "\"MessageAccepted\"", "\"Message\"",
                "\"Idempotency-Key\"", "\"429\"", "\"422\"", "application/problem+json");
    }

    private static long count(ApiPartner p) {
        return new io.peyk.gateway.message.ApiCounts().messagesOf(p.id());
    }

    private static JsonPath problem(Response response, int status, String slug) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonPath body = response.jsonPath();
        assertThat(body.getInt("status")).isEqualTo(status);
        if (slug != null) {
            assertThat(body.getString("type")).endsWith("/" + slug);
        }
        return body;
    }

    private static void assertField(Response response, int status, String field) {
        JsonPath body = problem(response, status, null);
        assertThat(body.getString("field")).as(response.asString()).isEqualTo(field);
        assertThat(body.getString("detail")).isNotBlank();
    }
}

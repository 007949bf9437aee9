package io.peyk.gateway.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.peyk.gateway.EmbeddedServicesResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Channel plans that break a rule are refused with a 422 problem naming the hop's field; nothing is stored. */
@QuarkusTest
@WithTestResource(EmbeddedServicesResource.class)
class ChannelPlanApiTest {

    private static final String PAYLOAD = Base64.getEncoder().encodeToString("opaque".getBytes());
    private ApiPartner partner;

    @BeforeEach
    void partner() {
        partner = ApiPartner.create(1000, null);
    }

    private Response send(Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of("to", "+989121234567", "from", "3000"));
        body.putAll(extra);
        return partner.request().body(body).post("/v1/messages");
    }

    private void refused(Map<String, Object> body, String field) {
        Response response = send(body);
        JsonPath problem = response.then().statusCode(422).contentType("application/problem+json").extract().jsonPath();
        assertThat(problem.getString("field")).as(response.asString()).isEqualTo(field);
    }

    private static Map<String, Object> ott(Map<String, Object> overrides) {
        Map<String, Object> hop = new HashMap<>(Map.of("type", "ott", "payload", PAYLOAD));
        hop.putAll(overrides);
        return hop;
    }

    @Test
    void badPlansNameTheirField() {
        refused(Map.of("channels", List.of()), "channels");
        refused(Map.of("channels", List.of(ott(Map.of()), ott(Map.of()), Map.of("type", "sms", "text", "x"))),
                "channels");
        refused(Map.of("channels", List.of(Map.of("type", "fax"))), "channels[0].type");
        refused(Map.of("channels", List.of(Map.of("type", "sms", "text", "x"), ott(Map.of()))), "channels[0].type");
        refused(Map.of("channels", List.of(ott(Map.of("payload", "not base64!")))), "channels[0].payload");
        refused(Map.of("channels", List.of(ott(Map.of("payload", "")))), "channels[0].payload");
        refused(Map.of("channels", List.of(Map.of("type", "ott"))), "channels[0].payload");
        refused(Map.of("channels", List.of(ott(Map.of("text", "hi")))), "channels[0].text");
        refused(Map.of("channels", List.of(ott(Map.of("successStatus", "seen")))), "channels[0].successStatus");
        refused(Map.of("channels", List.of(ott(Map.of("fallbackAfterSeconds", 0)))), "channels[0].fallbackAfterSeconds");
        refused(Map.of("channels", List.of(ott(Map.of("payload",
                Base64.getEncoder().encodeToString(new byte[16385]))))), "channels[0].payload");
        refused(Map.of("channels", List.of(ott(Map.of()), Map.of("type", "sms", "text", ""))), "channels[1].text");
        refused(Map.of("text", "twice", "channels", List.of(ott(Map.of()), Map.of("type", "sms", "text", "twice"))),
                "channels[1].text");
        refused(Map.of("text", "where to", "channels", List.of(ott(Map.of()))), "text");
        refused(Map.of("channels", List.of(ott(Map.of()), Map.of("type", "sms", "payload", PAYLOAD, "text", "x"))),
                "channels[1]");
        refused(Map.of("payload", PAYLOAD, "text", "x"), "payload");
    }

    @Test
    void validPlansAreAccepted() {
        JsonPath ottOnly = send(Map.of("channels", List.of(ott(Map.of("successStatus", "read"))))).then()
                .statusCode(202).extract().jsonPath();
        assertThat(ottOnly.getInt("segments")).isZero();
        JsonPath both = send(Map.of("text", "top-level text", "channels", List.of(ott(Map.of()), Map.of("type", "sms"))))
                .then().statusCode(202).extract().jsonPath();
        assertThat(both.getInt("segments")).isEqualTo(1);
        send(Map.of("text", "sms only", "channels", List.of(Map.of("type", "sms")))).then().statusCode(202);
    }

    @Test
    void defaultPlansAreValidatedByTheAdminApi() {
        RestAssured.given().header("Authorization", "Bearer dev-admin-token").contentType(ContentType.JSON)
                .body(Map.of("channels", List.of(Map.of("type", "sms"), Map.of("type", "ott"))))
                .put("/admin/v1/partners/" + partner.id() + "/default-channels").then().statusCode(422);
        RestAssured.given().header("Authorization", "Bearer dev-admin-token").contentType(ContentType.JSON)
                .body(Map.of("channels", List.of(Map.of("type", "ott", "payload", PAYLOAD))))
                .put("/admin/v1/partners/" + partner.id() + "/default-channels").then().statusCode(422);
        JsonPath view = RestAssured.given().header("Authorization", "Bearer dev-admin-token").contentType(ContentType.JSON)
                .body(Map.of("channels", List.of(Map.of("type", "ott", "successStatus", "read"))))
                .put("/admin/v1/partners/" + partner.id() + "/default-channels").then().statusCode(200).extract()
                .jsonPath();
        assertThat(view.getString("defaultChannels[0].successStatus")).isEqualTo("READ");
        RestAssured.given().header("Authorization", "Bearer dev-admin-token").contentType(ContentType.JSON)
                .body(Map.of("channels", List.of(Map.of("type", "sms"))))
                .put("/admin/v1/partners/" + partner.id() + "/default-channels").then().statusCode(200);
    }
}

package io.peyk.gateway.inbound;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.peyk.gateway.EmbeddedServicesResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** {@code /admin/v1/inbound-keywords}: add (idempotent per partner), list, delete, and every refusal as a problem. */
@QuarkusTest
@WithTestResource(EmbeddedServicesResource.class)
class InboundKeywordApiTest {

    private static final String PATH = "/admin/v1/inbound-keywords";
    private static final Duration DB = Duration.ofSeconds(10);

    @Inject
    Pool pool;

    private static RequestSpecification admin() {
        return given().header("Authorization", "Bearer dev-admin-token");
    }

    private static Response post(Object body) {
        return admin().contentType(ContentType.JSON).body(body).post(PATH);
    }

    private static Map<String, Object> rule(String senderId, String keyword, String partnerId) {
        Map<String, Object> body = new HashMap<>();
        body.put("senderId", senderId);
        body.put("keyword", keyword);
        body.put("partnerId", partnerId);
        return body;
    }

    private static String partner() {
        return admin().contentType(ContentType.JSON)
                .body(Map.of("name", "kw-api-" + UUID.randomUUID(), "senderIds", List.of("KwApi"), "rateLimitPerSecond", 10))
                .post("/admin/v1/partners").then().statusCode(201).extract().jsonPath().getString("id");
    }

    private static String shortCode() {
        return Integer.toString(ThreadLocalRandom.current().nextInt(10_000_000, 19_999_999));
    }

    private static JsonPath problem(Response response, int status, String slug) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonPath body = response.jsonPath();
        assertThat(body.getString("type")).isEqualTo("https://peyk.io/problems/" + slug);
        return body;
    }

    @Test
    void rulesAreAddedIdempotentlyListedAndDeletedInAnySpelling() {
        String code = shortCode();
        String snapp = partner();
        String tapsi = partner();

        Response created = post(rule(code, "SNAPP", snapp));
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        JsonPath rule = created.jsonPath();
        assertThat(rule.getString("senderId")).isEqualTo(code);
        assertThat(rule.getString("keyword")).isEqualTo("snapp");
        assertThat(rule.getString("partnerId")).isEqualTo(snapp);
        assertThat(rule.getString("createdAt")).isNotBlank();
        assertThat(created.header("Location")).endsWith(PATH + "/" + code + "/snapp");

        // The same rule again, in another spelling: 200 with the stored rule.
        Response again = post(rule(code, "Ｓnapp", snapp));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.jsonPath().getString("createdAt")).isEqualTo(rule.getString("createdAt"));
        assertThat(again.jsonPath().getString("keyword")).isEqualTo("snapp");

        // Another partner may not take it.
        JsonPath taken = problem(post(rule(code, "snapp", tapsi)), 409, "keyword-taken");
        assertThat(taken.getString("detail")).contains(snapp);

        Response persian = post(rule(code, "تاكسي", tapsi));
        assertThat(persian.statusCode()).isEqualTo(201);
        assertThat(persian.jsonPath().getString("keyword")).isEqualTo("تاکسی");
        assertThat(persian.header("Location")).endsWith(PATH + "/" + code + "/%D8%AA%D8%A7%DA%A9%D8%B3%DB%8C");
        assertThat(post(rule(code, "۱۲۳", tapsi)).jsonPath().getString("keyword")).isEqualTo("123");

        List<Map<String, Object>> listed = admin().queryParam("senderId", code).get(PATH).then().statusCode(200)
                .extract().jsonPath().getList("$");
        assertThat(listed).extracting(r -> r.get("keyword") + "=" + r.get("partnerId"))
                .containsExactlyInAnyOrder("snapp=" + snapp, "تاکسی=" + tapsi, "123=" + tapsi);
        assertThat(admin().queryParam("senderId", code).queryParam("limit", 2).get(PATH).then().statusCode(200)
                .extract().jsonPath().getList("$")).hasSize(2);
        assertThat(admin().queryParam("limit", 1000).get(PATH).then().statusCode(200).extract().jsonPath()
                .getList("senderId")).contains(code);

        admin().delete(PATH + "/" + code + "/SNAPP").then().statusCode(204);
        problem(admin().delete(PATH + "/" + code + "/snapp"), 404, "not-found");
        admin().delete(PATH + "/" + code + "/تاکسی").then().statusCode(204);
        admin().delete(PATH + "/" + code + "/١٢٣").then().statusCode(204);
        assertThat(admin().queryParam("senderId", code).get(PATH).then().statusCode(200).extract().jsonPath()
                .getList("$")).isEmpty();

        // Once deleted, the keyword is free for another partner.
        assertThat(post(rule(code, "snapp", tapsi)).statusCode()).isEqualTo(201);
    }

    @Test
    void longNumbersTakeKeywordsToo() {
        String number = "+98912" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        String partner = partner();
        Response created = post(rule(number, "join", partner));
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        assertThat(admin().queryParam("senderId", number).get(PATH).then().statusCode(200).extract().jsonPath()
                .getList("keyword")).containsExactly("join");
        admin().delete(PATH + "/" + number + "/JOIN").then().statusCode(204);
    }

    @Test
    void concurrentAddsOfOneKeywordByTwoPartnersLeaveOneHolder() throws Exception {
        String code = shortCode();
        String first = partner();
        String second = partner();
        ExecutorService executor = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String partner = i % 2 == 0 ? first : second;
                answers.add(executor.submit(() -> post(rule(code, "race", partner)).statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(30, TimeUnit.SECONDS));
            }
            String holder = admin().queryParam("senderId", code).get(PATH).then().statusCode(200).extract()
                    .jsonPath().getString("[0].partnerId");
            assertThat(statuses).containsOnly(201, 200, 409);
            assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
            assertThat(statuses.stream().filter(s -> s == 409)).hasSize(8);
            assertThat(holder).isIn(first, second);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void aPartnerHoldsAtMost1000Rules() {
        String partner = partner();
        String code = shortCode();
        pool.preparedQuery("INSERT INTO inbound_keyword (sender_id, keyword, partner_id)"
                + " SELECT $1, 'k' || n, $2 FROM generate_series(1, $3) n")
                .execute(Tuple.of(code, UUID.fromString(partner), InboundKeywordRepository.MAX_RULES_PER_PARTNER))
                .await().atMost(DB);
        problem(post(rule(code, "one-more", partner)), 409, "too-many-keywords");
        // Asking again for a rule it holds is still answered.
        assertThat(post(rule(code, "K1", partner)).statusCode()).isEqualTo(200);
        admin().delete(PATH + "/" + code + "/k1").then().statusCode(204);
        assertThat(post(rule(code, "one-more", partner)).statusCode()).isEqualTo(201);
    }

    @Test
    void everyRuleIsAProblemNamingTheField() {
        String partner = partner();
        String code = shortCode();
        record Case(Map<String, Object> body, String field) {
        }
        List<Case> cases = List.of(new Case(rule(null, "join", partner), "senderId"),
                new Case(rule("Acme", "join", partner), "senderId"), // alphanumeric: MO never arrives at it
                new Case(rule("12", "join", partner), "senderId"),
                new Case(rule("123456789", "join", partner), "senderId"),
                new Case(rule("+0989120000000", "join", partner), "senderId"),
                new Case(rule(code, null, partner), "keyword"), new Case(rule(code, "", partner), "keyword"),
                new Case(rule(code, "two words", partner), "keyword"),
                new Case(rule(code, " join", partner), "keyword"),
                new Case(rule(code, "x".repeat(33), partner), "keyword"),
                new Case(rule(code, "\u200C", partner), "keyword"),
                new Case(rule(code, "bell\u0007", partner), "keyword"),
                new Case(rule(code, "x".repeat(10_000), partner), "keyword"),
                new Case(rule(code, "join", null), "partnerId"),
                new Case(rule(code, "join", UUID.randomUUID().toString()), "partnerId"));
        for (Case c : cases) {
            assertThat(problem(post(c.body()), 422, "invalid-field").getString("field")).as(c.toString())
                    .isEqualTo(c.field());
        }
        // Shape errors are 400s.
        assertThat(problem(post(rule(code, "join", "not-a-uuid")), 400, "invalid-field").getString("field"))
                .isEqualTo("partnerId");
        Map<String, Object> number = new HashMap<>(rule(code, "join", partner));
        number.put("keyword", 5);
        assertThat(problem(post(number), 400, "invalid-field").getString("field")).isEqualTo("keyword");
        Map<String, Object> unknown = new HashMap<>(rule(code, "join", partner));
        unknown.put("priority", 1);
        assertThat(problem(post(unknown), 400, "unknown-field").getString("field")).isEqualTo("priority");
        problem(admin().contentType(ContentType.JSON).body("").post(PATH), 400, "missing-body");

        assertThat(problem(admin().queryParam("senderId", "Acme").get(PATH), 422, "invalid-field").getString("field"))
                .isEqualTo("senderId");
        assertThat(problem(admin().queryParam("limit", "0").get(PATH), 422, "invalid-field").getString("field"))
                .isEqualTo("limit");
        assertThat(problem(admin().queryParam("offset", "-1").get(PATH), 422, "invalid-field").getString("field"))
                .isEqualTo("offset");
        problem(admin().delete(PATH + "/Acme/join"), 404, "not-found");
        problem(admin().delete(PATH + "/" + code + "/two words"), 404, "not-found");
        problem(admin().delete(PATH + "/" + code + "/" + "x".repeat(33)), 404, "not-found");
        // Nothing was stored by the refusals.
        assertThat(admin().queryParam("senderId", code).get(PATH).then().statusCode(200).extract().jsonPath()
                .getList("$")).isEmpty();
    }

    @Test
    void aKeywordWithDotsOrDashesHasAUsableUrlAndPathPunctuationIsRefused() {
        String partner = partner();
        String code = shortCode();
        for (String keyword : List.of("co-op", "a.b", "x_y", "2.0")) {
            Response created = post(rule(code, keyword, partner));
            assertThat(created.statusCode()).as(keyword).isEqualTo(201);
            String location = created.header("Location");
            admin().delete(location.substring(location.indexOf(PATH))).then().statusCode(204);
        }
        for (String keyword : List.of("a/b", "a;b", "a?b", "a#b", "%2F", ".", "..", "join!")) {
            assertThat(problem(post(rule(code, keyword, partner)), 422, "invalid-field").getString("field")).as(keyword)
                    .isEqualTo("keyword");
        }
    }

    @Test
    void theAdminTokenIsRequired() {
        String partner = partner();
        problem(given().get(PATH), 401, "unauthorized");
        problem(given().header("Authorization", "Bearer wrong-token-value").get(PATH), 401, "unauthorized");
        Response noToken = given().contentType(ContentType.JSON).body(rule(shortCode(), "join", partner)).post(PATH);
        problem(noToken, 401, "unauthorized");
        assertThat(noToken.header("WWW-Authenticate")).isEqualTo("Bearer");
        problem(given().delete(PATH + "/3000/join"), 401, "unauthorized");
    }

    @Test
    void theTableRefusesWhatTheApiRefuses() {
        String partner = partner();
        String insert = "INSERT INTO inbound_keyword (sender_id, keyword, partner_id) VALUES ($1, $2, $3)";
        UUID id = UUID.fromString(partner);
        assertThatThrownBy(() -> pool.preparedQuery(insert).execute(Tuple.of("3000", "two words", id)).await()
                .atMost(DB)).hasMessageContaining("inbound_keyword_keyword_one_word");
        assertThatThrownBy(() -> pool.preparedQuery(insert).execute(Tuple.of("3000", "tab\tx", id)).await()
                .atMost(DB)).hasMessageContaining("inbound_keyword_keyword_one_word");
        assertThatThrownBy(() -> pool.preparedQuery(insert).execute(Tuple.of("3000", "x".repeat(33), id)).await()
                .atMost(DB)).hasMessageContaining("inbound_keyword_keyword_length");
        assertThatThrownBy(() -> pool.preparedQuery(insert).execute(Tuple.of("3000", "", id)).await()
                .atMost(DB)).hasMessageContaining("inbound_keyword_keyword_length");
        assertThatThrownBy(() -> pool.preparedQuery(insert).execute(Tuple.of("1".repeat(17), "x", id)).await()
                .atMost(DB)).hasMessageContaining("inbound_keyword_sender_id_length");
        assertThatThrownBy(() -> pool.preparedQuery(insert).execute(Tuple.of("3000", "x", UUID.randomUUID())).await()
                .atMost(DB)).hasMessageContaining("inbound_keyword_partner_id_fkey");
        // 32 Persian characters are 32, not 64 bytes' worth.
        pool.preparedQuery(insert).execute(Tuple.of(shortCode(), "ی".repeat(32), id)).await().atMost(DB);
    }
}

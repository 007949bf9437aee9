package io.peyk.gateway.admin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.peyk.gateway.EmbeddedServicesResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
@WithTestResource(EmbeddedServicesResource.class)
class AdminPartnerApiTest {

    private static final String TOKEN = "dev-admin-token";
    private static final String WHOAMI = "/v1/_test/whoami";

    private static RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + TOKEN);
    }

    private static String uniqueName() {
        return "partner-" + UUID.randomUUID();
    }

    private static Map<String, Object> validPartner(String name) {
        return Map.of("name", name, "senderIds", List.of("Acme", "3000", "+989120000001"), "webhookUrl",
                "https://acme.example/hooks", "rateLimitPerSecond", 50);
    }

    private static JsonPath create(Map<String, Object> body) {
        return admin().contentType(ContentType.JSON).body(body).post("/admin/v1/partners").then().statusCode(201)
                .extract().jsonPath();
    }

    private static JsonPath problem(Response response, int status, String slug) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonPath body = response.jsonPath();
        assertThat(body.getString("type")).isEqualTo("https://peyk.io/problems/" + slug);
        assertThat(body.getInt("status")).isEqualTo(status);
        return body;
    }

    private static Response whoami(String key) {
        return given().header("Authorization", "Bearer " + key).get(WHOAMI);
    }

    @Test
    void createReturnsSecretsOnceAndTheKeyWorks() {
        String name = uniqueName();
        Response response = admin().contentType(ContentType.JSON).body(validPartner(name)).post("/admin/v1/partners");
        assertThat(response.statusCode()).isEqualTo(201);
        JsonPath created = response.jsonPath();
        String id = created.getString("id");
        assertThat(response.header("Location")).endsWith("/admin/v1/partners/" + id);
        assertThat(created.getString("name")).isEqualTo(name);
        assertThat(created.getList("senderIds")).containsExactly("Acme", "3000", "+989120000001");
        assertThat(created.getString("timeZone")).isEqualTo("Asia/Tehran");
        assertThat(created.getInt("rateLimitPerSecond")).isEqualTo(50);
        assertThat(created.getString("status")).isEqualTo("ACTIVE");
        String apiKey = created.getString("apiKey");
        assertThat(apiKey).matches("peyk_live_[A-Za-z0-9_-]{43}");
        assertThat(created.getString("apiKeyPrefix")).isEqualTo(apiKey.substring(10, 18));
        assertThat(created.getString("webhookSecret")).matches("whsec_[A-Za-z0-9_-]{43}");
        assertThat(created.getString("apiKeyId")).isNotBlank();

        assertThat(whoami(apiKey).then().statusCode(200).extract().asString()).isEqualTo(name);

        // Reading the partner never shows a secret or a hash.
        String read = admin().get("/admin/v1/partners/" + id).then().statusCode(200).extract().asString();
        assertThat(read).contains(name).doesNotContain(apiKey).doesNotContain(created.getString("webhookSecret"))
                .doesNotContain("apiKey").doesNotContain("webhookSecret").doesNotContain("hash");
        String list = admin().queryParam("limit", 1000).get("/admin/v1/partners").then().statusCode(200).extract()
                .asString();
        assertThat(list).contains(id).doesNotContain(apiKey).doesNotContain("webhookSecret").doesNotContain("hash");
        String keys = admin().get("/admin/v1/partners/" + id + "/api-keys").then().statusCode(200).extract()
                .asString();
        assertThat(keys).contains(created.getString("apiKeyId")).doesNotContain(apiKey).doesNotContain("hash");
    }

    @Test
    void timeZoneAndMissingWebhookAreAccepted() {
        JsonPath created = create(Map.of("name", uniqueName(), "senderIds", List.of("Shop 24"), "timeZone",
                "Europe/Berlin", "rateLimitPerSecond", 1));
        assertThat(created.getString("timeZone")).isEqualTo("Europe/Berlin");
        assertThat(created.getString("webhookUrl")).isNull();
    }

    @Test
    void duplicateNameIs409() {
        String name = uniqueName();
        create(validPartner(name));
        problem(admin().contentType(ContentType.JSON).body(validPartner(name)).post("/admin/v1/partners"), 409,
                "partner-name-taken");
    }

    @Test
    void everyRuleIsAProblemNamingTheField() {
        record Case(Map<String, Object> change, String field) {
        }
        List<Case> cases = List.of(
                new Case(Map.of("name", ""), "name"),
                new Case(Map.of("name", "x".repeat(101)), "name"),
                new Case(Map.of("name", " padded"), "name"),
                new Case(Map.of("senderIds", List.of()), "senderIds"),
                new Case(Map.of("senderIds", java.util.stream.IntStream.range(0, 51).mapToObj(i -> "S" + i).toList()),
                        "senderIds"),
                new Case(Map.of("senderIds", List.of("Acme", "+98912")), "senderIds[1]"),
                new Case(Map.of("senderIds", List.of("+0989120000000")), "senderIds[0]"),
                new Case(Map.of("senderIds", List.of("+9891200000001234")), "senderIds[0]"),
                new Case(Map.of("senderIds", List.of("12")), "senderIds[0]"),
                new Case(Map.of("senderIds", List.of("123456789")), "senderIds[0]"),
                new Case(Map.of("senderIds", List.of("TwelveLetter")), "senderIds[0]"),
                new Case(Map.of("senderIds", List.of("Acme!")), "senderIds[0]"),
                new Case(Map.of("senderIds", List.of("Acme", "Acme")), "senderIds[1]"),
                new Case(Map.of("webhookUrl", "ftp://acme.example/x"), "webhookUrl"),
                new Case(Map.of("webhookUrl", "/relative/path"), "webhookUrl"),
                new Case(Map.of("webhookUrl", "https://user:pw@acme.example/"), "webhookUrl"),
                new Case(Map.of("webhookUrl", "https://acme.example/" + "x".repeat(2000)), "webhookUrl"),
                new Case(Map.of("timeZone", "Mars/Olympus"), "timeZone"),
                new Case(Map.of("rateLimitPerSecond", 0), "rateLimitPerSecond"),
                new Case(Map.of("rateLimitPerSecond", 100_001), "rateLimitPerSecond"));
        for (Case c : cases) {
            Map<String, Object> body = new java.util.HashMap<>(validPartner(uniqueName()));
            body.putAll(c.change());
            JsonPath problem = problem(admin().contentType(ContentType.JSON).body(body).post("/admin/v1/partners"),
                    422, "invalid-field");
            assertThat(problem.getString("field")).as(c.toString()).isEqualTo(c.field());
        }
        for (String required : List.of("name", "senderIds", "rateLimitPerSecond")) {
            Map<String, Object> body = new java.util.HashMap<>(validPartner(uniqueName()));
            body.remove(required);
            assertThat(problem(admin().contentType(ContentType.JSON).body(body).post("/admin/v1/partners"), 422,
                    "invalid-field").getString("field")).isEqualTo(required);
        }
        // Shape errors are 400s.
        Map<String, Object> wrongType = new java.util.HashMap<>(validPartner(uniqueName()));
        wrongType.put("rateLimitPerSecond", "fast");
        assertThat(problem(admin().contentType(ContentType.JSON).body(wrongType).post("/admin/v1/partners"), 400,
                "invalid-field").getString("field")).isEqualTo("rateLimitPerSecond");
        Map<String, Object> unknown = new java.util.HashMap<>(validPartner(uniqueName()));
        unknown.put("colour", "red");
        assertThat(problem(admin().contentType(ContentType.JSON).body(unknown).post("/admin/v1/partners"), 400,
                "unknown-field").getString("field")).isEqualTo("colour");
        problem(admin().contentType(ContentType.JSON).body("").post("/admin/v1/partners"), 400, "missing-body");
        problem(admin().queryParam("limit", "0").get("/admin/v1/partners"), 422, "invalid-field");
        problem(admin().queryParam("offset", "x").get("/admin/v1/partners"), 422, "invalid-field");
    }

    @Test
    void adminNeedsTheToken() {
        problem(given().get("/admin/v1/partners"), 401, "unauthorized");
        problem(given().header("Authorization", "Bearer wrong-token-value").get("/admin/v1/partners"), 401,
                "unauthorized");
        problem(given().header("Authorization", "Basic " + TOKEN).get("/admin/v1/partners"), 401, "unauthorized");
        Response noToken = given().contentType(ContentType.JSON).body(validPartner(uniqueName()))
                .post("/admin/v1/partners");
        problem(noToken, 401, "unauthorized");
        assertThat(noToken.header("WWW-Authenticate")).isEqualTo("Bearer");
        // Unauthenticated garbage is refused for the token, before the body is read.
        problem(given().contentType(ContentType.JSON).body("{oops").post("/admin/v1/partners"), 401, "unauthorized");
        // A partner key is no admin token.
        String key = create(validPartner(uniqueName())).getString("apiKey");
        problem(given().header("Authorization", "Bearer " + key).get("/admin/v1/partners"), 401, "unauthorized");
    }

    @Test
    void unknownPartnerIs404() {
        String missing = "/admin/v1/partners/" + UUID.randomUUID();
        problem(admin().get(missing), 404, "not-found");
        problem(admin().post(missing + "/suspend"), 404, "not-found");
        problem(admin().post(missing + "/api-keys"), 404, "not-found");
        problem(admin().get(missing + "/api-keys"), 404, "not-found");
        problem(admin().delete(missing + "/api-keys/" + UUID.randomUUID()), 404, "not-found");
        problem(admin().get("/admin/v1/partners/not-a-uuid"), 404, "not-found");
    }

    @Test
    void keysAreIssuedListedAndRevokedAtOnce() {
        JsonPath partner = create(validPartner(uniqueName()));
        String id = partner.getString("id");
        String firstKey = partner.getString("apiKey");

        JsonPath issued = admin().post("/admin/v1/partners/" + id + "/api-keys").then().statusCode(201).extract()
                .jsonPath();
        String secondKey = issued.getString("apiKey");
        String secondId = issued.getString("id");
        assertThat(secondKey).matches("peyk_live_[A-Za-z0-9_-]{43}").isNotEqualTo(firstKey);
        assertThat(issued.getString("prefix")).isEqualTo(secondKey.substring(10, 18));
        assertThat(issued.getString("createdAt")).isNotBlank();
        whoami(secondKey).then().statusCode(200);

        Response listed = admin().get("/admin/v1/partners/" + id + "/api-keys");
        assertThat(listed.statusCode()).isEqualTo(200);
        List<Map<String, Object>> keys = listed.jsonPath().getList("$");
        assertThat(keys).hasSize(2).allSatisfy(k -> assertThat(k).containsOnlyKeys("id", "prefix", "createdAt",
                "revokedAt"));
        assertThat(keys).extracting(k -> k.get("revokedAt")).containsOnlyNulls();
        assertThat(listed.asString()).doesNotContain(firstKey).doesNotContain(secondKey);

        admin().delete("/admin/v1/partners/" + id + "/api-keys/" + secondId).then().statusCode(204);
        problem(whoami(secondKey), 401, "unauthorized");
        whoami(firstKey).then().statusCode(200);
        // Idempotent; the other verb does the same.
        admin().delete("/admin/v1/partners/" + id + "/api-keys/" + secondId).then().statusCode(204);
        admin().post("/admin/v1/partners/" + id + "/api-keys/" + partner.getString("apiKeyId") + "/revoke").then()
                .statusCode(204);
        problem(whoami(firstKey), 401, "unauthorized");
        List<Map<String, Object>> after = admin().get("/admin/v1/partners/" + id + "/api-keys").jsonPath().getList("$");
        assertThat(after).extracting(k -> k.get("revokedAt")).doesNotContainNull();

        // A key of another partner cannot be revoked through this partner.
        JsonPath other = create(validPartner(uniqueName()));
        problem(admin().delete("/admin/v1/partners/" + id + "/api-keys/" + other.getString("apiKeyId")), 404,
                "not-found");
        whoami(other.getString("apiKey")).then().statusCode(200);
    }

    @Test
    void suspendRefusesAndResumeRestores() {
        JsonPath partner = create(validPartner(uniqueName()));
        String id = partner.getString("id");
        String key = partner.getString("apiKey");
        assertThat(admin().post("/admin/v1/partners/" + id + "/suspend").then().statusCode(200).extract().jsonPath()
                .getString("status")).isEqualTo("SUSPENDED");
        problem(whoami(key), 403, "partner-suspended");
        assertThat(admin().get("/admin/v1/partners/" + id).jsonPath().getString("status")).isEqualTo("SUSPENDED");
        assertThat(admin().post("/admin/v1/partners/" + id + "/resume").then().statusCode(200).extract().jsonPath()
                .getString("status")).isEqualTo("ACTIVE");
        whoami(key).then().statusCode(200);
    }

    @Test
    void partnerEndpointsNeedAValidKey() {
        problem(given().get(WHOAMI), 401, "unauthorized");
        problem(whoami("peyk_live_" + "A".repeat(43)), 401, "unauthorized");
        problem(given().header("Authorization", "Bearer " + "x".repeat(500)).get(WHOAMI), 401, "unauthorized");
        problem(given().header("Authorization", "Bearer " + TOKEN).get(WHOAMI), 401, "unauthorized");
        // Operations endpoints are not behind partner keys.
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void openApiDocumentsTheAdminApiAndBothSchemes() {
        String body = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract()
                .asString();
        assertThat(body).contains("/admin/v1/partners/{id}/api-keys/{keyId}").contains("adminToken")
                .contains("partnerApiKey").contains("application/problem+json");
    }
}

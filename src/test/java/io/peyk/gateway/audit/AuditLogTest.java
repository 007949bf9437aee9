package io.peyk.gateway.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.peyk.gateway.EmbeddedServicesResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Every admin and finance request is in the audit log with who, what, when and from where — refused ones too — and
 * the log cannot be changed.
 */
@QuarkusTest
@WithTestResource(EmbeddedServicesResource.class)
class AuditLogTest {

    private static final String ADMIN = "Bearer dev-admin-token";

    @Inject
    Pool pool;

    @Test
    void adminAndFinanceActionsAreRecordedAndTheLogIsAppendOnly() {
        String name = "audit-" + UUID.randomUUID().toString().substring(0, 8);
        String key = given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(Map.of("name", name))
                .post("/admin/v1/finance-keys").then().statusCode(201).extract().jsonPath().getString("key");
        given().header("Authorization", "Bearer " + key).get("/v1/finance/statements?period=2026-09").then()
                .statusCode(200);
        given().header("Authorization", "Bearer " + key).get("/v1/finance/statements?period=nope").then()
                .statusCode(422);
        given().header("Authorization", "Bearer wrong-admin-token").get("/admin/v1/partners").then().statusCode(401);
        given().header("Authorization", "Bearer peyk_fin_nope").get("/v1/finance/reconciliation?period=2026-09")
                .then().statusCode(401);

        JsonPath mine = given().header("Authorization", ADMIN).queryParam("actor", "finance:" + name)
                .get("/admin/v1/audit").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> entries = mine.getList("entries");
        assertThat(entries).extracting(e -> e.get("method") + " " + e.get("path") + " " + e.get("status"))
                .containsExactly("GET /v1/finance/statements 422", "GET /v1/finance/statements 200");
        assertThat(entries.get(0)).containsEntry("role", "finance").containsEntry("remoteAddr", "127.0.0.1");
        assertThat(String.valueOf(entries.get(0).get("path"))).doesNotContain("period");

        JsonPath all = given().header("Authorization", ADMIN).queryParam("limit", 50).get("/admin/v1/audit").then()
                .statusCode(200).extract().jsonPath();
        List<String> lines = all.getList("entries", Map.class).stream()
                .map(e -> e.get("actor") + " " + e.get("method") + " " + e.get("path") + " " + e.get("status"))
                .toList();
        assertThat(lines).contains("admin POST /admin/v1/finance-keys 201",
                "unauthenticated GET /admin/v1/partners 401",
                "unauthenticated GET /v1/finance/reconciliation 401");
        // The audit read itself is an admin action too.
        assertThat(lines.get(0)).startsWith("admin GET /admin/v1/audit");

        assertThatThrownBy(() -> pool.query("UPDATE audit_log SET actor = 'someone else'").execute().await()
                .atMost(Duration.ofSeconds(5))).hasMessageContaining("append-only");
        assertThatThrownBy(() -> pool.query("DELETE FROM audit_log").execute().await().atMost(Duration.ofSeconds(5)))
                .hasMessageContaining("append-only");
        given().header("Authorization", ADMIN).queryParam("before", "x").get("/admin/v1/audit").then().statusCode(422);
    }
}

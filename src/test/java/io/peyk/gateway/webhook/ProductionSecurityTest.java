package io.peyk.gateway.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.peyk.gateway.EmbeddedServicesResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The production security settings the other tests relax. Webhooks cannot be pointed inside the operator's network
 * (SSRF): internal names and addresses are refused when a partner is registered, and a name that resolves to an internal
 * address is refused when the webhook is sent — the receiver on loopback never sees a request — and the delivery
 * records why. Guessing keys is slowed: after a few failed authentications an address gets 429 until its window ends.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestProfile(ProductionSecurityTest.ProductionSecurity.class)
@WithTestResource(EmbeddedServicesResource.class)
class ProductionSecurityTest {

    /** The production policies (no internal webhook targets, few failed authentications), with quick retries. */
    public static final class ProductionSecurity implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("peyk.webhooks.targets.allow-private", "false", "peyk.webhooks.poll-interval", "50MS",
                    "peyk.webhooks.initial-backoff", "100MS", "peyk.webhooks.max-backoff", "200MS",
                    "peyk.auth.failures.max-per-window", String.valueOf(FAILURES), "peyk.auth.failures.window", "10M");
        }
    }

    static final int FAILURES = 8;

    @Test
    @Order(3) // last: it leaves this address blocked for the rest of this profile's application
    void guessingKeysIsSlowedPerAddress() {
        // Runs in this profile only, where no other test fails authentication from this address before it.
        // Guessed device tokens on the app channel's WebSocket count the same as guessed API keys.
        for (int i = 0; i < FAILURES / 2; i++) {
            given().header("Upgrade", "websocket").header("Authorization", "Bearer pdt_guess" + i)
                    .get("/v1/devices/connect").then().statusCode(401);
        }
        for (int i = FAILURES / 2; i < FAILURES; i++) {
            given().header("Authorization", "Bearer peyk_live_guess" + i).get("/v1/messages/" + UUID.randomUUID())
                    .then().statusCode(401);
        }
        given().header("Authorization", "Bearer peyk_live_guess-more").get("/v1/messages/" + UUID.randomUUID())
                .then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                .body("type", org.hamcrest.Matchers.endsWith("too-many-auth-failures"));
        // The admin token and finance keys are guarded the same way (same address, same window).
        given().header("Authorization", "Bearer dev-admin-token").get("/admin/v1/partners").then().statusCode(429);
        given().header("Authorization", "Bearer peyk_fin_x").get("/v1/finance/statements?period=2026-09").then()
                .statusCode(429);
        given().header("Upgrade", "websocket").header("Authorization", "Bearer pdt_guess-more")
                .get("/v1/devices/connect").then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                .body("type", org.hamcrest.Matchers.endsWith("too-many-auth-failures"));
        // Health is not guarded.
        given().get("/q/health/live").then().statusCode(200);
    }

    private static final Duration DB = Duration.ofSeconds(10);

    @Inject
    Pool pool;

    @Test
    @Order(1)
    void internalWebhookUrlsAreRefusedAtRegistration() {
        for (String url : List.of("http://127.0.0.1:8080/hook", "http://169.254.169.254/latest/meta-data",
                "http://localhost/hook", "http://[::1]/hook", "http://metadata.google.internal/", "http://10.0.0.5/h",
                "http://[::ffff:127.0.0.1]/hook", "https://db.internal/x")) {
            given().header("Authorization", "Bearer dev-admin-token").contentType(ContentType.JSON)
                    .body(Map.of("name", "ssrf-" + UUID.randomUUID(), "senderIds", List.of("3000"), "rateLimitPerSecond", 10,
                            "webhookUrl", url))
                    .post("/admin/v1/partners").then().statusCode(422).contentType("application/problem+json")
                    .body("field", org.hamcrest.Matchers.equalTo("webhookUrl"));
        }
        given().header("Authorization", "Bearer dev-admin-token").contentType(ContentType.JSON)
                .body(Map.of("name", "ssrf-ok-" + UUID.randomUUID(), "senderIds", List.of("3000"), "webhookUrl",
                        "https://hooks.partner.example/peyk", "rateLimitPerSecond", 10))
                .post("/admin/v1/partners").then().statusCode(201);
    }

    @Test
    @Order(2)
    void aNameResolvingInsideIsRefusedWhenSentAndTheReceiverSeesNothing() throws Exception {
        String host = InetAddress.getLocalHost().getHostName();
        InetAddress resolved = InetAddress.getByName(host);
        assumeTrue(resolved.isLoopbackAddress() || resolved.isSiteLocalAddress() || resolved.isLinkLocalAddress(),
                "this machine's host name resolves to an internal address");
        try (TestReceiver receiver = TestReceiver.start(n -> 204)) {
            int port = Integer.parseInt(receiver.url().replaceAll(".*:(\\d+)/hook", "$1"));
            UUID partner = UUID.randomUUID();
            pool.preparedQuery("INSERT INTO partner (id, name, sender_ids, webhook_secret, rate_limit_per_second)"
                    + " VALUES ($1, $2, $3, 'whsec_ssrf', 100)")
                    .execute(Tuple.of(partner, "ssrf-" + partner, new String[]{"PEYK"})).await().atMost(DB);
            long byName = delivery(partner, "http://" + host + ":" + port + "/hook");
            long byAddress = delivery(partner, receiver.url());
            await().atMost(Duration.ofSeconds(15)).until(() -> attempts(byName) >= 2 && attempts(byAddress) >= 2);
            assertThat(error(byName)).contains("webhook target refused").contains(host);
            assertThat(error(byAddress)).contains("webhook target refused").contains("loopback");
            assertThat(receiver.received()).isEmpty();
        }
    }

    private long delivery(UUID partner, String url) {
        return pool.preparedQuery("INSERT INTO webhook_delivery (event_id, partner_id, message_id, url, payload)"
                + " VALUES ($1, $2, $3, $4, '{\"status\": \"DELIVERED\"}'::jsonb) RETURNING id")
                .execute(Tuple.of(UUID.randomUUID(), partner, UUID.randomUUID(), url)).await().atMost(DB).iterator()
                .next().getLong(0);
    }

    private int attempts(long id) {
        return row(id).getInteger("attempts");
    }

    private String error(long id) {
        return row(id).getString("last_error");
    }

    private Row row(long id) {
        return pool.preparedQuery("SELECT attempts, last_error FROM webhook_delivery WHERE id = $1")
                .execute(Tuple.of(id)).await().atMost(DB).iterator().next();
    }
}

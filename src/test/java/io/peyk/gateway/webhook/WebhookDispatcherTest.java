package io.peyk.gateway.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.peyk.gateway.EmbeddedServicesResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
@TestProfile(ShortRetriesProfile.class)
@WithTestResource(EmbeddedServicesResource.class)
class WebhookDispatcherTest {

    private static final Duration DB = Duration.ofSeconds(10);
    private static final String ADMIN = "Bearer dev-admin-token";

    @Inject
    Pool pool;

    private UUID partner(String secret) {
        UUID id = UUID.randomUUID();
        pool.preparedQuery("INSERT INTO partner (id, name, sender_ids, webhook_secret, rate_limit_per_second)"
                + " VALUES ($1, $2, $3, $4, 100)")
                .execute(Tuple.of(id, "wh-" + id, new String[]{"PEYK"}, secret)).await().atMost(DB);
        return id;
    }

    private long delivery(UUID partner, String url, String payload, Duration age) {
        return pool.preparedQuery("INSERT INTO webhook_delivery (event_id, partner_id, message_id, url, payload,"
                + " created_at, next_attempt_at) VALUES ($1, $2, $3, $4, $5::text::jsonb, now() - $6::bigint * interval '1 ms',"
                + " now() - $6::bigint * interval '1 ms') RETURNING id")
                .execute(Tuple.of(UUID.randomUUID(), partner, UUID.randomUUID(), url, payload, age.toMillis()))
                .await().atMost(DB).iterator().next().getLong(0);
    }

    private Row row(long id) {
        return pool.preparedQuery("SELECT status, attempts, last_status_code, last_error, delivered_at, parked_at,"
                + " payload::text AS body, event_id FROM webhook_delivery WHERE id = $1").execute(Tuple.of(id))
                .await().atMost(DB).iterator().next();
    }

    private List<Integer> attemptCodes(long id) {
        List<Integer> codes = new ArrayList<>();
        pool.preparedQuery("SELECT status_code, error, duration_ms FROM webhook_attempt WHERE delivery_id = $1 ORDER BY id")
                .execute(Tuple.of(id)).await().atMost(DB).forEach(r -> {
                    assertThat(r.getInteger("duration_ms")).isNotNegative();
                    codes.add(r.getInteger("status_code"));
                });
        return codes;
    }

    private static String payload(String status) {
        return "{\"eventId\": \"" + UUID.randomUUID() + "\", \"status\": \"" + status + "\", \"segments\": 3,"
                + " \"clientRef\": \"r\u00e9f-\u0633\u0644\u0627\u0645\"}";
    }

    @Test
    void deliversSignedExactBodyWithEventId() throws Exception {
        try (TestReceiver receiver = TestReceiver.start(n -> 200)) {
            UUID partner = partner("whsec_signed");
            long id = delivery(partner, receiver.url(), payload("DELIVERED"), Duration.ZERO);

            await().atMost(Duration.ofSeconds(10)).until(() -> "DELIVERED".equals(row(id).getString("status")));
            Row row = row(id);
            assertThat(row.getInteger("attempts")).isEqualTo(1);
            assertThat(row.getInteger("last_status_code")).isEqualTo(200);
            assertThat(row.getOffsetDateTime("delivered_at")).isNotNull();
            assertThat(receiver.received()).hasSize(1);
            TestReceiver.Received got = receiver.received().get(0);
            assertThat(got.body()).isEqualTo(row.getString("body")).startsWith("{\"").contains("\"status\": \"DELIVERED\"");
            assertThat(got.eventId()).isEqualTo(row.getUUID("event_id").toString());
            assertThat(got.contentType()).isEqualTo("application/json");
            assertThat(got.signature()).matches("t=\\d+,v1=[0-9a-f]{64}");
            assertThat(WebhookSignature.verify("whsec_signed", got.signature(), got.body(), Duration.ofMinutes(5))).isTrue();
            assertThat(WebhookSignature.verify("whsec_other", got.signature(), got.body(), Duration.ofMinutes(5)))
                    .isFalse();
            assertThat(attemptCodes(id)).containsExactly(200);
        }
    }

    @Test
    void serverErrorsAreRetriedUntilDelivered() throws Exception {
        try (TestReceiver receiver = TestReceiver.start(n -> n <= 2 ? 500 : 200)) {
            long id = delivery(partner("whsec_retry"), receiver.url(), payload("SUBMITTED"), Duration.ZERO);

            await().atMost(Duration.ofSeconds(10)).until(() -> "DELIVERED".equals(row(id).getString("status")));
            assertThat(row(id).getInteger("attempts")).isEqualTo(3);
            assertThat(attemptCodes(id)).containsExactly(500, 500, 200);
            assertThat(receiver.received()).hasSize(3).extracting(TestReceiver.Received::eventId).containsOnly(
                    row(id).getUUID("event_id").toString());
            // Each attempt is signed afresh and verifies.
            receiver.received().forEach(r -> assertThat(
                    WebhookSignature.verify("whsec_retry", r.signature(), r.body(), Duration.ofMinutes(5))).isTrue());
        }
    }

    @Test
    void alwaysFailingIsParkedAfterMaxAgeAndOperatorCanRequeueIt() throws Exception {
        AtomicInteger answer = new AtomicInteger(503);
        try (TestReceiver receiver = TestReceiver.start(n -> answer.get())) {
            UUID partner = partner("whsec_park");
            long id = delivery(partner, receiver.url(), payload("FAILED"), Duration.ZERO);

            await().atMost(Duration.ofSeconds(15)).until(() -> "PARKED".equals(row(id).getString("status")));
            Row parked = row(id);
            // max-age 3 s with 100..400 ms backoff: several attempts, the last one at the end of the window.
            assertThat(parked.getInteger("attempts")).isGreaterThanOrEqualTo(4);
            assertThat(parked.getString("last_error")).isEqualTo("HTTP 503");
            assertThat(parked.getOffsetDateTime("parked_at")).isNotNull();
            List<Integer> codes = attemptCodes(id);
            assertThat(codes).hasSize(parked.getInteger("attempts")).containsOnly(503);
            int attemptsWhenParked = receiver.received().size();

            given().header("Authorization", ADMIN).queryParam("partnerId", partner.toString())
                    .when().get("/admin/v1/webhooks/parked")
                    .then().statusCode(200)
                    .body("size()", org.hamcrest.Matchers.is(1))
                    .body("[0].id", org.hamcrest.Matchers.is((int) id))
                    .body("[0].status", org.hamcrest.Matchers.is("PARKED"))
                    .body("[0].lastStatusCode", org.hamcrest.Matchers.is(503))
                    .body("[0].partnerId", org.hamcrest.Matchers.is(partner.toString()));
            // Parked stays parked: no more attempts.
            assertThat(receiver.received()).hasSize(attemptsWhenParked);

            answer.set(204);
            given().header("Authorization", ADMIN).when().post("/admin/v1/webhooks/" + id + "/retry")
                    .then().statusCode(200).body("status", org.hamcrest.Matchers.is("PENDING"));
            await().atMost(Duration.ofSeconds(10)).until(() -> "DELIVERED".equals(row(id).getString("status")));
            assertThat(row(id).getOffsetDateTime("parked_at")).isNull();
            assertThat(attemptCodes(id)).hasSize(codes.size() + 1).endsWith(204);
            given().header("Authorization", ADMIN).queryParam("partnerId", partner.toString())
                    .when().get("/admin/v1/webhooks/parked")
                    .then().statusCode(200).body("size()", org.hamcrest.Matchers.is(0));
        }
    }

    @Test
    void unreachableEndpointIsRecordedAsAnErrorAndRetried() {
        // A port nothing listens on (bound then closed): connection refused.
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        long id = delivery(partner("whsec_refused"), "http://127.0.0.1:" + port + "/hook", payload("DELIVERED"),
                Duration.ZERO);
        await().atMost(Duration.ofSeconds(10)).until(() -> row(id).getInteger("attempts") >= 2);
        Row row = row(id);
        assertThat(row.getInteger("last_status_code")).isNull();
        assertThat(row.getString("last_error")).isNotBlank();
        assertThat(attemptCodes(id)).containsOnlyNulls();
    }

    @Test
    void slowPartnerNeverDelaysAnother() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (TestReceiver slow = TestReceiver.start(n -> {
            release.await(60, TimeUnit.SECONDS);
            return 200;
        }); TestReceiver fast = TestReceiver.start(n -> 200)) {
            try {
                UUID a = partner("whsec_slow");
                UUID b = partner("whsec_fast");
                // Partner A's backlog (100) exceeds the global cap (40) and is older: a dispatcher taking the oldest
                // first, or without a per-partner cap, would give every slot to A's hanging endpoint.
                List<Long> slowIds = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    slowIds.add(delivery(a, slow.url(), payload("DELIVERED"), Duration.ofMinutes(1)));
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> slow.concurrent() == 20);

                long started = System.nanoTime();
                List<Long> fastIds = new ArrayList<>();
                for (int i = 0; i < 30; i++) {
                    fastIds.add(delivery(b, fast.url(), payload("DELIVERED"), Duration.ZERO));
                }
                await().atMost(Duration.ofSeconds(5)).until(() -> fastIds.stream()
                        .allMatch(id -> "DELIVERED".equals(row(id).getString("status"))));
                long tookMs = (System.nanoTime() - started) / 1_000_000;

                assertThat(tookMs).isLessThan(5_000);
                assertThat(fast.received()).hasSize(30);
                // A holds exactly its per-partner cap in flight, no more, and nothing of A finished.
                assertThat(slow.concurrent()).isEqualTo(20);
                assertThat(slow.maxConcurrent()).isEqualTo(20);
                assertThat(slow.received()).hasSize(20);
                assertThat(slowIds).allMatch(id -> "PENDING".equals(row(id).getString("status")));
            } finally {
                release.countDown();
            }
        }
    }
}

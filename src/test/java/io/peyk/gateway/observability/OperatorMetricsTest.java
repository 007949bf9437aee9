package io.peyk.gateway.observability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.peyk.gateway.EmbeddedServicesResource;
import io.peyk.gateway.embedded.EmbeddedSmsc;
import io.peyk.gateway.message.ApiPartner;
import io.peyk.gateway.webhook.WebhookBacklog;
import io.peyk.smpp.pdu.CommandStatus;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The metrics an operator alerts on move with real traffic: submits by SMPP status, receipt latency, window use, the
 * OTT fallback rate and the webhook backlog (embedded SMSC simulator, PostgreSQL and Kafka).
 */
@QuarkusTest
@WithTestResource(EmbeddedServicesResource.class)
class OperatorMetricsTest {

    private static final String CONNECTOR = "connector=\"" + EmbeddedSmsc.CONNECTOR + "\"";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final Duration DB = Duration.ofSeconds(10);

    @Inject
    WebhookBacklog webhookBacklog;
    @Inject
    Pool pool;

    @Test
    void submitsByStatusReceiptLatencyAndWindowFollowTheTraffic() {
        double ok = metric("peyk_smpp_submits_total{" + CONNECTOR + ",status=\"ESME_ROK\"}");
        double invalid = metric("peyk_smpp_submits_total{" + CONNECTOR + ",status=\"ESME_RINVDSTADR\"}");
        double receipts = metric("peyk_smpp_receipt_latency_seconds_count{" + CONNECTOR + "}");
        ApiPartner partner = ApiPartner.create(1000, null);

        String delivered = send(partner, List.of(Map.of("type", "sms", "text", "metrics ok")));
        awaitStatus(partner, delivered, "DELIVERED");
        await().atMost(WAIT).until(() -> metric("peyk_smpp_receipt_latency_seconds_count{" + CONNECTOR + "}") > receipts);
        assertThat(metric("peyk_smpp_submits_total{" + CONNECTOR + ",status=\"ESME_ROK\"}")).isGreaterThan(ok);
        assertThat(metric("peyk_smpp_receipt_latency_seconds_bucket{" + CONNECTOR + ",le=\"+Inf\"}"))
                .isGreaterThan(receipts);

        EmbeddedSmsc.current().orElseThrow().failNext(1, CommandStatus.ESME_RINVDSTADR.code());
        String refused = send(partner, List.of(Map.of("type", "sms", "text", "metrics refused")));
        awaitStatus(partner, refused, "REJECTED");
        assertThat(metric("peyk_smpp_submits_total{" + CONNECTOR + ",status=\"ESME_RINVDSTADR\"}"))
                .isGreaterThanOrEqualTo(invalid + 1);

        assertThat(metric("peyk_smpp_window_capacity{" + CONNECTOR + "}")).isPositive();
        assertThat(metric("peyk_smpp_window_in_flight{" + CONNECTOR + "}")).isNotNegative();
    }

    @Test
    void ottFirstMessagesWithoutADeviceCountAsFallbacks() {
        double routed = metric("peyk_ott_messages_total");
        double noDevice = metric("peyk_ott_fallbacks_total{reason=\"no_device\"}");
        ApiPartner partner = ApiPartner.create(1000, null);

        String id = send(partner, List.of(Map.of("type", "ott", "payload", "bm9ib2R5", "fallbackAfterSeconds", 300),
                Map.of("type", "sms", "text", "sms instead")));
        awaitStatus(partner, id, "DELIVERED");
        assertThat(metric("peyk_ott_messages_total")).isGreaterThanOrEqualTo(routed + 1);
        assertThat(metric("peyk_ott_fallbacks_total{reason=\"no_device\"}")).isGreaterThanOrEqualTo(noDevice + 1);
        assertThat(metric("peyk_ott_fallbacks_total{reason=\"timeout\"}")).isNotNegative();
    }

    @Test
    void webhooksWaitingForADeadEndpointShowAsBacklogAndOverdue() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort(); // closed again: nothing answers there
        }
        ApiPartner partner = ApiPartner.create(1000, "http://127.0.0.1:" + closedPort + "/hook");
        String id = send(partner, List.of(Map.of("type", "sms", "text", "webhook backlog")));
        awaitStatus(partner, id, "DELIVERED");

        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            webhookBacklog.refresh();
            return metric("peyk_webhooks_backlog") >= 1;
        });
        assertThat(metric("peyk_webhooks_attempts_failed_total")).isPositive();

        // Between attempts a failing webhook waits out its backoff: not overdue. One due ten minutes ago that no
        // dispatcher takes (claimed elsewhere, as by a stuck pod) is: the gauge says how long.
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            pool.preparedQuery("""
                    UPDATE webhook_delivery SET next_attempt_at = now() - interval '10 minutes',
                           claimed_until = now() + interval '1 hour'
                     WHERE partner_id = $1 AND status = 'PENDING' AND (claimed_until IS NULL OR claimed_until < now())""")
                    .execute(Tuple.of(UUID.fromString(partner.id()))).await().atMost(DB);
            webhookBacklog.refresh();
            return metric("peyk_webhooks_overdue_seconds") >= 600;
        });
        // Stop retrying the dead endpoint for the rest of this application's tests.
        pool.preparedQuery("UPDATE webhook_delivery SET status = 'PARKED', parked_at = now() WHERE partner_id = $1"
                + " AND status = 'PENDING'").execute(Tuple.of(UUID.fromString(partner.id()))).await().atMost(DB);
    }

    private static String send(ApiPartner partner, List<Map<String, Object>> channels) {
        String to = "+98912" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
        return partner.request().body(Map.of("to", to, "from", "3000", "channels", channels)).post("/v1/messages").then()
                .statusCode(202).extract().path("id");
    }

    private static void awaitStatus(ApiPartner partner, String id, String status) {
        await().atMost(WAIT).until(() -> status.equals(partner.request().get("/v1/messages/" + id).then().extract()
                .path("status")));
    }

    /** The value of one series on /q/metrics (0 when absent), matched by its name and labels in exposition order. */
    static double metric(String series) {
        String name = series.contains("{") ? series.substring(0, series.indexOf('{')) : series;
        List<String> labels = series.contains("{")
                ? List.of(series.substring(series.indexOf('{') + 1, series.length() - 1).split(","))
                : List.of();
        for (String line : given().get("/q/metrics").then().statusCode(200).extract().asString().split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                String head = line.substring(0, line.lastIndexOf(' '));
                if (labels.stream().allMatch(head::contains)) {
                    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        }
        return 0;
    }
}

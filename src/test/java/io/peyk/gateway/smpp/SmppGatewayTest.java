package io.peyk.gateway.smpp;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.peyk.gateway.EmbeddedServicesResource;
import io.peyk.gateway.embedded.EmbeddedSmsc;
import io.peyk.smpp.OutboundSms;
import io.peyk.smpp.SmppBridge;
import io.peyk.smpp.SubmitHandle;
import io.peyk.smpp.encoding.TextEncoding;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The gateway binds to the embedded SMSC simulator, reports the binds in readiness and metrics, and persists part ids. */
@QuarkusTest
@WithTestResource(EmbeddedServicesResource.class)
class SmppGatewayTest {

    @Inject
    SmppBridge bridge;

    @Inject
    Pool pool;

    @Inject
    PostgresPartIdStore partIds;

    @Test
    void readinessReportsTheSmppBindsOfTheEmbeddedSimulator() {
        await().atMost(Duration.ofSeconds(10)).until(() -> bridge.status().get(EmbeddedSmsc.CONNECTOR).up());
        JsonPath body = given().get("/q/health/ready").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> checks = body.getList("checks");
        Map<String, Object> smpp = checks.stream().filter(c -> "smpp-binds".equals(c.get("name"))).findFirst().orElseThrow();
        assertThat(smpp.get("status")).isEqualTo("UP");
        assertThat(smpp.get("data").toString()).contains(EmbeddedSmsc.CONNECTOR + "=1/1 bound");
    }

    @Test
    void aSubmittedMessageHasItsPartIdsInPostgresAndItsReceiptMatched() {
        await().atMost(Duration.ofSeconds(10)).until(() -> bridge.status().get(EmbeddedSmsc.CONNECTOR).up());
        long matchedBefore = bridge.stats().receiptsMatched();
        String text = "سلام! این یک پیام آزمایشی بلند است که باید به چند بخش تقسیم شود. ".repeat(3);
        SubmitHandle handle = bridge.submit(OutboundSms.of("gw-test-1", "3000", "+989121234567", text));

        assertThat(handle.encoding()).isEqualTo(TextEncoding.UCS2);
        assertThat(handle.pdus()).isGreaterThan(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> partRows("gw-test-1") == handle.pdus());
        await().atMost(Duration.ofSeconds(10)).until(() -> bridge.stats().receiptsMatched() - matchedBefore == handle.pdus());
        assertThat(bridge.stats().receiptsUnmatched()).isZero();
    }

    @Test
    void metricsNameTheBindsAndReceipts() {
        await().atMost(Duration.ofSeconds(10)).until(() -> bridge.status().get(EmbeddedSmsc.CONNECTOR).up());
        String body = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(body).contains("peyk_smpp_binds_bound{connector=\"simulator\"")
                .contains("peyk_smpp_receipts_unmatched_total");
    }

    @Test
    void aPartKnownOnlyFromItsStoredReportIsFoundThroughMessagePart() {
        // As after a crash between the bridge's report of a submitted part (stored in message_part) and its part-id write.
        java.util.UUID id = io.peyk.gateway.message.MessageIds.next();
        java.util.UUID partner = java.util.UUID.randomUUID();
        pool.preparedQuery("INSERT INTO partner (id, name, sender_ids, webhook_secret, rate_limit_per_second)"
                + " VALUES ($1, $2, '{3000}', 'whsec_test', 10)").execute(Tuple.of(partner, "pp-" + partner))
                .await().atMost(Duration.ofSeconds(5));
        pool.preparedQuery("INSERT INTO message (id, partner_id, to_number, sender, encoding, segments, status)"
                + " VALUES ($1, $2, '+989121234567', '3000', 'GSM7', 2, 'SUBMITTED')").execute(Tuple.of(id, partner))
                .await().atMost(Duration.ofSeconds(5));
        pool.preparedQuery("INSERT INTO message_part (message_id, seq, total, connector, smsc_message_id, state,"
                + " submitted_at) VALUES ($1, 2, 2, 'simulator', 'only-in-message-part', 'SUBMITTED', now())")
                .execute(Tuple.of(id)).await().atMost(Duration.ofSeconds(5));

        assertThat(partIds.lookup("simulator", "only-in-message-part"))
                .contains(new io.peyk.smpp.PartIdStore.PartRef(id.toString(), 2, 2));
        assertThat(partIds.lookup("other-connector", "only-in-message-part")).isEmpty();
        assertThat(partIds.lookup("simulator", "nowhere")).isEmpty();
    }

    private int partRows(String messageRef) {
        Row row = pool.preparedQuery("SELECT count(*) FROM smpp_part_id WHERE message_ref = $1").execute(Tuple.of(messageRef))
                .await().atMost(Duration.ofSeconds(5)).iterator().next();
        return row.getLong(0).intValue();
    }
}

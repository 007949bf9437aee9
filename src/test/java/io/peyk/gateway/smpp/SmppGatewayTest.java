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

    private int partRows(String messageRef) {
        Row row = pool.preparedQuery("SELECT count(*) FROM smpp_part_id WHERE message_ref = $1").execute(Tuple.of(messageRef))
                .await().atMost(Duration.ofSeconds(5)).iterator().next();
        return row.getLong(0).intValue();
    }
}

package io.peyk.gateway.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.peyk.gateway.EmbeddedServicesResource;
import io.peyk.gateway.GatewayTestTexts;
import io.peyk.gateway.KafkaRecords;
import io.peyk.gateway.crypto.TextCiphers;
import io.peyk.gateway.crypto.TextColumn;
import io.peyk.gateway.embedded.EmbeddedSmsc;
import io.peyk.gateway.webhook.WebhookSignature;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** MO from the SMSC reaches the partner that owns the short code as a signed webhook; unroutable MO is kept. */
@QuarkusTest
@WithTestResource(EmbeddedServicesResource.class)
class InboundRoutingTest {

    @Inject
    Pool pool;

    @Inject
    TextCiphers ciphers;

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aLongPersianMoIsReassembledAndDeliveredToTheOwnerOfTheShortCode() throws Exception {
        List<String[]> callbacks = new CopyOnWriteArrayList<>();
        HttpServer endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        endpoint.createContext("/mo", exchange -> {
            callbacks.add(new String[]{exchange.getRequestHeaders().getFirst("Peyk-Signature"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)});
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        endpoint.start();
        try {
            String shortCode = Integer.toString(ThreadLocalRandom.current().nextInt(700_000, 799_999));
            UUID partner = partner(shortCode, "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/mo");

            EmbeddedSmsc.current().orElseThrow().injectMo("+989121234567", shortCode, GatewayTestTexts.PERSIAN_200);

            await().atMost(Duration.ofSeconds(20)).until(() -> !callbacks.isEmpty());
            JsonObject body = new JsonObject(callbacks.get(0)[1]);
            assertThat(WebhookSignature.verify("whsec_inbound", callbacks.get(0)[0], callbacks.get(0)[1],
                    Duration.ofMinutes(5))).isTrue();
            assertThat(body.getString("type")).isEqualTo("message.inbound");
            assertThat(body.getString("text")).isEqualTo(GatewayTestTexts.PERSIAN_200);
            assertThat(body.getString("from")).isEqualTo("+989121234567");
            assertThat(body.getString("to")).isEqualTo(shortCode);
            assertThat(body.getInteger("parts")).isEqualTo(3);
            assertThat(body.getBoolean("complete")).isTrue();
            Row row = pool.preparedQuery("SELECT partner_id, routed FROM inbound_message WHERE id = $1")
                    .execute(Tuple.of(UUID.fromString(body.getString("inboundId")))).await().atMost(Duration.ofSeconds(5))
                    .iterator().next();
            assertThat(row.getUUID("partner_id")).isEqualTo(partner);
            assertThat(row.getBoolean("routed")).isTrue();

            JsonObject usage = KafkaRecords.await(bootstrap, "peyk.usage-events", r -> partner.toString().equals(r.key()), 1)
                    .get(0);
            assertThat(usage.getString("kind")).isEqualTo("sms.inbound");
            assertThat(usage.getString("partnerId")).isEqualTo(partner.toString());
            assertThat(usage.getInteger("quantity")).isEqualTo(1);
            assertThat(usage.getString("inboundId")).isEqualTo(body.getString("inboundId"));
        } finally {
            endpoint.stop(0);
        }
    }

    @Test
    void moToADestinationNoPartnerOwnsIsKeptAsUnroutable() throws Exception {
        String nobody = Integer.toString(ThreadLocalRandom.current().nextInt(90_000_000, 99_999_999));
        EmbeddedSmsc.current().orElseThrow().injectMo("+989121234567", nobody, "STOP");

        // The text is stored encrypted (io.peyk.gateway.crypto): compare it decrypted.
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            List<Row> rows = new java.util.ArrayList<>();
            pool.preparedQuery("SELECT id, text_enc FROM inbound_message WHERE destination = $1 AND NOT routed"
                    + " AND partner_id IS NULL AND text IS NULL").execute(Tuple.of(nobody)).await()
                    .atMost(Duration.ofSeconds(5)).forEach(rows::add);
            return rows.size() == 1
                    && "STOP".equals(ciphers.cipher().decrypt(TextColumn.INBOUND_TEXT, rows.get(0).getUUID("id"),
                            rows.get(0).getBuffer("text_enc").getBytes()));
        });
    }

    private UUID partner(String shortCode, String webhookUrl) {
        UUID id = UUID.randomUUID();
        pool.preparedQuery("INSERT INTO partner (id, name, sender_ids, webhook_url, webhook_secret, rate_limit_per_second)"
                + " VALUES ($1, $2, $3, $4, 'whsec_inbound', 100)")
                .execute(Tuple.tuple().addUUID(id).addString("mo-" + id).addArrayOfString(new String[]{shortCode})
                        .addString(webhookUrl))
                .await().atMost(Duration.ofSeconds(5));
        return id;
    }
}

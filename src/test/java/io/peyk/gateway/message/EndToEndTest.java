package io.peyk.gateway.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.peyk.gateway.EmbeddedServicesResource;
import io.peyk.gateway.GatewayTestTexts;
import io.peyk.gateway.KafkaRecords;
import io.peyk.gateway.webhook.WebhookSignature;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

/**
 * The end-to-end proof through real PostgreSQL, Kafka and SMPP: a 200-character Persian message is accepted,
 * submitted in 3 UCS-2 parts, receipted and DELIVERED; its events are on the topic; the partner's webhook receives
 * correctly signed callbacks.
 */
@QuarkusTest
@WithTestResource(EmbeddedServicesResource.class)
class EndToEndTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    record Callback(String signature, String eventId, String body) {
    }

    @Test
    void persianLongMessageIsDeliveredWithEventsAndSignedWebhooks() throws IOException {
        List<Callback> callbacks = new CopyOnWriteArrayList<>();
        HttpServer partnerEndpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        partnerEndpoint.createContext("/hook", exchange -> {
            callbacks.add(new Callback(exchange.getRequestHeaders().getFirst("Peyk-Signature"),
                    exchange.getRequestHeaders().getFirst("Peyk-Event-Id"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        partnerEndpoint.start();
        try {
            ApiPartner p = ApiPartner.create(1000,
                    "http://127.0.0.1:" + partnerEndpoint.getAddress().getPort() + "/hook");
            String id = p.request()
                    .body(Map.of("to", "+989121234567", "from", "3000", "text", GatewayTestTexts.PERSIAN_200, "clientRef",
                            "e2e-1"))
                    .post("/v1/messages").then().statusCode(202).extract().path("id");

            await().atMost(Duration.ofSeconds(30)).until(
                    () -> "DELIVERED".equals(p.request().get("/v1/messages/" + id).then().extract().path("status")));
            var view = p.request().get("/v1/messages/" + id).then().extract().jsonPath();
            assertThat(view.getString("encoding")).isEqualTo("UCS2");
            assertThat(view.getInt("segments")).isEqualTo(3);
            assertThat(view.getList("parts.state")).containsExactly("DELIVERED", "DELIVERED", "DELIVERED");
            assertThat(view.getList("transitions.status")).containsExactly("ACCEPTED", "SUBMITTED", "DELIVERED");

            await().atMost(Duration.ofSeconds(30)).until(() -> callbacks.size() >= 3);
            List<String> statuses = new ArrayList<>();
            for (Callback c : callbacks) {
                assertThat(WebhookSignature.verify(p.webhookSecret(), c.signature(), c.body(), Duration.ofMinutes(5)))
                        .as("signature of %s", c.eventId()).isTrue();
                assertThat(WebhookSignature.verify("whsec_wrong", c.signature(), c.body(), Duration.ofMinutes(5))).isFalse();
                JsonObject body = new JsonObject(c.body());
                assertThat(body.getString("messageId")).isEqualTo(id);
                assertThat(body.getString("clientRef")).isEqualTo("e2e-1");
                assertThat(body.getString("eventId")).isEqualTo(c.eventId());
                assertThat(body.getInteger("segments")).isEqualTo(3);
                assertThat(body.containsKey("text")).isFalse();
                statuses.add(body.getString("status"));
            }
            assertThat(statuses).containsExactlyInAnyOrder("ACCEPTED", "SUBMITTED", "DELIVERED");

            List<JsonObject> events = KafkaRecords.await(bootstrap, "peyk.message-events", r -> id.equals(r.key()), 3);
            assertThat(events).extracting(e -> e.getString("status")).containsExactly("ACCEPTED", "SUBMITTED", "DELIVERED");
            assertThat(events).allSatisfy(e -> {
                assertThat(e.getString("partnerId")).isEqualTo(p.id());
                assertThat(e.getString("encoding")).isEqualTo("UCS2");
                assertThat(e.getString("eventId")).isNotBlank();
            });

            JsonObject usage = KafkaRecords.await(bootstrap, "peyk.usage-events", r -> p.id().equals(r.key()), 1).get(0);
            assertThat(usage.getString("kind")).isEqualTo("sms.segment");
            assertThat(usage.getInteger("quantity")).isEqualTo(3);
            assertThat(usage.getString("unit")).isEqualTo("segment");
            assertThat(usage.getString("number")).isEqualTo("+989121234567");
            assertThat(usage.getString("messageId")).isEqualTo(id);
            assertThat(usage.getString("eventId")).isNotBlank();
        } finally {
            partnerEndpoint.stop(0);
        }
    }
}

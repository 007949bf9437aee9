package io.peyk.gateway.inbound;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.micrometer.core.instrument.MeterRegistry;
import io.peyk.gateway.EmbeddedServicesResource;
import io.peyk.gateway.crypto.TextCiphers;
import io.peyk.gateway.crypto.TextColumn;
import io.peyk.gateway.embedded.EmbeddedSmsc;
import io.peyk.gateway.webhook.WebhookSignature;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Partners sharing a short code by keyword: MO from the SMSC simulator reaches the keyword's partner in any spelling of
 * the keyword, else the code's owner, else it is kept unroutable; suspended partners get nothing.
 */
@QuarkusTest
@WithTestResource(EmbeddedServicesResource.class)
class InboundKeywordRoutingTest {

    private static final Duration DB = Duration.ofSeconds(5);
    private static final String SECRET = "whsec_keywords";
    private static final String SUBSCRIBER = "+989121234567";

    @Inject
    Pool pool;

    @Inject
    MeterRegistry registry;

    @Inject
    TextCiphers ciphers;

    /** Webhook bodies received, by path ("/a", "/b", ...) and then by MO text. */
    private final Map<String, Map<String, JsonObject>> received = new ConcurrentHashMap<>();
    private HttpServer endpoint;

    @BeforeEach
    void startEndpoint() throws Exception {
        endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        endpoint.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean signed = WebhookSignature.verify(SECRET, exchange.getRequestHeaders().getFirst("Peyk-Signature"),
                    body, Duration.ofMinutes(5));
            JsonObject json = new JsonObject(body);
            received.computeIfAbsent(exchange.getRequestURI().getPath(), p -> new ConcurrentHashMap<>())
                    .put(json.getString("text"), json.put("_signed", signed));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        endpoint.start();
    }

    @AfterEach
    void stopEndpoint() {
        endpoint.stop(0);
    }

    @Test
    void partnersSharingAShortCodeGetTheirMoByKeywordAndTheOwnerGetsTheRest() throws Exception {
        String code = shortCode();
        UUID snapp = partner(List.of(code), "/snapp", "ACTIVE");
        UUID tapsi = partner(List.of("Tapsi"), "/tapsi", "ACTIVE");
        rule(code, "SNAPP", snapp);
        rule(code, "Tapsi", tapsi);
        rule(code, "تاكسي", tapsi); // Arabic kaf and yeh: stored in Persian spelling
        rule(code, "۱۲۳", tapsi); // Persian digits: stored as 123

        Map<String, String> toSnapp = Map.of("snapp 1", "snapp", "SnApP", "snapp", "hello there", "",
                "snappy 3", "");
        Map<String, String> toTapsi = Map.of("  TAPSI 2", "tapsi", "تاکسی لطفا", "تاکسی", "\u200Cتاكسي ۲", "تاکسی",
                "١٢٣ ok", "123");
        for (String text : toSnapp.keySet()) {
            mo(code, text);
        }
        for (String text : toTapsi.keySet()) {
            mo(code, text);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> webhooks("/snapp").size() == toSnapp.size()
                && webhooks("/tapsi").size() == toTapsi.size());
        assertDelivered("/snapp", toSnapp, snapp, code);
        assertDelivered("/tapsi", toTapsi, tapsi, code);

        // The usage event of a keyword-routed MO charges the keyword's partner, in the same statement.
        String inboundId = webhooks("/tapsi").get("١٢٣ ok").getString("inboundId");
        Row usage = one("SELECT record_key, payload->>'partnerId' FROM outbox WHERE topic = 'peyk.usage-events'"
                + " AND payload->>'inboundId' = $1", Tuple.of(inboundId)).orElseThrow();
        assertThat(usage.getString(0)).isEqualTo(tapsi.toString());
        assertThat(usage.getString(1)).isEqualTo(tapsi.toString());
    }

    @Test
    void moNoActivePartnerReceivesIsKeptUnroutableAndCounted() throws Exception {
        double unroutableBefore = registry.counter("peyk.inbound.unroutable").count();
        // A code nobody owns, with one keyword rule.
        String shared = shortCode();
        UUID rider = partner(List.of("Rider"), "/rider", "ACTIVE");
        rule(shared, "ride", rider);
        // A code whose owner is active, with a rule for a suspended partner.
        String owned = shortCode();
        UUID owner = partner(List.of(owned), "/owner", "ACTIVE");
        UUID suspended = partner(List.of("Gone"), "/gone", "SUSPENDED");
        rule(owned, "gone", suspended);
        // A code whose owner is suspended.
        String dormant = shortCode();
        partner(List.of(dormant), "/dormant", "SUSPENDED");

        mo(shared, "unknown keyword");
        mo(shared, "RIDE now");
        mo(owned, "GONE please");
        mo(owned, "hello owner");
        mo(dormant, "anyone there");

        Row unknown = stored(shared, "unknown keyword");
        assertThat(unknown.getBoolean("routed")).isFalse();
        assertThat(unknown.getUUID("partner_id")).isNull();
        assertThat(unknown.getString("keyword")).isNull();

        Row ride = stored(shared, "RIDE now");
        assertThat(ride.getBoolean("routed")).isTrue();
        assertThat(ride.getUUID("partner_id")).isEqualTo(rider);
        assertThat(ride.getString("keyword")).isEqualTo("ride");

        // The rule claims its MO: the owner of the code does not get MO meant for the suspended partner.
        Row gone = stored(owned, "GONE please");
        assertThat(gone.getBoolean("routed")).isFalse();
        assertThat(gone.getUUID("partner_id")).isNull();
        assertThat(gone.getString("keyword")).isEqualTo("gone");
        assertThat(webhookCount(gone.getUUID("id"))).isZero();

        Row hello = stored(owned, "hello owner");
        assertThat(hello.getUUID("partner_id")).isEqualTo(owner);
        assertThat(hello.getString("keyword")).isNull();

        Row dormantMo = stored(dormant, "anyone there");
        assertThat(dormantMo.getBoolean("routed")).isFalse();
        assertThat(webhookCount(dormantMo.getUUID("id"))).isZero();

        // Counted just after the statement that stored the row.
        await().atMost(Duration.ofSeconds(5))
                .until(() -> registry.counter("peyk.inbound.unroutable").count() >= unroutableBefore + 3);
        await().atMost(Duration.ofSeconds(30)).until(() -> webhooks("/rider").containsKey("RIDE now")
                && webhooks("/owner").containsKey("hello owner"));
        assertThat(webhooks("/rider")).containsOnlyKeys("RIDE now");
        assertThat(webhooks("/owner")).containsOnlyKeys("hello owner");
        assertThat(webhooks("/gone")).isEmpty();
        assertThat(webhooks("/dormant")).isEmpty();
    }

    @Test
    void binaryMoHasNoKeywordAndGoesToTheOwner() throws Exception {
        String code = shortCode();
        UUID owner = partner(List.of(code), "/owner", "ACTIVE");
        UUID cafe = partner(List.of("Cafe"), "/cafe", "ACTIVE");
        rule(code, "cafe", cafe);

        // 8-bit data CA FE: the bridge hands it on as the hex text "cafe", which is no keyword.
        EmbeddedSmsc.current().orElseThrow().injectMoParts(SUBSCRIBER, code, (byte) 0x04, false,
                List.of(new byte[]{(byte) 0xCA, (byte) 0xFE}));
        mo(code, "CAFE latte");

        Row binary = stored(code, "cafe");
        assertThat(binary.getUUID("partner_id")).isEqualTo(owner);
        assertThat(binary.getString("keyword")).isNull();
        Row text = stored(code, "CAFE latte");
        assertThat(text.getUUID("partner_id")).isEqualTo(cafe);
        assertThat(text.getString("keyword")).isEqualTo("cafe");
    }

    private void assertDelivered(String path, Map<String, String> expected, UUID partner, String code) {
        Map<String, JsonObject> bodies = webhooks(path);
        assertThat(bodies).containsOnlyKeys(expected.keySet());
        expected.forEach((text, keyword) -> {
            JsonObject body = bodies.get(text);
            assertThat(body.getBoolean("_signed")).as(text).isTrue();
            assertThat(body.getString("type")).isEqualTo("message.inbound");
            assertThat(body.getString("to")).isEqualTo(code);
            assertThat(body.containsKey("keyword")).isTrue();
            assertThat(body.getString("keyword")).as(text).isEqualTo(keyword.isEmpty() ? null : keyword);
            Row row = one("SELECT partner_id, routed, keyword FROM inbound_message WHERE id = $1",
                    Tuple.of(UUID.fromString(body.getString("inboundId")))).orElseThrow();
            assertThat(row.getUUID("partner_id")).isEqualTo(partner);
            assertThat(row.getBoolean("routed")).isTrue();
            assertThat(row.getString("keyword")).as(text).isEqualTo(keyword.isEmpty() ? null : keyword);
        });
    }

    private Map<String, JsonObject> webhooks(String path) {
        return received.getOrDefault(path, Map.of());
    }

    private long webhookCount(UUID inboundId) {
        return one("SELECT count(*) FROM webhook_delivery WHERE message_id = $1", Tuple.of(inboundId)).orElseThrow()
                .getLong(0);
    }

    /** The stored MO to {@code destination} with {@code text}, once it is there. */
    private Row stored(String destination, String text) {
        AtomicReference<Row> row = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            // The text is stored encrypted (io.peyk.gateway.crypto): compare it decrypted.
            pool.preparedQuery("SELECT id, partner_id, routed, keyword, text_enc FROM inbound_message"
                    + " WHERE destination = $1 AND text_enc IS NOT NULL").execute(Tuple.of(destination)).await().atMost(DB)
                    .forEach(r -> {
                        if (text.equals(ciphers.cipher().decrypt(TextColumn.INBOUND_TEXT, r.getUUID("id"),
                                r.getBuffer("text_enc").getBytes()))) {
                            row.set(r);
                        }
                    });
            return row.get() != null;
        });
        return row.get();
    }

    private Optional<Row> one(String sql, Tuple args) {
        RowIterator<Row> rows = pool.preparedQuery(sql).execute(args).await().atMost(DB).iterator();
        return rows.hasNext() ? Optional.of(rows.next()) : Optional.empty();
    }

    private static void mo(String destination, String text) throws Exception {
        EmbeddedSmsc.current().orElseThrow().injectMo(SUBSCRIBER, destination, text);
    }

    private static String shortCode() {
        return Integer.toString(ThreadLocalRandom.current().nextInt(600_000, 699_999));
    }

    private UUID partner(List<String> senderIds, String path, String status) {
        UUID id = UUID.randomUUID();
        pool.preparedQuery("INSERT INTO partner (id, name, sender_ids, webhook_url, webhook_secret, rate_limit_per_second,"
                + " status) VALUES ($1, $2, $3, $4, $5, 100, $6)")
                .execute(Tuple.tuple().addUUID(id).addString("kw-" + id).addArrayOfString(senderIds.toArray(String[]::new))
                        .addString("http://127.0.0.1:" + endpoint.getAddress().getPort() + path).addString(SECRET)
                        .addString(status))
                .await().atMost(DB);
        return id;
    }

    private static void rule(String senderId, String keyword, UUID partner) {
        given().header("Authorization", "Bearer dev-admin-token").contentType(ContentType.JSON)
                .body(Map.of("senderId", senderId, "keyword", keyword, "partnerId", partner.toString()))
                .post("/admin/v1/inbound-keywords").then().statusCode(201);
    }
}

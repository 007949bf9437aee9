package io.peyk.gateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.peyk.gateway.EmbeddedServicesResource;
import io.peyk.gateway.embedded.EmbeddedSmsc;
import io.peyk.gateway.message.ApiPartner;
import io.peyk.gateway.retention.TextRetention;
import io.peyk.smpp.simulator.ReceivedSubmit;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Message and MO text are stored only encrypted: the plaintext columns stay NULL, the encrypted ones (and the stored MO
 * webhook body) do not contain the text, and the SMSC and the partner's webhook still get the text. Rows under the previous key
 * (the test profile has
 * {@code dev0} and the active {@code dev1}) and rows written before encryption are still delivered.
 */
@QuarkusTest
@WithTestResource(EmbeddedServicesResource.class)
class EncryptedTextTest {

    private static final Duration DB = Duration.ofSeconds(5);

    @Inject
    Pool pool;

    @Inject
    TextCiphers ciphers;

    @Inject
    CryptoConfig config;

    @Inject
    TextRetention retention;

    @Test
    void aMessageSentThroughTheApiIsStoredEncryptedAndTheSmscGetsItsText() {
        ApiPartner partner = ApiPartner.create(100, null);
        String to = number();
        String text = "\u06a9\u062f \u0634\u0645\u0627 4711 \u0627\u0633\u062a";

        Map<String, String> request = Map.of("to", to, "from", "3000", "text", text);
        String id = partner.request().header("Idempotency-Key", "enc-1").body(request).post("/v1/messages").then()
                .statusCode(202).extract().path("id");
        // A retry is recognised by a keyed digest of the request, not an unkeyed hash a guessed text could be checked
        // against.
        assertThat(partner.request().header("Idempotency-Key", "enc-1").body(request).post("/v1/messages").then()
                .statusCode(202).extract().<String>path("id")).isEqualTo(id);
        partner.request().header("Idempotency-Key", "enc-1").body(Map.of("to", to, "from", "3000", "text", text + "!"))
                .post("/v1/messages").then().statusCode(422);

        Row row = one("SELECT text, text_enc, request_hash FROM message WHERE id = $1", UUID.fromString(id));
        assertThat(TextCipher.keyIdOf(row.getBuffer("request_hash").getBytes())).isEqualTo("dev1");
        assertThat(row.getBuffer("request_hash").length()).isEqualTo(2 + 4 + 32);
        assertThat(row.getString("text")).isNull();
        byte[] sealed = row.getBuffer("text_enc").getBytes();
        assertThat(contains(sealed, text.getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(contains(sealed, "4711".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(TextCipher.keyIdOf(sealed)).isEqualTo("dev1");
        assertThat(ciphers.cipher().decrypt(TextColumn.MESSAGE_TEXT, UUID.fromString(id), sealed)).isEqualTo(text);

        assertThat(ucs2Received(to)).isEqualTo(text);
    }

    @Test
    void rowsUnderThePreviousKeyAndRowsWrittenBeforeEncryptionAreStillSent() {
        UUID partner = UUID.fromString(ApiPartner.create(100, null).id());
        TextCipher beforeRotation = TextCipher.of(config.keys(), "dev0");
        assertThat(ciphers.cipher().activeKeyId()).isEqualTo("dev1");

        String oldKeyNumber = number();
        String oldKeyText = "\u0633\u0644\u0627\u0645 under dev0";
        UUID oldKeyRow = UUID.randomUUID();
        insertAccepted(oldKeyRow, partner, oldKeyNumber, null,
                beforeRotation.encrypt(TextColumn.MESSAGE_TEXT, oldKeyRow, oldKeyText));

        String legacyNumber = number();
        String legacyText = "\u0633\u0644\u0627\u0645 in the clear";
        insertAccepted(UUID.randomUUID(), partner, legacyNumber, legacyText, null);

        assertThat(ucs2Received(oldKeyNumber)).isEqualTo(oldKeyText);
        assertThat(ucs2Received(legacyNumber)).isEqualTo(legacyText);
    }

    @Test
    void aRowCopiedFromAnotherMessageFailsInsteadOfSendingItsText() {
        UUID partner = UUID.fromString(ApiPartner.create(100, null).id());
        UUID original = UUID.randomUUID();
        byte[] sealed = ciphers.cipher().encrypt(TextColumn.MESSAGE_TEXT, original, "\u0633\u0644\u0627\u0645 not yours");
        UUID copy = UUID.randomUUID();
        String to = number();
        insertAccepted(copy, partner, to, null, sealed);

        await().atMost(Duration.ofSeconds(20)).until(() -> "FAILED".equals(
                one("SELECT status FROM message WHERE id = $1", copy).getString("status")));
        assertThat(one("SELECT last_error FROM message WHERE id = $1", copy).getString(0))
                .isEqualTo("the stored text could not be decrypted");
        assertThat(submitsTo(to)).isEmpty();
    }

    @Test
    void moTextIsStoredEncryptedAndTheWebhookStillCarriesIt() throws Exception {
        List<String> bodies = new CopyOnWriteArrayList<>();
        HttpServer endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        endpoint.createContext("/mo", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        endpoint.start();
        try {
            String shortCode = Integer.toString(ThreadLocalRandom.current().nextInt(800_000, 899_999));
            pool.preparedQuery("INSERT INTO partner (id, name, sender_ids, webhook_url, webhook_secret,"
                    + " rate_limit_per_second) VALUES ($1, $2, $3, $4, 'whsec_enc', 100)")
                    .execute(Tuple.tuple().addUUID(UUID.randomUUID()).addString("enc-" + UUID.randomUUID())
                            .addArrayOfString(new String[]{shortCode})
                            .addString("http://127.0.0.1:" + endpoint.getAddress().getPort() + "/mo"))
                    .await().atMost(DB);
            String text = "JOIN \u0628\u0627\u0634\u06af\u0627\u0647 7391";

            EmbeddedSmsc.current().orElseThrow().injectMo("+989121234567", shortCode, text);

            await().atMost(Duration.ofSeconds(20)).until(() -> !bodies.isEmpty());
            JsonObject body = new JsonObject(bodies.get(0));
            assertThat(body.getString("text")).isEqualTo(text);
            UUID inbound = UUID.fromString(body.getString("inboundId"));
            Row row = one("SELECT text, text_enc FROM inbound_message WHERE id = $1", inbound);
            assertThat(row.getString("text")).isNull();
            byte[] sealed = row.getBuffer("text_enc").getBytes();
            assertThat(contains(sealed, text.getBytes(StandardCharsets.UTF_8))).isFalse();
            assertThat(contains(sealed, "7391".getBytes(StandardCharsets.UTF_8))).isFalse();
            assertThat(ciphers.cipher().decrypt(TextColumn.INBOUND_TEXT, inbound, sealed)).isEqualTo(text);
            // The webhook body waiting in webhook_delivery holds the text sealed too.
            JsonObject stored = new JsonObject(one("SELECT payload::text FROM webhook_delivery WHERE message_id = $1",
                    inbound).getString(0));
            assertThat(stored.getString("text")).isNull();
            assertThat(stored.getString(InboundWebhookText.FIELD)).isNotBlank();
            assertThat(stored.encode()).doesNotContain("7391").doesNotContain("JOIN");
            assertThat(body.containsKey(InboundWebhookText.FIELD)).isFalse();
        } finally {
            endpoint.stop(0);
        }
    }

    @Test
    void retentionPurgesTheEncryptedText() {
        UUID partner = UUID.fromString(ApiPartner.create(100, null).id());
        UUID id = UUID.randomUUID();
        long finalAgoMs = retention.messageTextRetention().plusHours(1).toMillis();
        pool.preparedQuery("INSERT INTO message (id, partner_id, to_number, sender, text_enc, encoding, segments, status,"
                + " created_at, final_at) VALUES ($1, $2, '+989121234567', '3000', $3, 'UCS2', 1, 'DELIVERED',"
                + " now() - $4::bigint * interval '1 ms', now() - $4::bigint * interval '1 ms')")
                .execute(Tuple.of(id, partner, Buffer.buffer(ciphers.cipher().encrypt(TextColumn.MESSAGE_TEXT, id, "old")),
                        finalAgoMs))
                .await().atMost(DB);

        retention.purgeNow().await().atMost(DB);

        Row row = one("SELECT text, text_enc, text_purged_at FROM message WHERE id = $1", id);
        assertThat(row.getValue("text_enc")).isNull();
        assertThat(row.getOffsetDateTime("text_purged_at")).isNotNull();
    }

    private void insertAccepted(UUID id, UUID partner, String to, String text, byte[] sealed) {
        pool.preparedQuery("INSERT INTO message (id, partner_id, to_number, sender, text, text_enc, encoding, segments,"
                + " status) VALUES ($1, $2, $3, '3000', $4, $5, 'UCS2', 1, 'ACCEPTED')")
                .execute(Tuple.tuple().addUUID(id).addUUID(partner).addString(to).addString(text)
                        .addValue(sealed == null ? null : Buffer.buffer(sealed)))
                .await().atMost(DB);
    }

    /** The text of the single UCS-2 part the SMSC simulator received for this number, once it is there. */
    private static String ucs2Received(String to) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !submitsTo(to).isEmpty());
        List<ReceivedSubmit> submits = submitsTo(to);
        assertThat(submits).hasSize(1);
        assertThat(submits.get(0).dataCoding()).isEqualTo(8);
        assertThat(submits.get(0).hasUdh()).isFalse();
        return new String(submits.get(0).shortMessage(), StandardCharsets.UTF_16BE);
    }

    private static List<ReceivedSubmit> submitsTo(String to) {
        String digits = to.substring(1);
        return EmbeddedSmsc.current().orElseThrow().received().stream()
                .filter(r -> r.destinationAddr().endsWith(digits)).toList();
    }

    private static String number() {
        return "+98912" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
    }

    private Row one(String sql, UUID id) {
        return Optional.of(pool.preparedQuery(sql).execute(Tuple.of(id)).await().atMost(DB).iterator())
                .filter(it -> it.hasNext()).map(it -> it.next()).orElseThrow();
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer : for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}

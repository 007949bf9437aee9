package io.peyk.gateway.message;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.peyk.gateway.api.ProblemException;
import io.peyk.gateway.crypto.TextCiphers;
import io.peyk.gateway.crypto.TextColumn;
import io.peyk.gateway.partner.Partner;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Accepts messages: one statement (one implicit transaction) writes the message, its ACCEPTED transition, its event and
 * its webhook, and only then does the API answer 202. With an {@code Idempotency-Key}, a retry with the same body gets the
 * first answer again;
 * the same key with another body is refused.
 */
@ApplicationScoped
public class MessageService {

    /** Length of an unkeyed SHA-256 request hash (rows written before V13); keyed digests are longer. */
    static final int LEGACY_HASH_BYTES = 32;

    private final Pool pool;
    private final Dispatcher dispatcher;
    private final TextCiphers ciphers;

    MessageService(Pool pool, Dispatcher dispatcher, TextCiphers ciphers) {
        this.pool = pool;
        this.dispatcher = dispatcher;
        this.ciphers = ciphers;
    }

    Uni<MessageAccepted> accept(Partner partner, ValidMessage message, Optional<String> idempotencyKey) {
        UUID id = MessageIds.next();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        byte[] canonical = canonicalRequest(message);
        // Keyed: an unkeyed hash over a short text (a one-time code) and known numbers could be reversed by guessing.
        byte[] hash = ciphers.cipher().digest(canonical);
        Optional<String> webhookUrl = message.callbackUrl().or(partner::webhookUrl);
        MessageEvents.Snapshot snapshot = new MessageEvents.Snapshot(id, partner.id(), message.to(), message.clientRef(),
                message.encoding(), message.segments(), Optional.empty(), webhookUrl, now, message.firstChannel(),
                Optional.empty());
        MessageEvents.Payloads payloads = MessageEvents.payloads(snapshot, null, MessageStatus.ACCEPTED, Optional.empty(),
                now);
        return insert(partner, message, id, now, hash, idempotencyKey, webhookUrl, payloads).chain(inserted -> {
            if (inserted) {
                dispatcher.wakeUp();
                return Uni.createFrom().item(new MessageAccepted(id, MessageStatus.ACCEPTED, message.firstChannel(),
                        message.encoding(),
                        message.segments(), message.clientRef().orElse(null), now));
            }
            return replay(partner, idempotencyKey.orElseThrow(), canonical);
        });
    }

    /**
     * One statement, so one implicit transaction and one round trip: the message, its ACCEPTED transition, its event in
     * the outbox and its webhook. Nothing is written when the idempotency key is already taken.
     */
    private Uni<Boolean> insert(Partner partner, ValidMessage m, UUID id, Instant now, byte[] hash,
            Optional<String> idempotencyKey, Optional<String> webhookUrl, MessageEvents.Payloads payloads) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        Optional<OttHop> ott = m.ott();
        Tuple params = Tuple.tuple().addUUID(id).addUUID(partner.id()).addString(m.clientRef().orElse(null))
                .addString(idempotencyKey.orElse(null)).addValue(Buffer.buffer(hash))
                .addString(m.to()).addString(m.from()).addString(null).addString(m.encoding())
                .addInteger(m.segments()).addString(m.callbackUrl().orElse(null))
                .addInteger(m.validitySeconds().orElse(null)).addOffsetDateTime(at).addString(MessageEvents.TOPIC)
                .addValue(payloads.event()).addUUID(payloads.eventId()).addString(webhookUrl.orElse(null))
                .addValue(payloads.webhookBody()).addString(m.firstChannel())
                .addBoolean(ott.isPresent() && m.text().isPresent())
                .addValue(ott.map(o -> Buffer.buffer(o.payload())).orElse(null))
                .addInteger(ott.map(o -> o.payload().length).orElse(null))
                .addString(ott.map(o -> o.successStatus().name()).orElse(null))
                .addInteger(ott.map(OttHop::fallbackAfterSeconds).orElse(null))
                // The text only encrypted (io.peyk.gateway.crypto): the plaintext column stays NULL.
                .addValue(m.text().map(t -> Buffer.buffer(ciphers.cipher().encrypt(TextColumn.MESSAGE_TEXT, id, t)))
                        .orElse(null));
        return pool.preparedQuery("""
                WITH m AS (
                    INSERT INTO message (id, partner_id, client_ref, idempotency_key, request_hash, to_number, sender,
                                         text, encoding, segments, callback_url, validity_seconds, status, created_at,
                                         updated_at, next_attempt_at, channel, sms_fallback, ott_payload,
                                         ott_payload_bytes, ott_success_status, ott_fallback_after_seconds, text_enc)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'ACCEPTED', $13, $13, $13, $19, $20, $21,
                            $22, $23, $24, $25)
                    ON CONFLICT (partner_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
                    RETURNING id),
                t AS (INSERT INTO message_transition (message_id, status, at) SELECT id, 'ACCEPTED', $13 FROM m),
                o AS (INSERT INTO outbox (topic, record_key, payload) SELECT $14, id::text, $15 FROM m),
                w AS (INSERT INTO webhook_delivery (event_id, partner_id, message_id, url, payload)
                      SELECT $16, $2, id, $17, $18 FROM m WHERE $17::text IS NOT NULL)
                SELECT count(*) FROM m""").execute(params).map(rows -> rows.iterator().next().getLong(0) == 1);
    }

    /** The answer to a repeated idempotency key: the first answer when the body is the same, else a 422 problem. */
    private Uni<MessageAccepted> replay(Partner partner, String idempotencyKey, byte[] canonical) {
        return pool.preparedQuery("SELECT id, encoding, segments, client_ref, request_hash, created_at,"
                + " CASE WHEN ott_success_status IS NULL THEN 'sms' ELSE 'ott' END AS first_channel FROM message"
                + " WHERE partner_id = $1 AND idempotency_key = $2").execute(Tuple.of(partner.id(), idempotencyKey))
                .map(rows -> {
                    Row row = first(rows).orElseThrow(() -> ProblemException.of(409, "idempotency-conflict",
                            "Idempotency conflict", "a request with this Idempotency-Key is in progress; retry"));
                    byte[] stored = row.getBuffer("request_hash").getBytes();
                    if (!sameRequest(stored, canonical)) {
                        throw new ProblemException(422, "idempotency-key-reused", "Idempotency-Key reused",
                                "this Idempotency-Key was used with a different request body", Optional.of("Idempotency-Key"),
                                java.util.Map.of());
                    }
                    return new MessageAccepted(row.getUUID("id"), MessageStatus.ACCEPTED, row.getString("first_channel"),
                            row.getString("encoding"),
                            row.getInteger("segments"), row.getString("client_ref"),
                            row.getOffsetDateTime("created_at").toInstant());
                });
    }

    static Optional<Row> first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? Optional.of(it.next()) : Optional.empty();
    }

    /**
     * Whether the stored request hash is that of this request: a keyed digest ({@code TextCipher#digest}, under the key it
     * names), or the unkeyed SHA-256 of rows written before text encryption.
     */
    private boolean sameRequest(byte[] stored, byte[] canonical) {
        return stored.length == LEGACY_HASH_BYTES
                ? Arrays.equals(stored, legacyRequestHash(canonical))
                : ciphers.cipher().digestMatches(stored, canonical);
    }

    /** The request's canonical fields (after validation), each length-prefixed, then the OTT payload. */
    static byte[] canonicalRequest(ValidMessage m) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String ott = m.ott().map(o -> o.successStatus() + "/" + o.fallbackAfterSeconds()).orElse("-");
        for (String part : new String[]{m.to(), m.from(), m.text().orElse("\u0000"), m.clientRef().orElse(""),
                m.callbackUrl().orElse(""), m.validitySeconds().map(String::valueOf).orElse(""), ott}) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            out.write(bytes.length >>> 24);
            out.write(bytes.length >>> 16);
            out.write(bytes.length >>> 8);
            out.write(bytes.length);
            out.writeBytes(bytes);
        }
        m.ott().ifPresent(o -> out.writeBytes(o.payload()));
        return out.toByteArray();
    }

    /** The request hash of rows written before text encryption: SHA-256 over the canonical request. */
    static byte[] legacyRequestHash(byte[] canonical) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(canonical);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

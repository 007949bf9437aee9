package io.peyk.gateway.message;

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
import io.peyk.gateway.partner.Partner;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Accepts messages: one transaction writes the message, its ACCEPTED transition, its event and its webhook, and only
 * then does the API answer 202. With an {@code Idempotency-Key}, a retry with the same body gets the first answer again;
 * the same key with another body is refused.
 */
@ApplicationScoped
public class MessageService {

    private final Pool pool;
    private final Dispatcher dispatcher;

    MessageService(Pool pool, Dispatcher dispatcher) {
        this.pool = pool;
        this.dispatcher = dispatcher;
    }

    Uni<MessageAccepted> accept(Partner partner, ValidMessage message, Optional<String> idempotencyKey) {
        UUID id = MessageIds.next();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        byte[] hash = requestHash(message);
        Optional<String> webhookUrl = message.callbackUrl().or(partner::webhookUrl);
        return pool.withTransaction(conn -> insert(conn, partner, message, id, now, hash, idempotencyKey)
                .chain(inserted -> {
                    if (!inserted) {
                        return Uni.createFrom().item(Optional.<MessageAccepted>empty());
                    }
                    MessageEvents.Snapshot snapshot = new MessageEvents.Snapshot(id, partner.id(), message.clientRef(),
                            message.encoding(), message.segments(), Optional.empty(), webhookUrl, now);
                    return MessageEvents.record(conn, snapshot, null, MessageStatus.ACCEPTED, Optional.empty(), now)
                            .replaceWith(Optional.of(new MessageAccepted(id, MessageStatus.ACCEPTED, message.encoding(),
                                    message.segments(), message.clientRef().orElse(null), now)));
                })).chain(accepted -> {
                    if (accepted.isPresent()) {
                        dispatcher.wakeUp();
                        return Uni.createFrom().item(accepted.get());
                    }
                    return replay(partner, idempotencyKey.orElseThrow(), hash);
                });
    }

    private static Uni<Boolean> insert(SqlConnection conn, Partner partner, ValidMessage m, UUID id, Instant now,
            byte[] hash, Optional<String> idempotencyKey) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        Tuple params = Tuple.tuple().addUUID(id).addUUID(partner.id()).addString(m.clientRef().orElse(null))
                .addString(idempotencyKey.orElse(null)).addValue(io.vertx.core.buffer.Buffer.buffer(hash)).addString(m.to())
                .addString(m.from())
                .addString(m.text()).addString(m.encoding()).addInteger(m.segments())
                .addString(m.callbackUrl().orElse(null)).addInteger(m.validitySeconds().orElse(null))
                .addOffsetDateTime(at);
        return conn.preparedQuery("""
                INSERT INTO message (id, partner_id, client_ref, idempotency_key, request_hash, to_number, sender, text,
                                     encoding, segments, callback_url, validity_seconds, status, created_at, updated_at,
                                     next_attempt_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'ACCEPTED', $13, $13, $13)
                ON CONFLICT (partner_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
                RETURNING id""").execute(params).map(rows -> rows.rowCount() == 1);
    }

    /** The answer to a repeated idempotency key: the first answer when the body is the same, else a 422 problem. */
    private Uni<MessageAccepted> replay(Partner partner, String idempotencyKey, byte[] hash) {
        return pool.preparedQuery("SELECT id, encoding, segments, client_ref, request_hash, created_at FROM message"
                + " WHERE partner_id = $1 AND idempotency_key = $2").execute(Tuple.of(partner.id(), idempotencyKey))
                .map(rows -> {
                    Row row = first(rows).orElseThrow(() -> ProblemException.of(409, "idempotency-conflict",
                            "Idempotency conflict", "a request with this Idempotency-Key is in progress; retry"));
                    byte[] stored = row.getBuffer("request_hash").getBytes();
                    if (!Arrays.equals(stored, hash)) {
                        throw new ProblemException(422, "idempotency-key-reused", "Idempotency-Key reused",
                                "this Idempotency-Key was used with a different request body", Optional.of("Idempotency-Key"),
                                java.util.Map.of());
                    }
                    return new MessageAccepted(row.getUUID("id"), MessageStatus.ACCEPTED, row.getString("encoding"),
                            row.getInteger("segments"), row.getString("client_ref"),
                            row.getOffsetDateTime("created_at").toInstant());
                });
    }

    static Optional<Row> first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? Optional.of(it.next()) : Optional.empty();
    }

    /** SHA-256 over the request's canonical fields (after validation), to tell a retry from a different request. */
    static byte[] requestHash(ValidMessage m) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : new String[]{m.to(), m.from(), m.text(), m.clientRef().orElse(""),
                    m.callbackUrl().orElse(""), m.validitySeconds().map(String::valueOf).orElse("")}) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                digest.update((byte) (bytes.length >>> 24));
                digest.update((byte) (bytes.length >>> 16));
                digest.update((byte) (bytes.length >>> 8));
                digest.update((byte) bytes.length);
                digest.update(bytes);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

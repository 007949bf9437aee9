package io.peyk.gateway.message;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Moves a message forward, never back: the UPDATE only matches when the current status may precede the new one, and in
 * the same transaction records the transition, its event and its webhook. A transition that does not apply (a late or
 * repeated event) changes nothing.
 */
final class MessageTransitions {

    private MessageTransitions() {
    }

    static Uni<Boolean> advance(Pool pool, UUID id, MessageStatus status, Optional<MessageEvents.Failure> failure) {
        return pool.withTransaction(conn -> advance(conn, id, status, failure));
    }

    static Uni<Boolean> advance(SqlConnection conn, UUID id, MessageStatus status,
            Optional<MessageEvents.Failure> failure) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String[] from = status.allowedFrom().stream().map(Enum::name).toArray(String[]::new);
        Tuple params = Tuple.tuple().addUUID(id).addString(status.name()).addOffsetDateTime(now.atOffset(ZoneOffset.UTC))
                .addBoolean(status.isFinal()).addInteger(failure.map(MessageEvents.Failure::commandStatus).orElse(null))
                .addString(failure.map(MessageEvents.Failure::description).orElse(null)).addArrayOfString(from);
        return conn.preparedQuery("""
                WITH old AS (SELECT id, status FROM message WHERE id = $1 FOR UPDATE)
                UPDATE message m
                   SET status = $2, updated_at = $3, final_at = CASE WHEN $4 THEN $3 ELSE m.final_at END,
                       last_error_status = COALESCE($5, m.last_error_status), last_error = COALESCE($6, m.last_error),
                       claimed_by = NULL, claimed_until = NULL
                  FROM old, partner p
                 WHERE m.id = old.id AND p.id = m.partner_id AND old.status = ANY($7)
                RETURNING old.status AS previous, m.partner_id, m.to_number, m.client_ref, m.encoding, m.segments,
                          m.connector, m.channel, m.fallback_reason, m.fallback_at,
                          COALESCE(m.callback_url, p.webhook_url) AS webhook_url, m.created_at""").execute(params)
                .chain(rows -> {
                    Optional<Row> row = MessageService.first(rows);
                    if (row.isEmpty()) {
                        return Uni.createFrom().item(false);
                    }
                    Row r = row.get();
                    MessageEvents.Snapshot snapshot = new MessageEvents.Snapshot(id, r.getUUID("partner_id"),
                            r.getString("to_number"),
                            Optional.ofNullable(r.getString("client_ref")), r.getString("encoding"), r.getInteger("segments"),
                            Optional.ofNullable(r.getString("connector")), Optional.ofNullable(r.getString("webhook_url")),
                            r.getOffsetDateTime("created_at").toInstant(), r.getString("channel"),
                            Optional.ofNullable(r.getString("fallback_reason")).map(reason -> new MessageEvents.Fallback(
                                    reason, r.getOffsetDateTime("fallback_at").toInstant())));
                    return MessageEvents.record(conn, snapshot, MessageStatus.valueOf(r.getString("previous")), status,
                            failure, now).replaceWith(true);
                });
    }
}

package io.peyk.gateway.message;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads a partner's message; another partner's message is simply not found. */
@ApplicationScoped
public class MessageQueries {

    private final Pool pool;

    MessageQueries(Pool pool) {
        this.pool = pool;
    }

    Uni<Optional<MessageView>> find(UUID partnerId, UUID id) {
        return pool.preparedQuery("""
                SELECT id, status, to_number, sender, client_ref, encoding, segments, connector, last_error_status,
                       last_error, created_at, updated_at, channel, fallback_reason, fallback_at, ott_success_status,
                       ott_fallback_after_seconds, ott_payload_bytes, ott_delivered_at, ott_read_at, ott_revoked_at,
                       ott_late_ack_status, ott_late_ack_at
                  FROM message WHERE id = $1 AND partner_id = $2""").execute(Tuple.of(id, partnerId)).chain(rows -> {
            Optional<Row> row = MessageService.first(rows);
            if (row.isEmpty()) {
                return Uni.createFrom().item(Optional.<MessageView>empty());
            }
            Row m = row.get();
            Uni<List<MessageView.Part>> parts = pool.preparedQuery("""
                    SELECT seq, smsc_message_id, state, command_status, error_code, submitted_at, receipt_at
                      FROM message_part WHERE message_id = $1 ORDER BY seq""").execute(Tuple.of(id)).map(rs -> {
                List<MessageView.Part> list = new ArrayList<>();
                for (Row p : rs) {
                    list.add(new MessageView.Part(p.getInteger("seq"), p.getString("smsc_message_id"), p.getString("state"),
                            p.getInteger("command_status"), p.getString("error_code"), instant(p.getOffsetDateTime(
                                    "submitted_at")),
                            instant(p.getOffsetDateTime("receipt_at"))));
                }
                return list;
            });
            Uni<List<MessageView.Transition>> transitions = pool
                    .preparedQuery("SELECT status, at FROM message_transition WHERE message_id = $1 ORDER BY at, status")
                    .execute(Tuple.of(id)).map(rs -> {
                        List<MessageView.Transition> list = new ArrayList<>();
                        for (Row t : rs) {
                            list.add(new MessageView.Transition(MessageStatus.valueOf(t.getString("status")),
                                    t.getOffsetDateTime("at").toInstant()));
                        }
                        return list;
                    });
            return Uni.combine().all().unis(parts, transitions).asTuple().map(pt -> {
                Integer errStatus = m.getInteger("last_error_status");
                String errText = m.getString("last_error");
                MessageView.Error error = errStatus == null && errText == null
                        ? null
                        : new MessageView.Error(errStatus, errText);
                return Optional.of(new MessageView(m.getUUID("id"), MessageStatus.valueOf(m.getString("status")),
                        m.getString("to_number"), m.getString("sender"), m.getString("client_ref"), m.getString("channel"),
                        fallback(m), ott(m),
                        m.getString("encoding"), m.getInteger("segments"), m.getString("connector"), pt.getItem1(),
                        pt.getItem2(), error, m.getOffsetDateTime("created_at").toInstant(),
                        m.getOffsetDateTime("updated_at").toInstant()));
            });
        });
    }

    private static MessageView.Fallback fallback(Row m) {
        String reason = m.getString("fallback_reason");
        return reason == null ? null : new MessageView.Fallback(reason, instant(m.getOffsetDateTime("fallback_at")));
    }

    private static MessageView.Ott ott(Row m) {
        String success = m.getString("ott_success_status");
        if (success == null) {
            return null;
        }
        return new MessageView.Ott(success, m.getInteger("ott_fallback_after_seconds"), m.getInteger("ott_payload_bytes"),
                instant(m.getOffsetDateTime("ott_delivered_at")), instant(m.getOffsetDateTime("ott_read_at")),
                instant(m.getOffsetDateTime("ott_revoked_at")), m.getString("ott_late_ack_status"),
                instant(m.getOffsetDateTime("ott_late_ack_at")));
    }

    private static java.time.Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}

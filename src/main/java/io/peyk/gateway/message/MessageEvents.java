package io.peyk.gateway.message;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Writes what a status change announces, in the transaction of the change itself: the transition row, the event for
 * Kafka topic {@value #TOPIC} (outbox) and the partner's webhook (when it has a URL). Payloads never carry the text.
 *
 * <p>
 * Event schema (JSON, one per transition, Kafka key = message id): {@code eventId} (UUID, for dedup), {@code type}
 * ({@code message.status}), {@code partnerId}, {@code messageId}, {@code clientRef}, {@code status},
 * {@code previousStatus}, {@code channel} ({@code ott} or {@code sms}: where the message is, or was delivered),
 * {@code fallback} ({@code {reason, at}} once it left the app channel: {@code no_device}, {@code push_refused},
 * {@code timeout}; else null), {@code segments}, {@code encoding}, {@code connector},
 * {@code error} ({@code {status, description}} or null), {@code occurredAt}, {@code acceptedAt} (ISO-8601 UTC).
 */
final class MessageEvents {

    static final String TOPIC = "peyk.message-events";
    static final String USAGE_TOPIC = "peyk.usage-events";

    private MessageEvents() {
    }

    /** A message as a transition needs it. */
    record Snapshot(UUID messageId, UUID partnerId, String toNumber, Optional<String> clientRef, String encoding,
            int segments, Optional<String> connector, Optional<String> webhookUrl, Instant acceptedAt, String channel,
            Optional<Fallback> fallback) {
    }

    /** Why and when a message left the app channel for SMS. */
    record Fallback(String reason, Instant at) {

        JsonObject toJson() {
            return new JsonObject().put("reason", reason).put("at", at.toString());
        }
    }

    /** The error a transition carries, if any. */
    record Failure(Integer commandStatus, String description) {
    }

    /** The event for the outbox and the webhook body of one transition, sharing one event id. */
    record Payloads(UUID eventId, JsonObject event, JsonObject webhookBody) {
    }

    static Payloads payloads(Snapshot m, MessageStatus previous, MessageStatus status, Optional<Failure> error,
            Instant at) {
        UUID eventId = MessageIds.next();
        JsonObject errorJson = error.map(e -> new JsonObject().put("status", e.commandStatus()).put("description",
                e.description())).orElse(null);
        JsonObject fallback = m.fallback().map(Fallback::toJson).orElse(null);
        JsonObject event = new JsonObject().put("eventId", eventId.toString()).put("type", "message.status")
                .put("partnerId", m.partnerId().toString()).put("messageId", m.messageId().toString())
                .put("clientRef", m.clientRef().orElse(null)).put("status", status.name())
                .put("previousStatus", previous == null ? null : previous.name()).put("channel", m.channel())
                .put("fallback", fallback)
                .put("segments", m.segments()).put("encoding", m.encoding()).put("connector", m.connector().orElse(null))
                .put("error", errorJson).put("occurredAt", at.toString()).put("acceptedAt", m.acceptedAt().toString());
        JsonObject body = new JsonObject().put("eventId", eventId.toString()).put("type", "message.status")
                .put("messageId", m.messageId().toString()).put("clientRef", m.clientRef().orElse(null))
                .put("status", status.name()).put("channel", m.channel()).put("fallback", fallback)
                .put("segments", m.segments())
                .put("encoding", m.encoding()).put("error", errorJson).put("occurredAt", at.toString());
        return new Payloads(eventId, event, body);
    }

    static Uni<Void> record(SqlConnection conn, Snapshot m, MessageStatus previous, MessageStatus status,
            Optional<Failure> error, Instant at) {
        Payloads p = payloads(m, previous, status, error, at);
        Uni<Void> transition = conn
                .preparedQuery("INSERT INTO message_transition (message_id, status, at, detail) VALUES ($1, $2, $3, $4)"
                        + " ON CONFLICT DO NOTHING")
                .execute(Tuple.of(m.messageId(), status.name(), at.atOffset(ZoneOffset.UTC),
                        error.map(Failure::description).orElse(null)))
                .replaceWithVoid();
        Uni<Void> outbox = conn.preparedQuery("INSERT INTO outbox (topic, record_key, payload) VALUES ($1, $2, $3)")
                .execute(Tuple.of(TOPIC, m.messageId().toString(), p.event())).replaceWithVoid();
        Uni<Void> webhook = m.webhookUrl().map(url -> conn
                .preparedQuery("INSERT INTO webhook_delivery (event_id, partner_id, message_id, url, payload)"
                        + " VALUES ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(p.eventId(), m.partnerId(), m.messageId(), url, p.webhookBody())).replaceWithVoid())
                .orElse(Uni.createFrom().voidItem());
        Uni<Void> usage = status != MessageStatus.SUBMITTED
                ? Uni.createFrom().voidItem()
                : conn.preparedQuery("INSERT INTO outbox (topic, record_key, payload) VALUES ($1, $2, $3)")
                        .execute(Tuple.of(USAGE_TOPIC, m.partnerId().toString(), usage(m, at))).replaceWithVoid();
        return transition.chain(() -> outbox).chain(() -> webhook).chain(() -> usage);
    }

    /**
     * The usage event of a submitted message, for billing: kind {@code sms.segment}, quantity = its billable segments.
     * Schema (docs/events.md): {@code eventId}, {@code kind}, {@code partnerId}, {@code number}, {@code quantity},
     * {@code unit}, {@code eventTime}, {@code source} ({@code gateway}), {@code messageId}, {@code connector}.
     */
    static JsonObject usage(Snapshot m, Instant at) {
        return new JsonObject().put("eventId", MessageIds.next().toString()).put("kind", "sms.segment")
                .put("partnerId", m.partnerId().toString()).put("number", m.toNumber()).put("quantity", m.segments())
                .put("unit", "segment").put("eventTime", at.toString()).put("source", "gateway")
                .put("messageId", m.messageId().toString()).put("connector", m.connector().orElse(null));
    }

    /**
     * The usage event of a message delivered over the app channel: kind {@code ott.message}, quantity 1, plus the bytes
     * the delivering connection pushed for it ({@code bytesDown}, message frames) and received ({@code bytesUp},
     * acknowledgement frames).
     */
    static JsonObject ottUsage(UUID messageId, UUID partnerId, String number, long bytesDown, long bytesUp,
            Instant at) {
        return new JsonObject().put("eventId", MessageIds.next().toString()).put("kind", "ott.message")
                .put("partnerId", partnerId.toString()).put("number", number).put("quantity", 1).put("unit", "message")
                .put("eventTime", at.toString()).put("source", "gateway").put("messageId", messageId.toString())
                .put("bytesDown", bytesDown).put("bytesUp", bytesUp);
    }
}

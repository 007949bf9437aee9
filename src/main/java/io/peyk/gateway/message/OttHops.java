package io.peyk.gateway.message;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The OTT hop of a message, as PostgreSQL records it: routing to the app channel, the app's acknowledgements, and the
 * fallback to SMS (or expiry when no SMS hop follows). Every change is one transaction that also writes the transition,
 * its event and webhook, and the notification ({@link OttNotice}) that lets the instance holding the device act.
 *
 * <p>
 * Fallback happens at most once: it only applies to a message still on the app channel, under its row lock, and in the
 * same transaction revokes the OTT copy ({@code ott_revoked_at}); an acknowledgement committed after that is
 * {@link OttAck#LATE} and only recorded. The fallback timer ({@code fallback_due_at}) lives in the row, so a restart or
 * a dead instance neither loses nor doubles it ({@link FallbackTimers}).
 */
@ApplicationScoped
public class OttHops {

    /** Why a message leaves the app channel for SMS ({@code message.fallback_reason}). */
    static final String NO_DEVICE = "no_device";
    static final String TIMEOUT = "timeout";
    static final String PUSH_REFUSED = "push_refused";
    static final List<String> FALLBACK_REASONS = List.of(NO_DEVICE, TIMEOUT, PUSH_REFUSED);

    private final Pool pool;
    private final InFlight inFlight;
    private final MessagesConfig config;
    private final Counter routed;
    private final MeterRegistry registry;
    private final Map<String, Counter> fallbacks = new ConcurrentHashMap<>();

    OttHops(Pool pool, InFlight inFlight, MessagesConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.inFlight = inFlight;
        this.config = config;
        this.registry = registry;
        this.routed = Counter.builder("peyk.ott.messages")
                .description("OTT-first messages routed: onto the app channel, or straight to SMS without a live device")
                .register(registry);
        FALLBACK_REASONS.forEach(this::fallbackCounter);
    }

    /**
     * Puts an accepted OTT-first message on the app channel (OTT_PENDING, timer armed, push notice sent), or straight to
     * SMS when its number has no live device and an SMS hop follows.
     */
    Uni<Void> route(UUID id) {
        return pool.withTransaction(conn -> conn.preparedQuery("""
                SELECT m.sms_fallback,
                       EXISTS (SELECT 1 FROM device_presence d JOIN gateway_instance g ON g.id = d.instance_id
                                WHERE d.partner_id = m.partner_id AND d.msisdn = m.to_number
                                  AND g.heartbeat_at > now() - $2 * interval '1 millisecond') AS live
                  FROM message m WHERE m.id = $1 AND m.status = 'ACCEPTED' AND m.channel = 'ott' FOR UPDATE OF m""")
                .execute(Tuple.of(id, config.ott().presenceTimeout().toMillis())).chain(rows -> {
                    Optional<Row> row = MessageService.first(rows);
                    if (row.isEmpty()) {
                        return Uni.createFrom().item(false);
                    }
                    routed.increment();
                    if (row.get().getBoolean("live") || !row.get().getBoolean("sms_fallback")) {
                        return waitForApp(conn, id).replaceWith(false);
                    }
                    return fallBack(conn, id, NO_DEVICE);
                })).invoke(fellBack -> {
                    if (fellBack) {
                        inFlight.wakeUp();
                    }
                }).replaceWithVoid();
    }

    private Counter fallbackCounter(String reason) {
        return fallbacks.computeIfAbsent(reason, r -> Counter.builder("peyk.ott.fallbacks").tag("reason", r)
                .description("OTT-first messages that fell back to SMS, by reason").register(registry));
    }

    private Uni<Void> waitForApp(SqlConnection conn, UUID id) {
        return conn.preparedQuery("""
                UPDATE message SET fallback_due_at = $4::timestamptz + ott_fallback_after_seconds * interval '1 second'
                 WHERE id = $1
                RETURNING (SELECT 1 FROM (SELECT pg_notify($2, 'push ' || id || ' ' || partner_id || ' ' || to_number
                           || ' ' || CASE WHEN ott_payload_bytes <= $3
                                          THEN translate(encode(ott_payload, 'base64'), E'\\n', '') ELSE '-' END)) n)""")
                .execute(Tuple.of(id, OttNotice.CHANNEL, config.ott().maxInlinePayloadBytes(),
                        // The gateway's clock, as for the OTT_PENDING transition, so the two agree.
                        Instant.now().truncatedTo(ChronoUnit.MICROS).atOffset(java.time.ZoneOffset.UTC)))
                .chain(() -> MessageTransitions.advance(conn, id, MessageStatus.OTT_PENDING, Optional.empty()))
                .replaceWithVoid();
    }

    /**
     * Leaves the app channel for SMS: revokes the OTT copy (notice to the device's instance), records why, and queues
     * the SMS hop. True when it applied (the message was still on the app channel and has an SMS hop).
     */
    private Uni<Boolean> fallBack(SqlConnection conn, UUID id, String reason) {
        return conn.preparedQuery("""
                UPDATE message SET channel = 'sms', fallback_reason = $2, fallback_at = now(), fallback_due_at = NULL,
                       ott_revoked_at = now(), ott_payload = NULL, next_attempt_at = now(), claimed_by = NULL,
                       claimed_until = NULL
                 WHERE id = $1 AND status IN ('ACCEPTED', 'OTT_PENDING') AND channel = 'ott' AND sms_fallback
                RETURNING (SELECT 1 FROM (SELECT pg_notify($3, 'revoke ' || id || ' ' || partner_id || ' '
                           || to_number)) n)""").execute(Tuple.of(id, reason, OttNotice.CHANNEL)).chain(rows -> {
            if (rows.rowCount() == 0) {
                return Uni.createFrom().item(false);
            }
            return MessageTransitions.advance(conn, id, MessageStatus.SMS_FALLBACK, Optional.empty())
                    .invoke(applied -> fallbackCounter(reason).increment());
        });
    }

    /** Ends an OTT-only message the app did not acknowledge in time: its copy is revoked and it EXPIRES. */
    private Uni<Boolean> expire(SqlConnection conn, UUID id, int seconds) {
        return conn.preparedQuery("""
                UPDATE message SET fallback_due_at = NULL, ott_revoked_at = now(), ott_payload = NULL
                 WHERE id = $1 AND status = 'OTT_PENDING' AND NOT sms_fallback
                RETURNING (SELECT 1 FROM (SELECT pg_notify($2, 'revoke ' || id || ' ' || partner_id || ' '
                           || to_number)) n)""").execute(Tuple.of(id, OttNotice.CHANNEL)).chain(rows -> {
            if (rows.rowCount() == 0) {
                return Uni.createFrom().item(false);
            }
            return MessageTransitions.advance(conn, id, MessageStatus.EXPIRED, Optional.of(new MessageEvents.Failure(
                    null, "no acknowledgement from the app within " + seconds + " seconds")));
        });
    }

    /**
     * Fires one due fallback timer, if no other instance is firing it: SMS_FALLBACK (reason {@code timeout}) or EXPIRED.
     * True when it fired here.
     */
    Uni<Boolean> fire(UUID id) {
        return pool.withTransaction(conn -> conn.preparedQuery("""
                SELECT sms_fallback, ott_fallback_after_seconds FROM message
                 WHERE id = $1 AND status = 'OTT_PENDING' AND fallback_due_at <= now() FOR UPDATE SKIP LOCKED""")
                .execute(Tuple.of(id)).chain(rows -> {
                    Optional<Row> row = MessageService.first(rows);
                    if (row.isEmpty()) {
                        return Uni.createFrom().item(false);
                    }
                    return row.get().getBoolean("sms_fallback")
                            ? fallBack(conn, id, TIMEOUT)
                            : expire(conn, id, row.get().getInteger("ott_fallback_after_seconds"));
                })).invoke(fired -> {
                    if (fired) {
                        inFlight.wakeUp();
                    }
                });
    }

    /**
     * The instance holding the number's connections could not push the message (every connection refused it): fall
     * back now rather than at the timer, when an SMS hop follows and no other live instance holds a device of the
     * number. Otherwise the timer decides.
     */
    public Uni<Boolean> refused(UUID id, String instanceId) {
        return pool.withTransaction(conn -> conn.preparedQuery("""
                SELECT 1 FROM message m
                 WHERE m.id = $1 AND NOT EXISTS (
                       SELECT 1 FROM device_presence d JOIN gateway_instance g ON g.id = d.instance_id
                        WHERE d.partner_id = m.partner_id AND d.msisdn = m.to_number AND d.instance_id <> $2
                          AND g.heartbeat_at > now() - $3 * interval '1 millisecond')""")
                .execute(Tuple.of(id, instanceId, config.ott().presenceTimeout().toMillis()))
                // A device of the number on another instance may have taken it: then its timer decides.
                .chain(rows -> rows.size() == 0 ? Uni.createFrom().item(false) : fallBack(conn, id, PUSH_REFUSED)))
                .invoke(fellBack -> {
                    if (fellBack) {
                        inFlight.wakeUp();
                    }
                });
    }

    /** What waits for the app of this partner and number, oldest first, at most {@code limit}. */
    public Uni<List<PendingFrame>> pending(UUID partnerId, String msisdn, int limit) {
        return pool.preparedQuery("""
                SELECT id, ott_payload, created_at FROM message
                 WHERE partner_id = $1 AND to_number = $2 AND status = 'OTT_PENDING' AND ott_payload IS NOT NULL
                 ORDER BY id LIMIT $3""").execute(Tuple.of(partnerId, msisdn, limit)).map(rows -> {
            List<PendingFrame> frames = new ArrayList<>();
            rows.forEach(r -> frames.add(frame(r)));
            return frames;
        });
    }

    /** One waiting message (for a push notice too large to carry its payload), if it still waits. */
    public Uni<Optional<PendingFrame>> load(UUID id) {
        return pool.preparedQuery("SELECT id, ott_payload, created_at FROM message WHERE id = $1"
                + " AND status = 'OTT_PENDING' AND ott_payload IS NOT NULL").execute(Tuple.of(id))
                .map(rows -> MessageService.first(rows).map(OttHops::frame));
    }

    private static PendingFrame frame(Row r) {
        return new PendingFrame(r.getUUID("id"), r.getBuffer("ott_payload").getBytes(),
                r.getOffsetDateTime("created_at").toInstant());
    }

    /**
     * Applies an app's acknowledgement of a message pushed to this partner's app for this number. Bytes are what the
     * delivering connection pushed for the message and received in acknowledgements (for the usage event).
     */
    public Uni<OttAck> ack(UUID partnerId, String msisdn, UUID id, OttSuccess status, long bytesDown, long bytesUp) {
        return pool.withTransaction(conn -> conn.preparedQuery("""
                SELECT status, ott_success_status, ott_revoked_at FROM message
                 WHERE id = $1 AND partner_id = $2 AND to_number = $3 AND ott_success_status IS NOT NULL
                 FOR UPDATE""").execute(Tuple.of(id, partnerId, msisdn)).chain(rows -> {
            Optional<Row> row = MessageService.first(rows);
            if (row.isEmpty()) {
                return Uni.createFrom().item(OttAck.UNKNOWN);
            }
            Row r = row.get();
            if (r.getValue("ott_revoked_at") != null) {
                return conn.preparedQuery("UPDATE message SET ott_late_ack_status = COALESCE(ott_late_ack_status, $2),"
                        + " ott_late_ack_at = COALESCE(ott_late_ack_at, now()) WHERE id = $1")
                        .execute(Tuple.of(id, status.name())).replaceWith(OttAck.LATE);
            }
            MessageStatus current = MessageStatus.valueOf(r.getString("status"));
            OttSuccess success = OttSuccess.valueOf(r.getString("ott_success_status"));
            return switch (current) {
                case OTT_PENDING -> status == OttSuccess.DELIVERED && success == OttSuccess.READ
                        ? record(conn, id, status).replaceWith(OttAck.RECORDED)
                        : deliver(conn, id, status, bytesDown, bytesUp);
                case DELIVERED -> status == OttSuccess.READ
                        ? record(conn, id, status).chain(() -> MessageTransitions.advance(conn, id, MessageStatus.READ,
                                Optional.empty())).replaceWith(OttAck.READ)
                        : Uni.createFrom().item(OttAck.DUPLICATE);
                case READ -> Uni.createFrom().item(OttAck.DUPLICATE);
                default -> Uni.createFrom().item(OttAck.UNKNOWN);
            };
        }));
    }

    private static Uni<Void> record(SqlConnection conn, UUID id, OttSuccess status) {
        return conn.preparedQuery("UPDATE message SET ott_delivered_at = COALESCE(ott_delivered_at, now()),"
                + " ott_read_at = CASE WHEN $2 THEN COALESCE(ott_read_at, now()) ELSE ott_read_at END WHERE id = $1")
                .execute(Tuple.of(id, status == OttSuccess.READ)).replaceWithVoid();
    }

    /** The success status was reached on the app channel: DELIVERED (then READ for a read ack), with its usage event. */
    private Uni<OttAck> deliver(SqlConnection conn, UUID id, OttSuccess status, long bytesDown, long bytesUp) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return conn.preparedQuery("""
                UPDATE message SET fallback_due_at = NULL, ott_payload = NULL,
                       ott_delivered_at = COALESCE(ott_delivered_at, now()),
                       ott_read_at = CASE WHEN $2 THEN COALESCE(ott_read_at, now()) ELSE ott_read_at END
                 WHERE id = $1
                RETURNING partner_id, to_number, (SELECT 1 FROM (SELECT pg_notify($3, 'acked ' || id || ' '
                          || partner_id || ' ' || to_number)) n)""")
                .execute(Tuple.of(id, status == OttSuccess.READ, OttNotice.CHANNEL))
                .chain(rows -> {
                    Row r = rows.iterator().next();
                    JsonObject usage = MessageEvents.ottUsage(id, r.getUUID("partner_id"), r.getString("to_number"),
                            bytesDown, bytesUp, now);
                    return conn.preparedQuery("INSERT INTO outbox (topic, record_key, payload) VALUES ($1, $2, $3)")
                            .execute(Tuple.of(MessageEvents.USAGE_TOPIC, r.getUUID("partner_id").toString(), usage));
                })
                .chain(() -> MessageTransitions.advance(conn, id, MessageStatus.DELIVERED, Optional.empty()))
                .chain(() -> status == OttSuccess.READ
                        ? MessageTransitions.advance(conn, id, MessageStatus.READ, Optional.empty())
                                .replaceWith(OttAck.DELIVERED)
                        : Uni.createFrom().item(OttAck.DELIVERED));
    }

    /** A fallback timer that is due. */
    record DueTimer(UUID messageId, Instant dueAt) {
    }

    /** Due timers, oldest first, at most {@code limit} (read without locks: {@link #fire} locks each). */
    Uni<List<DueTimer>> dueTimers(int limit) {
        return pool.preparedQuery("SELECT id, fallback_due_at FROM message WHERE fallback_due_at <= now()"
                + " ORDER BY fallback_due_at LIMIT $1").execute(Tuple.of(limit)).map(rows -> {
                    List<DueTimer> due = new ArrayList<>();
                    rows.forEach(r -> due.add(new DueTimer(r.getUUID(0), r.getOffsetDateTime(1).toInstant())));
                    return due;
                });
    }
}

package io.peyk.gateway.message;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.peyk.gateway.smpp.SmppConfig;
import io.peyk.smpp.BridgeEvent;
import io.peyk.smpp.BridgeListener;
import io.peyk.smpp.delivery.MultipartOutcome;
import io.peyk.smpp.delivery.MultipartReceiptPolicy;
import io.peyk.smpp.pdu.MessageState;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Applies the bridge's part outcomes and receipts to PostgreSQL: part rows, then the message's transition when the parts
 * decide it (the connector's multipart receipt policy over the persisted part states, so it holds across restarts).
 * Events of one message are applied in order on one of {@code event-stripes} threads; when a stripe's queue is full the
 * SMPP thread waits (back-pressure), so nothing is dropped.
 */
@ApplicationScoped
public class DeliveryUpdater implements BridgeListener {

    private static final Logger LOG = Logger.getLogger(DeliveryUpdater.class);
    private static final Duration DB_TIMEOUT = Duration.ofSeconds(30);

    private final Pool pool;
    private final InFlight inFlight;
    private final Map<String, MultipartReceiptPolicy> policies = new HashMap<>();
    private final ThreadPoolExecutor[] stripes;

    DeliveryUpdater(Pool pool, InFlight inFlight, SmppConfig smpp, MessagesConfig config) {
        this.pool = pool;
        this.inFlight = inFlight;
        smpp.connectors().forEach((name, c) -> policies.put(name, c.receiptPolicy()));
        int n = config.dispatcher().eventStripes();
        this.stripes = new ThreadPoolExecutor[n];
        for (int i = 0; i < n; i++) {
            String name = "peyk-delivery-" + i;
            stripes[i] = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                    new ArrayBlockingQueue<>(config.dispatcher().eventQueuePerStripe()), r -> {
                        Thread t = new Thread(r, name);
                        t.setDaemon(true);
                        return t;
                    }, (task, executor) -> {
                        if (executor.isShutdown()) {
                            // Shutting down: the message keeps its claim, and its lease hands it to the next dispatcher.
                            return;
                        }
                        try {
                            while (!executor.getQueue().offer(task, 1, TimeUnit.SECONDS)) {
                                if (executor.isShutdown()) {
                                    return;
                                }
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        for (ThreadPoolExecutor stripe : stripes) {
            stripe.shutdown();
        }
        for (ThreadPoolExecutor stripe : stripes) {
            try {
                stripe.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void on(BridgeEvent event) {
        String ref;
        Runnable task;
        if (event instanceof BridgeEvent.PartSubmitted e) {
            ref = e.messageRef();
            task = () -> submitted(e);
        } else if (event instanceof BridgeEvent.PartReceipt e) {
            ref = e.messageRef();
            task = () -> receipt(e);
        } else if (event instanceof BridgeEvent.PartFailed e) {
            ref = e.messageRef();
            task = () -> failed(e);
        } else if (event instanceof BridgeEvent.PartReturned e) {
            ref = e.messageRef();
            task = () -> returned(e);
        } else {
            return;
        }
        Optional<UUID> id = MessageIds.parse(ref);
        if (id.isEmpty()) {
            return; // not a message of the partner API (e.g. a test submit straight through the bridge)
        }
        stripes[(id.get().hashCode() & 0x7FFFFFFF) % stripes.length].execute(() -> {
            try {
                task.run();
            } catch (RuntimeException ex) {
                LOG.errorf(ex, "could not apply %s to message %s", event.getClass().getSimpleName(), ref);
            }
        });
    }

    private void submitted(BridgeEvent.PartSubmitted e) {
        UUID id = UUID.fromString(e.messageRef());
        boolean allSubmitted = pool.withTransaction(conn -> upsertPart(conn, id, e.seq(), e.total(), e.connector(),
                e.smscMessageId(), "SUBMITTED", null, e.at())
                .chain(() -> conn.preparedQuery("UPDATE message SET connector = $2 WHERE id = $1 AND connector IS NULL")
                        .execute(Tuple.of(id, e.connector())))
                .chain(() -> conn.preparedQuery(
                        "SELECT count(*) FROM message_part WHERE message_id = $1 AND smsc_message_id IS NOT NULL")
                        .execute(Tuple.of(id)))
                .chain(rows -> {
                    long submitted = rows.iterator().next().getLong(0);
                    if (submitted < e.total()) {
                        return Uni.createFrom().item(false);
                    }
                    return MessageTransitions.advance(conn, id, MessageStatus.SUBMITTED, Optional.empty())
                            .replaceWith(true);
                })).await().atMost(DB_TIMEOUT);
        if (allSubmitted) {
            inFlight.release(id);
        }
    }

    private void receipt(BridgeEvent.PartReceipt e) {
        UUID id = UUID.fromString(e.messageRef());
        MultipartReceiptPolicy policy = policies.getOrDefault(e.connector(), MultipartReceiptPolicy.EVERY_PART);
        pool.withTransaction(conn -> conn.preparedQuery("""
                UPDATE message_part SET state = $3, error_code = $4, receipt_at = $5
                 WHERE message_id = $1 AND seq = $2""").execute(Tuple.of(id, e.seq(), e.state().name(),
                e.errorCode().orElse(null), e.at().atOffset(ZoneOffset.UTC)))
                .chain(() -> conn.preparedQuery("SELECT seq, state FROM message_part WHERE message_id = $1")
                        .execute(Tuple.of(id)))
                .chain(rows -> {
                    Map<Integer, MessageState> states = new HashMap<>();
                    for (Row row : rows) {
                        parseState(row.getString("state")).ifPresent(s -> states.put(row.getInteger("seq"), s));
                    }
                    Optional<MessageState> outcome = MultipartOutcome.decide(policy, e.total(), states);
                    if (outcome.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    MessageStatus status = MessageStatus.ofReceipt(outcome.get());
                    Optional<MessageEvents.Failure> failure = status == MessageStatus.DELIVERED
                            ? Optional.empty()
                            : Optional.of(new MessageEvents.Failure(null,
                                    "receipt " + outcome.get() + e.errorCode().map(c -> " (err " + c + ")").orElse("")));
                    // A receipt can decide a message whose submit responses are not all recorded (any-part policy):
                    // record SUBMITTED first so the history stays complete.
                    return MessageTransitions.advance(conn, id, MessageStatus.SUBMITTED, Optional.empty())
                            .chain(() -> MessageTransitions.advance(conn, id, status, failure)).replaceWithVoid();
                })).await().atMost(DB_TIMEOUT);
    }

    private void failed(BridgeEvent.PartFailed e) {
        UUID id = UUID.fromString(e.messageRef());
        pool.withTransaction(conn -> upsertPart(conn, id, e.seq(), e.total(), e.connector(), null, "FAILED",
                e.commandStatus(), e.at())
                .chain(() -> MessageTransitions.advance(conn, id, MessageStatus.REJECTED,
                        Optional.of(new MessageEvents.Failure(e.commandStatus(), e.reason())))))
                .await().atMost(DB_TIMEOUT);
        inFlight.release(id);
    }

    private void returned(BridgeEvent.PartReturned e) {
        UUID id = UUID.fromString(e.messageRef());
        pool.preparedQuery("UPDATE message SET claimed_by = NULL, claimed_until = NULL, next_attempt_at = now()"
                + " WHERE id = $1 AND status = 'ACCEPTED'").execute(Tuple.of(id)).await().atMost(DB_TIMEOUT);
        inFlight.release(id);
    }

    private static Uni<Void> upsertPart(SqlConnection conn, UUID id, int seq, int total, String connector,
            String smscId, String state, Integer commandStatus, java.time.Instant at) {
        return conn.preparedQuery("""
                INSERT INTO message_part (message_id, seq, total, connector, smsc_message_id, state, command_status,
                                          submitted_at, submit_count)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1)
                ON CONFLICT (message_id, seq) DO UPDATE
                   SET connector = EXCLUDED.connector,
                       smsc_message_id = COALESCE(EXCLUDED.smsc_message_id, message_part.smsc_message_id),
                       state = CASE WHEN message_part.receipt_at IS NULL THEN EXCLUDED.state ELSE message_part.state END,
                       command_status = EXCLUDED.command_status, submitted_at = EXCLUDED.submitted_at,
                       submit_count = message_part.submit_count + 1""")
                .execute(Tuple.tuple().addUUID(id).addInteger(seq).addInteger(total).addString(connector)
                        .addString(smscId).addString(state).addInteger(commandStatus)
                        .addOffsetDateTime(at.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    private static Optional<MessageState> parseState(String raw) {
        try {
            return Optional.of(MessageState.valueOf(raw));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // SUBMITTED, FAILED: not receipt states
        }
    }
}

package io.peyk.gateway.message;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.Priority;
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
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Applies the bridge's part outcomes and receipts to PostgreSQL: part rows, then the message's transition when the parts
 * decide it (the connector's multipart receipt policy over the persisted part states, so it holds across restarts).
 * Events of one message are applied in order on one of {@code event-stripes} threads, what has queued up in one
 * transaction; when a stripe's queue is full the SMPP thread waits (back-pressure), so nothing is dropped. At shutdown it
 * stops last ({@link ShutdownOrder}): what the closing bridge handed on is written before the pool goes away.
 */
@ApplicationScoped
public class DeliveryUpdater implements BridgeListener {

    private static final Logger LOG = Logger.getLogger(DeliveryUpdater.class);
    private static final Duration DB_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_BATCH = 200;
    /** How long stopped stripes get to end once drained (they are idle by then). */
    private static final Duration STRIPE_STOP_TIMEOUT = Duration.ofSeconds(5);

    private final Pool pool;
    private final InFlight inFlight;
    private final ReceiptLatency receiptLatency;
    private final Map<String, MultipartReceiptPolicy> policies = new HashMap<>();
    private final Stripe[] stripes;
    private final Duration drainTimeout;
    /** Events handed on and not yet applied (or given up): a shutdown waits for it to reach zero. */
    private final AtomicInteger pending = new AtomicInteger();
    private final Object idle = new Object();
    private volatile boolean running = true;

    DeliveryUpdater(Pool pool, InFlight inFlight, SmppConfig smpp, MessagesConfig config, ReceiptLatency receiptLatency) {
        this.pool = pool;
        this.inFlight = inFlight;
        this.receiptLatency = receiptLatency;
        smpp.connectors().forEach((name, c) -> policies.put(name, c.receiptPolicy()));
        this.drainTimeout = config.dispatcher().drainTimeout();
        int n = config.dispatcher().eventStripes();
        this.stripes = new Stripe[n];
        for (int i = 0; i < n; i++) {
            stripes[i] = new Stripe("peyk-delivery-" + i, config.dispatcher().eventQueuePerStripe());
            stripes[i].start();
        }
    }

    /**
     * Last step of a graceful stop ({@link ShutdownOrder}), after the bridge closed: waits (at most {@code drain-timeout})
     * until every event it handed on is written, then stops the stripes.
     */
    void onStop(@Observes @Priority(ShutdownOrder.DELIVERY_UPDATES) ShutdownEvent event) {
        long began = System.nanoTime();
        int waiting = pending.get();
        boolean drained = awaitIdle(began + drainTimeout.toNanos());
        running = false;
        for (Stripe stripe : stripes) {
            stripe.interrupt();
        }
        long joinDeadline = System.nanoTime() + STRIPE_STOP_TIMEOUT.toNanos();
        for (Stripe stripe : stripes) {
            long left = joinDeadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                stripe.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        long millis = (System.nanoTime() - began) / 1_000_000;
        if (drained) {
            LOG.infof("Delivery updates drained in %d ms (%d event(s) were waiting)", millis, waiting);
        } else {
            LOG.warnf("Delivery updates not drained within %s: %d event(s) not written; their messages keep their claim"
                    + " until the lease ends", drainTimeout, pending.get());
        }
    }

    /** Waits until no event is pending or the deadline passes; whether none is pending. */
    private boolean awaitIdle(long deadlineNanos) {
        synchronized (idle) {
            while (pending.get() > 0) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(idle, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    /** {@code n} pending events were applied or given up. */
    private void finished(int n) {
        if (n > 0 && pending.addAndGet(-n) == 0) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    @Override
    public void on(BridgeEvent event) {
        String ref;
        if (event instanceof BridgeEvent.PartSubmitted e) {
            ref = e.messageRef();
        } else if (event instanceof BridgeEvent.PartReceipt e) {
            ref = e.messageRef();
        } else if (event instanceof BridgeEvent.PartFailed e) {
            ref = e.messageRef();
        } else if (event instanceof BridgeEvent.PartReturned e) {
            ref = e.messageRef();
        } else {
            return;
        }
        Optional<UUID> id = MessageIds.parse(ref);
        if (id.isEmpty()) {
            return; // not a message of the partner API (e.g. a test submit straight through the bridge)
        }
        Stripe stripe = stripes[(id.get().hashCode() & 0x7FFFFFFF) % stripes.length];
        if (!(event instanceof BridgeEvent.PartReceipt)) {
            stripe.enqueue(id.get(), new Work(event, null));
            return;
        }
        // A receipt is answered to the SMSC only once it is stored: wait for the stripe to commit it. A failure
        // propagates, the bridge answers ESME_RSYSERR and the SMSC delivers the receipt again.
        CompletableFuture<Void> stored = new CompletableFuture<>();
        stripe.enqueue(id.get(), new Work(event, stored));
        try {
            stored.get(DB_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing a receipt", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("receipt for message " + ref + " could not be stored", e);
        }
    }

    /** An event to apply, and for receipts, who waits for it to be committed. */
    private record Work(BridgeEvent event, CompletableFuture<Void> done) {

        void complete(Throwable failure) {
            if (done != null) {
                if (failure == null) {
                    done.complete(null);
                } else {
                    done.completeExceptionally(failure);
                }
            }
        }
    }

    /**
     * One ordered lane of events. It applies what has queued up in one transaction (up to {@value #MAX_BATCH} events,
     * one commit instead of one each); if that transaction fails, it applies them one by one so one bad event cannot
     * hold back the others.
     */
    private final class Stripe extends Thread {

        private final ArrayBlockingQueue<Work> queue;

        Stripe(String name, int capacity) {
            super(name);
            setDaemon(true);
            this.queue = new ArrayBlockingQueue<>(capacity);
        }

        void enqueue(UUID id, Work work) {
            pending.incrementAndGet();
            boolean queued = false;
            try {
                while (running && !(queued = queue.offer(work, 1, TimeUnit.SECONDS))) {
                    // back-pressure: the SMPP thread waits for room
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (!queued) {
                finished(1);
                // A receipt fails at once (the SMSC delivers it again); anything else waits for its lease to end.
                work.complete(new IllegalStateException("delivery updater stopped"));
                LOG.warnf("%s of message %s not written: the delivery updater has stopped",
                        work.event().getClass().getSimpleName(), id);
            }
        }

        @Override
        public void run() {
            List<Work> batch = new ArrayList<>(MAX_BATCH);
            while (running) {
                try {
                    Work first = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, MAX_BATCH - 1);
                    applyAll(batch);
                } catch (InterruptedException e) {
                    if (!running) {
                        // Stopped after the drain: what is left keeps its claim; the lease hands it to the next dispatcher.
                        return;
                    }
                } finally {
                    finished(batch.size());
                    batch.clear();
                }
            }
        }
    }

    private void applyAll(List<Work> batch) {
        try {
            List<Optional<UUID>> released = pool.withTransaction(conn -> Multi.createFrom().iterable(batch).onItem()
                    .transformToUniAndConcatenate(work -> apply(conn, work.event())).collect().asList()).await()
                    .atMost(DB_TIMEOUT);
            released.forEach(r -> r.ifPresent(inFlight::release));
            batch.forEach(work -> work.complete(null));
        } catch (RuntimeException batchFailure) {
            for (Work work : batch) {
                try {
                    pool.withTransaction(conn -> apply(conn, work.event())).await().atMost(DB_TIMEOUT)
                            .ifPresent(inFlight::release);
                    work.complete(null);
                } catch (RuntimeException e) {
                    LOG.errorf(e, "could not apply %s", work.event().getClass().getSimpleName());
                    work.complete(e);
                }
            }
        }
    }

    private Uni<Optional<UUID>> apply(SqlConnection conn, BridgeEvent event) {
        if (event instanceof BridgeEvent.PartSubmitted e) {
            return submitted(conn, e);
        } else if (event instanceof BridgeEvent.PartReceipt e) {
            return receipt(conn, e).replaceWith(Optional.empty());
        } else if (event instanceof BridgeEvent.PartFailed e) {
            return failed(conn, e);
        } else if (event instanceof BridgeEvent.PartReturned e) {
            return returned(conn, e);
        }
        return Uni.createFrom().item(Optional.empty());
    }

    private Uni<Optional<UUID>> submitted(SqlConnection conn, BridgeEvent.PartSubmitted e) {
        UUID id = UUID.fromString(e.messageRef());
        return upsertPart(conn, id, e.seq(), e.total(), e.connector(),
                e.smscMessageId(), "SUBMITTED", null, e.at())
                .chain(() -> conn.preparedQuery("UPDATE message SET connector = $2 WHERE id = $1 AND connector IS NULL")
                        .execute(Tuple.of(id, e.connector())))
                .chain(() -> e.total() == 1
                        ? Uni.createFrom().item(1L)
                        : conn.preparedQuery(
                                "SELECT count(*) FROM message_part WHERE message_id = $1 AND smsc_message_id IS NOT NULL")
                                .execute(Tuple.of(id)).map(rows -> rows.iterator().next().getLong(0)))
                .chain(submitted -> {
                    if (submitted < e.total()) {
                        return Uni.createFrom().item(Optional.<UUID>empty());
                    }
                    return MessageTransitions.advance(conn, id, MessageStatus.SUBMITTED, Optional.empty())
                            .replaceWith(Optional.of(id));
                });
    }

    private Uni<Void> receipt(SqlConnection conn, BridgeEvent.PartReceipt e) {
        UUID id = UUID.fromString(e.messageRef());
        MultipartReceiptPolicy policy = policies.getOrDefault(e.connector(), MultipartReceiptPolicy.EVERY_PART);
        // An upsert: after a crash the part row may be missing while the SMSC id mapping survived.
        return conn.preparedQuery("""
                INSERT INTO message_part (message_id, seq, total, connector, smsc_message_id, state, error_code, receipt_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                ON CONFLICT (message_id, seq) DO UPDATE
                   SET state = EXCLUDED.state, error_code = EXCLUDED.error_code, receipt_at = EXCLUDED.receipt_at,
                       smsc_message_id = COALESCE(message_part.smsc_message_id, EXCLUDED.smsc_message_id)
                RETURNING submitted_at""")
                .execute(Tuple.tuple().addUUID(id).addInteger(e.seq()).addInteger(e.total()).addString(e.connector())
                        .addString(e.smscMessageId()).addString(e.state().name()).addString(e.errorCode().orElse(null))
                        .addOffsetDateTime(e.at().atOffset(ZoneOffset.UTC)))
                .invoke(part -> receiptLatency.record(e.connector(),
                        part.iterator().next().getOffsetDateTime("submitted_at"), e.at()))
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
                    if (policy == MultipartReceiptPolicy.EVERY_PART) {
                        // Every part has its receipt, so every part's submit (queued before it) is applied: SUBMITTED is
                        // already recorded.
                        return MessageTransitions.advance(conn, id, status, failure).replaceWithVoid();
                    }
                    // Any-part policy: a receipt can decide a message whose submit responses are not all recorded;
                    // record SUBMITTED first so the history stays complete.
                    return MessageTransitions.advance(conn, id, MessageStatus.SUBMITTED, Optional.empty())
                            .chain(() -> MessageTransitions.advance(conn, id, status, failure)).replaceWithVoid();
                });
    }

    private Uni<Optional<UUID>> failed(SqlConnection conn, BridgeEvent.PartFailed e) {
        UUID id = UUID.fromString(e.messageRef());
        return upsertPart(conn, id, e.seq(), e.total(), e.connector(), null, "FAILED", e.commandStatus(), e.at())
                .chain(() -> MessageTransitions.advance(conn, id, MessageStatus.REJECTED,
                        Optional.of(new MessageEvents.Failure(e.commandStatus(), e.reason()))))
                .replaceWith(Optional.of(id));
    }

    private Uni<Optional<UUID>> returned(SqlConnection conn, BridgeEvent.PartReturned e) {
        UUID id = UUID.fromString(e.messageRef());
        return conn.preparedQuery("UPDATE message SET claimed_by = NULL, claimed_until = NULL, next_attempt_at = now()"
                + " WHERE id = $1 AND status IN ('ACCEPTED', 'SMS_FALLBACK')").execute(Tuple.of(id))
                .replaceWith(Optional.of(id));
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

package io.peyk.gateway.message;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.peyk.gateway.crypto.TextCipherException;
import io.peyk.gateway.crypto.TextCiphers;
import io.peyk.gateway.crypto.TextColumn;
import io.peyk.gateway.role.Roles;
import io.peyk.smpp.BridgeBusyException;
import io.peyk.smpp.NoRouteException;
import io.peyk.smpp.OutboundSms;
import io.peyk.smpp.ReceiptRequest;
import io.peyk.smpp.SmppBridge;
import io.peyk.smpp.session.Backoff;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Takes accepted messages from PostgreSQL to the SMPP bridge. Each instance claims due messages with
 * {@code FOR UPDATE SKIP LOCKED} and a lease ({@code claimed_by}, {@code claimed_until}) it renews while it holds them, so
 * several instances on one database share the work and never submit the same message in the normal case. A crashed
 * instance's claims run out after the lease and are taken over: those messages (at most {@code max-in-flight} per
 * instance) may reach the SMSC twice — the documented bound of duplicates after a crash.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);
    private static final Duration DB_TIMEOUT = Duration.ofSeconds(10);
    /** How long a stop waits for the loop to finish its current batch (at most one claim and its submits). */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final Pool pool;
    private final SmppBridge bridge;
    private final InFlight inFlight;
    private final MessagesConfig.Dispatcher config;
    private final String instanceId;
    private final Backoff retryBackoff;
    private volatile boolean running;
    private Thread loop;

    private final OttHops ottHops;
    private final TextCiphers ciphers;

    Dispatcher(Pool pool, SmppBridge bridge, InFlight inFlight, MessagesConfig config, OttHops ottHops,
            TextCiphers ciphers) {
        this.pool = pool;
        this.ciphers = ciphers;
        this.ottHops = ottHops;
        this.bridge = bridge;
        this.inFlight = inFlight;
        this.config = config.dispatcher();
        this.retryBackoff = new Backoff(this.config.retryInitialDelay(), this.config.retryMaxDelay());
        this.instanceId = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
    }

    void onStart(@Observes StartupEvent event, Roles roles) {
        if (!roles.gateway()) {
            return;
        }
        if (!config.enabled()) {
            LOG.info("Message dispatcher disabled on this instance");
            return;
        }
        running = true;
        loop = new Thread(this::run, "peyk-dispatcher");
        loop.setDaemon(true);
        loop.start();
    }

    /**
     * First step of a graceful stop ({@link ShutdownOrder}): the loop finishes the batch it holds (every claimed message
     * is handed to the bridge or released) and claims nothing more, so the bridge can be closed under it.
     */
    void onStop(@Observes @Priority(ShutdownOrder.DISPATCHER) ShutdownEvent event) {
        running = false;
        if (loop == null) {
            return;
        }
        long began = System.nanoTime();
        inFlight.wakeUp();
        try {
            loop.join(STOP_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long millis = (System.nanoTime() - began) / 1_000_000;
        if (loop.isAlive()) {
            LOG.warnf("Message dispatcher still busy after %d ms; closing the SMPP bridge under it (what it submits now"
                    + " is retried later)", millis);
        } else {
            LOG.infof("Message dispatcher stopped in %d ms; %d message(s) still held (in the SMPP bridge or their outcome"
                    + " not yet written)", millis, inFlight.size());
        }
    }

    /** New work was accepted: look now rather than at the next poll. */
    void wakeUp() {
        inFlight.wakeUp();
    }

    public String instanceId() {
        return instanceId;
    }

    private void run() {
        long nextRenewal = System.nanoTime();
        long nextExpiry = System.nanoTime();
        while (running) {
            try {
                if (System.nanoTime() >= nextRenewal) {
                    renewLeases();
                    nextRenewal = System.nanoTime() + config.lease().toNanos() / 3;
                }
                if (System.nanoTime() >= nextExpiry) {
                    expireSilentMessages();
                    nextExpiry = System.nanoTime() + config.expiryInterval().toNanos();
                }
                int room = config.maxInFlight() - inFlight.size();
                int claimed = room > 0 ? dispatchBatch(Math.min(room, config.batchSize())) : 0;
                if (claimed < config.batchSize() || room <= 0) {
                    inFlight.await(config.pollInterval().toMillis());
                    // Woken by an accepted message: let a few more arrive so one claim takes them together.
                    Thread.sleep(config.minClaimInterval().toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("dispatcher iteration failed; retrying", e);
                try {
                    Thread.sleep(config.pollInterval().toMillis());
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private int dispatchBatch(int limit) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery("""
                UPDATE message SET claimed_by = $1, claimed_until = now() + $2 * interval '1 millisecond',
                                   dispatch_attempts = dispatch_attempts + 1
                WHERE id IN (SELECT id FROM message
                             WHERE status IN ('ACCEPTED', 'SMS_FALLBACK') AND next_attempt_at <= now()
                               AND (claimed_until IS NULL OR claimed_until < now())
                             ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
                RETURNING id, channel, sender, to_number, text, text_enc, validity_seconds, dispatch_attempts""")
                .execute(Tuple.of(instanceId, config.lease().toMillis(), limit)).await().atMost(DB_TIMEOUT)
                .forEach(rows::add);
        for (Row row : rows) {
            UUID id = row.getUUID("id");
            inFlight.add(id);
            if (row.getString("channel").equals("ott")) {
                // The app channel first: routing decides between waiting for the device and SMS right away.
                ottHops.route(id).subscribe().with(done -> inFlight.release(id), e -> {
                    LOG.errorf(e, "could not route message %s to the app channel; retried when its lease ends", id);
                    inFlight.release(id);
                });
                continue;
            }
            try {
                submit(id, row);
            } catch (RuntimeException e) {
                // Left claimed but no longer held: its lease runs out and it is dispatched again.
                LOG.errorf(e, "could not dispatch message %s; it is retried when its lease ends", id);
                inFlight.release(id);
            }
        }
        return rows.size();
    }

    private void submit(UUID id, Row row) {
        String text;
        try {
            text = text(id, row);
        } catch (TextCipherException e) {
            // The message names the key id and the reason, never the text.
            LOG.errorf("message %s: %s", id, e.getMessage());
            if (e.retryable()) {
                retryLater(id, row.getInteger("dispatch_attempts"), "the key of the stored text is not configured");
            } else {
                fail(id, "the stored text could not be decrypted");
            }
            return;
        }
        if (text == null) {
            fail(id, "message text was purged before it could be sent");
            return;
        }
        Integer validity = row.getInteger("validity_seconds");
        OutboundSms sms = new OutboundSms(id.toString(), row.getString("sender"), row.getString("to_number"), text,
                Optional.ofNullable(validity).map(Duration::ofSeconds), ReceiptRequest.SUCCESS_AND_FAILURE);
        try {
            bridge.submit(sms);
        } catch (BridgeBusyException e) {
            retryLater(id, row.getInteger("dispatch_attempts"), "SMPP queue full");
        } catch (NoRouteException e) {
            if (e.retryable()) {
                retryLater(id, row.getInteger("dispatch_attempts"), "no SMPP connector bound");
            } else {
                fail(id, "no SMPP route serves this destination");
            }
        } catch (IllegalArgumentException e) {
            fail(id, "the message cannot be sent over SMPP: " + e.getClass().getSimpleName());
        }
    }

    /** The text: decrypted from {@code text_enc}, or the plaintext of a row written before encryption; null if purged. */
    private String text(UUID id, Row row) {
        var sealed = row.getBuffer("text_enc");
        return sealed != null
                ? ciphers.cipher().decrypt(TextColumn.MESSAGE_TEXT, id, sealed.getBytes())
                : row.getString("text");
    }

    private void retryLater(UUID id, int attempts, String reason) {
        long delay = retryBackoff.delayMillis(Math.max(0, attempts - 1));
        pool.preparedQuery("UPDATE message SET claimed_by = NULL, claimed_until = NULL,"
                + " next_attempt_at = now() + $2 * interval '1 millisecond', last_error = $3"
                + " WHERE id = $1 AND status IN ('ACCEPTED', 'SMS_FALLBACK')").execute(Tuple.of(id, delay, reason))
                .await().atMost(DB_TIMEOUT);
        inFlight.release(id);
    }

    private void fail(UUID id, String reason) {
        MessageTransitions.advance(pool, id, MessageStatus.FAILED, Optional.of(new MessageEvents.Failure(null, reason)))
                .await().atMost(DB_TIMEOUT);
        inFlight.release(id);
    }

    /** Renews the leases of the messages this instance really holds (not of claims it lost track of). */
    private void renewLeases() {
        UUID[] held = inFlight.snapshot().toArray(UUID[]::new);
        if (held.length == 0) {
            return;
        }
        pool.preparedQuery("UPDATE message SET claimed_until = now() + $2 * interval '1 millisecond'"
                + " WHERE claimed_by = $1 AND status IN ('ACCEPTED', 'SMS_FALLBACK') AND id = ANY($3)")
                .execute(Tuple.tuple().addString(instanceId).addLong(config.lease().toMillis()).addArrayOfUUID(held))
                .await().atMost(config.lease().dividedBy(3));
    }

    /**
     * Ends messages that were submitted but never got a final receipt within their validity (plus a grace period): the
     * SMSC has given up on them, so they are EXPIRED rather than left open forever.
     */
    private void expireSilentMessages() {
        List<UUID> stale = new ArrayList<>();
        pool.preparedQuery("SELECT id FROM message WHERE status = 'SUBMITTED' AND updated_at < now()"
                + " - (COALESCE(validity_seconds, $1) * interval '1 second') - $2 * interval '1 millisecond' LIMIT 500")
                .execute(Tuple.of(config.defaultValidity().toSeconds(), config.receiptGrace().toMillis()))
                .await().atMost(DB_TIMEOUT).forEach(r -> stale.add(r.getUUID(0)));
        for (UUID id : stale) {
            MessageTransitions.advance(pool, id, MessageStatus.EXPIRED,
                    Optional.of(new MessageEvents.Failure(null, "no final receipt within the validity period")))
                    .await().atMost(DB_TIMEOUT);
        }
    }
}

package io.peyk.smpp.delivery;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.peyk.smpp.PartIdStore;
import io.peyk.smpp.PartIdStore.PartRef;

/**
 * Matches receipts to the parts they report on. A receipt can overtake the record of its own submit response (the SMSC
 * sends it right after the submit_sm_resp, and the two are handled on different threads): such a receipt's deliver_sm is
 * not answered yet — its thread waits, bounded by the grace period, for the part to be remembered. Only then (matched,
 * or given up and kept as unmatched) is the receipt handed on and answered, so a receipt the gateway has not stored is
 * never acknowledged to the SMSC. Remembering signals the waiters of its lock stripe.
 */
public final class ReceiptMatcher {

    private static final int STRIPES = 64;

    private final PartIdStore store;
    private final Duration grace;
    private final int maxWaiting;
    private final Object[] locks = new Object[STRIPES];
    private final AtomicInteger waiting = new AtomicInteger();

    /**
     * @param grace how long a receipt waits for its part to be remembered
     * @param maxWaiting the most receipts waiting at once; beyond it a receipt is not held but reported unmatched at once
     */
    public ReceiptMatcher(PartIdStore store, Duration grace, int maxWaiting) {
        this.store = store;
        this.grace = grace;
        this.maxWaiting = maxWaiting;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    /** Remembers a submitted part and wakes receipts waiting for it. */
    public void remember(String connector, String smscMessageId, PartRef part) {
        Object lock = lockFor(key(connector, smscMessageId));
        synchronized (lock) {
            store.remember(connector, smscMessageId, part);
            lock.notifyAll();
        }
    }

    /** The part a receipt reports on, waiting up to the grace period for it to be remembered; empty if it never is. */
    public Optional<PartRef> match(String connector, String smscMessageId) throws InterruptedException {
        Object lock = lockFor(key(connector, smscMessageId));
        long deadline = System.nanoTime() + grace.toNanos();
        synchronized (lock) {
            Optional<PartRef> part = store.lookup(connector, smscMessageId);
            if (part.isPresent() || waiting.get() >= maxWaiting) {
                return part;
            }
            waiting.incrementAndGet();
            try {
                long left;
                while ((left = deadline - System.nanoTime()) > 0) {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                    part = store.lookup(connector, smscMessageId);
                    if (part.isPresent()) {
                        return part;
                    }
                }
                return Optional.empty();
            } finally {
                waiting.decrementAndGet();
            }
        }
    }

    /** Receipts waiting for their part right now. */
    public int waiting() {
        return waiting.get();
    }

    private Object lockFor(String key) {
        return locks[(key.hashCode() & 0x7FFFFFFF) % STRIPES];
    }

    private static String key(String connector, String smscMessageId) {
        return connector + '\u0000' + smscMessageId;
    }
}

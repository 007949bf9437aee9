package io.peyk.bench;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import io.peyk.smpp.BridgeEvent;
import io.peyk.smpp.BridgeListener;

/**
 * Counts the bridge's events with as little work as possible on the bridge's threads, and notes the moment the expected
 * number of parts were submitted and of receipts arrived.
 */
final class EventCounter implements BridgeListener {

    private static final long POLL_NANOS = 1_000_000;

    private final AtomicLong submitted = new AtomicLong();
    private final AtomicLong receipts = new AtomicLong();
    private final LongAdder failed = new LongAdder();
    private final LongAdder returned = new LongAdder();
    private final LongAdder unmatched = new LongAdder();
    private final LongAdder finals = new LongAdder();
    private volatile long submittedTarget = Long.MAX_VALUE;
    private volatile long receiptsTarget = Long.MAX_VALUE;
    private volatile long submittedAtNanos;
    private volatile long receiptsAtNanos;

    @Override
    public void on(BridgeEvent event) {
        if (event instanceof BridgeEvent.PartSubmitted) {
            if (submitted.incrementAndGet() == submittedTarget) {
                submittedAtNanos = System.nanoTime();
            }
        } else if (event instanceof BridgeEvent.PartReceipt) {
            if (receipts.incrementAndGet() == receiptsTarget) {
                receiptsAtNanos = System.nanoTime();
            }
        } else if (event instanceof BridgeEvent.MessageFinal) {
            finals.increment();
        } else if (event instanceof BridgeEvent.PartFailed) {
            failed.increment();
        } else if (event instanceof BridgeEvent.PartReturned) {
            returned.increment();
        } else if (event instanceof BridgeEvent.UnmatchedReceipt) {
            unmatched.increment();
        }
    }

    /** Sets the cumulative counts whose arrival time is noted; call before the phase starts. */
    void expect(long submittedTotal, long receiptsTotal) {
        submittedAtNanos = 0;
        receiptsAtNanos = 0;
        submittedTarget = submittedTotal;
        receiptsTarget = receiptsTotal;
    }

    long submitted() {
        return submitted.get();
    }

    /** Parts that left the bridge's queue for good, whichever way. */
    long settled() {
        return submitted.get() + failed.sum() + returned.sum();
    }

    long anomalies() {
        return failed.sum() + returned.sum() + unmatched.sum();
    }

    long finals() {
        return finals.sum();
    }

    /** Waits until {@code total} parts were submitted; returns when that happened ({@link System#nanoTime()}). */
    long awaitSubmitted(long total, long deadlineNanos) {
        awaitCount(submitted, total, deadlineNanos, "submit responses");
        return submittedAtNanos;
    }

    /** Waits until {@code total} receipts were matched; returns when that happened ({@link System#nanoTime()}). */
    long awaitReceipts(long total, long deadlineNanos) {
        awaitCount(receipts, total, deadlineNanos, "receipts");
        return receiptsAtNanos;
    }

    private void awaitCount(AtomicLong counter, long total, long deadlineNanos, String what) {
        while (counter.get() < total) {
            if (anomalies() > 0) {
                throw new IllegalStateException("the bridge reported failed/returned parts or unmatched receipts: "
                        + "failed=" + failed.sum() + " returned=" + returned.sum() + " unmatched=" + unmatched.sum());
            }
            if (System.nanoTime() - deadlineNanos > 0) {
                throw new IllegalStateException(
                        "timed out waiting for " + what + ": " + counter.get() + " of " + total + " arrived");
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        // the listener notes the time right after the count reached the target: wait for the note (bounded)
        while ((counter == submitted ? submittedAtNanos : receiptsAtNanos) == 0) {
            if (System.nanoTime() - deadlineNanos > 0) {
                throw new IllegalStateException("the count of " + what + " passed its target without a timestamp");
            }
            Thread.onSpinWait();
        }
    }
}

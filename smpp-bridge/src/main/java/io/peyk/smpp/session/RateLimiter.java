package io.peyk.smpp.session;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A connector's submit rate limit, shared by all its binds: a generic cell rate algorithm with no burst, so submits are
 * spaced at least {@code 1s / rate} apart and no window of one second ever holds more than {@code rate} of them.
 */
public final class RateLimiter {

    private final long intervalNanos;
    private long nextFreeNanos;

    /** @param perSecond the limit; 0 means unlimited */
    public RateLimiter(int perSecond) {
        if (perSecond < 0) {
            throw new IllegalArgumentException("rate must not be negative");
        }
        this.intervalNanos = perSecond == 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / perSecond;
        this.nextFreeNanos = System.nanoTime();
    }

    /** Blocks until the caller may send one submit. Interruptible: returns false when interrupted. */
    public boolean acquire() {
        if (intervalNanos == 0) {
            return true;
        }
        long slot;
        synchronized (this) {
            long now = System.nanoTime();
            slot = Math.max(now, nextFreeNanos);
            nextFreeNanos = slot + intervalNanos;
        }
        long wait;
        while ((wait = slot - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
        }
        return true;
    }
}

package io.peyk.gateway.partner;

import java.time.Duration;
import java.util.Optional;

/**
 * A token bucket holding up to {@code rate} tokens, refilled continuously at {@code rate} per second, in exact integer
 * arithmetic (a token is {@value #UNITS_PER_TOKEN} units; one nanosecond refills {@code rate} units). A request for more
 * tokens than the bucket holds is granted once the bucket is full and leaves it in debt, so a batch larger than one
 * second's rate still goes through and the average stays at the rate. Thread-safe.
 */
public final class TokenBucket {

    static final long UNITS_PER_TOKEN = 1_000_000_000L;
    /** Largest rate (tokens per second), so that units never overflow. */
    public static final int MAX_RATE = 1_000_000;
    /** Most tokens one request may take. */
    public static final int MAX_PERMITS = 1_000_000;

    private int rate;
    private long units;
    private long lastRefillNanos;

    /** A full bucket at {@code nowNanos}. */
    public TokenBucket(int rate, long nowNanos) {
        checkRate(rate);
        this.rate = rate;
        this.units = capacityUnits(rate);
        this.lastRefillNanos = nowNanos;
    }

    /**
     * Takes {@code permits} tokens at {@code nowNanos} at the given rate (a changed rate applies from now on): empty when
     * taken, else how long until the request would be granted.
     */
    public synchronized Optional<Duration> tryAcquire(int permits, int rateNow, long nowNanos) {
        if (permits < 1 || permits > MAX_PERMITS) {
            throw new IllegalArgumentException("permits must be 1.." + MAX_PERMITS + ": " + permits);
        }
        checkRate(rateNow);
        refill(nowNanos);
        if (rateNow != rate) {
            rate = rateNow;
            units = Math.min(units, capacityUnits(rate));
        }
        long needed = Math.min((long) permits, rate) * UNITS_PER_TOKEN;
        if (units >= needed) {
            units -= permits * UNITS_PER_TOKEN;
            return Optional.empty();
        }
        long missing = needed - units;
        // Units refill at `rate` per nanosecond: round the wait up.
        return Optional.of(Duration.ofNanos((missing + rate - 1) / rate));
    }

    /** Whether the bucket would be full at {@code nowNanos}: forgetting it then loses nothing. */
    public synchronized boolean fullAt(long nowNanos) {
        long elapsed = nowNanos - lastRefillNanos;
        long capacity = capacityUnits(rate);
        return units >= capacity || elapsed >= (capacity - units + rate - 1) / rate;
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - lastRefillNanos;
        if (elapsed <= 0) {
            return;
        }
        lastRefillNanos = nowNanos;
        long capacity = capacityUnits(rate);
        // Debt is at most MAX_PERMITS tokens and capacity at most MAX_RATE: a refill beyond this many nanoseconds fills it.
        long cap = (capacity - units + rate - 1) / rate;
        units = elapsed >= cap ? capacity : units + elapsed * rate;
    }

    private static long capacityUnits(int rate) {
        return rate * UNITS_PER_TOKEN;
    }

    private static void checkRate(int rate) {
        if (rate < 1 || rate > MAX_RATE) {
            throw new IllegalArgumentException("rate must be 1.." + MAX_RATE + ": " + rate);
        }
    }
}

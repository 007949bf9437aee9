package io.peyk.gateway.webhook;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The retry schedule of a failed webhook: {@code initial x 2^(failedAttempts-1)}, capped at {@code max}, then jittered by
 * +/-20 % (so that many deliveries failing together do not retry together), never beyond {@code max}.
 */
public record Backoff(Duration initial, Duration max) {

    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max");
        }
    }

    /** The delay after the given number of failed attempts (1 for the first failure). */
    public Duration delay(int failedAttempts, RandomGenerator random) {
        long maxMs = max.toMillis();
        long baseMs = initial.toMillis();
        int doublings = Math.max(0, Math.min(failedAttempts - 1, 62));
        long delayMs = doublings >= Long.numberOfLeadingZeros(baseMs) - 1 ? maxMs : Math.min(maxMs, baseMs << doublings);
        long spread = delayMs / 5;
        long jittered = delayMs - spread + random.nextLong(2 * spread + 1);
        return Duration.ofMillis(Math.max(1, Math.min(maxMs, jittered)));
    }
}

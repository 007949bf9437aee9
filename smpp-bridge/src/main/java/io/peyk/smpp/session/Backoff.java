package io.peyk.smpp.session;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with "equal jitter": attempt {@code n} (0-based) waits between half and all of
 * {@code min(max, initial * 2^n)}, so a fleet of gateways that lost the SMSC together does not rebind in lockstep. The one
 * backoff policy of the bridge, for rebinding and for throttling.
 */
public record Backoff(Duration initial, Duration max) {

    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max");
        }
    }

    /** The un-jittered ceiling for an attempt. */
    public long ceilingMillis(int attempt) {
        long initialMs = Math.max(1, initial.toMillis());
        int shift = Math.min(Math.max(attempt, 0), 30);
        long ceiling = initialMs << shift;
        if (ceiling <= 0 || ceiling > max.toMillis()) {
            ceiling = max.toMillis();
        }
        return ceiling;
    }

    /** The delay for an attempt, jittered into {@code [ceiling/2, ceiling]}. */
    public long delayMillis(int attempt) {
        long ceiling = ceilingMillis(attempt);
        long half = ceiling / 2;
        return half + ThreadLocalRandom.current().nextLong(ceiling - half + 1);
    }
}

package io.peyk.bench;

import java.util.Arrays;

/**
 * Median, 99th percentile and maximum of latency samples taken in nanoseconds, in milliseconds (nearest rank: the sample
 * at index {@code floor(count × q)} of the sorted samples). Negative samples mean "not measured" and are left out.
 */
record Percentiles(int count, double p50Ms, double p99Ms, double maxMs) {

    static Percentiles of(long[] nanos) {
        long[] sorted = Arrays.stream(nanos).filter(n -> n >= 0).sorted().toArray();
        if (sorted.length == 0) {
            return new Percentiles(0, 0, 0, 0);
        }
        return new Percentiles(sorted.length, sorted[(int) (sorted.length * 0.50)] / 1e6,
                sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.99))] / 1e6, sorted[sorted.length - 1] / 1e6);
    }

    /** {@code p50 / p99 / max} with one decimal. */
    String format() {
        return String.format("%.1f / %.1f / %.1f", p50Ms, p99Ms, maxMs);
    }
}

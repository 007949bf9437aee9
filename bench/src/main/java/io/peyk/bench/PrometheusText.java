package io.peyk.bench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sample values read from the Prometheus text exposition of the gateway's {@code /q/metrics}. */
final class PrometheusText {

    private static final Pattern SAMPLE = Pattern
            .compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})? ([-+0-9.eE]+|NaN|[+-]Inf)\\s*$");

    private final String text;

    PrometheusText(String text) {
        this.text = text;
    }

    /**
     * The sum of the samples of metric {@code name} whose labels contain every fragment (e.g. {@code area="heap"}); 0
     * when there is none.
     */
    double sum(String name, String... labelFragments) {
        double sum = 0;
        Matcher m = SAMPLE.matcher(text);
        while (m.find()) {
            if (!m.group(1).equals(name) || !matches(m.group(2), labelFragments)) {
                continue;
            }
            double v = Double.parseDouble(m.group(3).replace("Inf", "Infinity"));
            if (!Double.isNaN(v)) {
                sum += v;
            }
        }
        return sum;
    }

    /** A counter or gauge as a whole number (the exposition prints them as doubles). */
    long count(String name, String... labelFragments) {
        return Math.round(sum(name, labelFragments));
    }

    /** Heap in use, summed over the heap memory pools, leaving out the pools whose id contains one of {@code except}. */
    long heapBytes(String... except) {
        long sum = 0;
        Matcher m = SAMPLE.matcher(text);
        while (m.find()) {
            if (!m.group(1).equals("jvm_memory_used_bytes") || !matches(m.group(2), "area=\"heap\"")) {
                continue;
            }
            boolean excluded = false;
            for (String e : except) {
                excluded |= m.group(2).contains(e);
            }
            if (!excluded) {
                sum += Math.round(Double.parseDouble(m.group(3)));
            }
        }
        return sum;
    }

    private static boolean matches(String labels, String... fragments) {
        for (String f : fragments) {
            if (labels == null || !labels.contains(f)) {
                return false;
            }
        }
        return true;
    }
}

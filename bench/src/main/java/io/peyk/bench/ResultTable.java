package io.peyk.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/** Renders runs as markdown: one row per scenario with the median and range (min–max) of each figure. */
final class ResultTable {

    private ResultTable() {
    }

    static String render(List<Scenario> scenarios, List<RunResult> runs) {
        Map<Scenario, List<RunResult>> byScenario = new LinkedHashMap<>();
        scenarios.forEach(s -> byScenario.put(s, new ArrayList<>()));
        runs.forEach(r -> byScenario.get(r.scenario()).add(r));
        StringBuilder out = new StringBuilder();
        out.append("| scenario | window | runs | submit_sm/s median (range) | receipts/s median (range) "
                + "| client CPU µs/msg | simulator CPU µs/msg | total CPU µs/msg |\n");
        out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (var entry : byScenario.entrySet()) {
            Scenario s = entry.getKey();
            List<RunResult> rs = entry.getValue();
            out.append("| ").append(s.label()).append(" | ").append(s.windowSize()).append(" | ").append(rs.size())
                    .append(" | ");
            if (rs.isEmpty()) {
                out.append("no complete run | | | | |\n");
                continue;
            }
            out.append(spread(rs, RunResult::submitsPerSecond, false)).append(" | ")
                    .append(s.receipts() ? spread(rs, RunResult::receiptsPerSecond, false) : "none asked").append(" | ")
                    .append(spread(rs, RunResult::clientNanosPerMessage, true)).append(" | ")
                    .append(spread(rs, RunResult::simulatorNanosPerMessage, true)).append(" | ")
                    .append(spread(rs, RunResult::totalNanosPerMessage, true)).append(" |\n");
        }
        return out.toString();
    }

    /** One line per run, for the record. */
    static String raw(List<RunResult> runs) {
        StringBuilder out = new StringBuilder();
        for (RunResult r : runs) {
            out.append(line(r)).append('\n');
        }
        return out.toString();
    }

    static String line(RunResult r) {
        return String.format("%-28s w=%-3d n=%-7d submit_sm/s=%-7d receipts/s=%-7d client=%s µs/msg simulator=%s µs/msg"
                + " total=%s µs/msg busy=%d anomalies=%d", r.scenario().label(), r.scenario().windowSize(), r.messages(),
                r.submitsPerSecond(), r.receiptsPerSecond(), micros(r.clientNanosPerMessage()),
                micros(r.simulatorNanosPerMessage()), micros(r.totalNanosPerMessage()), r.busyRetries(), r.anomalies());
    }

    /** The median of the runs' values, e.g. {@code 123.4 (120.1–130.0)}; {@code nanos} formats as microseconds. */
    static String spread(List<RunResult> rs, ToLongFunction<RunResult> f, boolean nanos) {
        long[] v = rs.stream().mapToLong(f).toArray();
        long median = median(v);
        long min = Arrays.stream(v).min().orElseThrow();
        long max = Arrays.stream(v).max().orElseThrow();
        if (v.length == 1) {
            return nanos ? micros(median) : grouped(median);
        }
        return nanos
                ? micros(median) + " (" + micros(min) + "–" + micros(max) + ")"
                : grouped(median) + " (" + grouped(min) + "–" + grouped(max) + ")";
    }

    static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Nanoseconds as microseconds with one decimal, rounded half up. */
    static String micros(long nanos) {
        long tenths = (nanos + 50) / 100;
        return tenths / 10 + "." + tenths % 10;
    }

    static String grouped(long value) {
        return String.format("%,d", value);
    }
}

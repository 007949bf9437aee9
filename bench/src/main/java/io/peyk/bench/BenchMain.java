package io.peyk.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.peyk.smpp.encoding.TextEncoding;
import io.peyk.smpp.segment.Segmenter;

/**
 * The SMPP throughput benchmark: starts the SMSC simulator in its own JVM, runs one unrecorded JVM warm-up, then every
 * scenario (GSM-7 at windows 1, 10 and 50, UCS-2 Persian at window 50) {@code --runs} times, interleaved, and prints each
 * run and a markdown table of medians and ranges. See {@code docs/benchmarks.md}.
 *
 * <p>
 * Options ({@code --name=value}): {@code runs} (3), {@code messages} (100000), {@code warmup} (20000),
 * {@code messages-w1} (20000), {@code warmup-w1} (5000), {@code windows} (e.g. {@code 50}: only the scenarios of those
 * windows), {@code quick} (1 run of 10000 after 5000, for a smoke check), {@code no-receipts} (a diagnostic: submits ask
 * for no receipts, isolating the submit path; the figures are with receipts).
 */
public final class BenchMain {

    static final String GSM_TEXT = "Bench message 123";
    static final String PERSIAN_TEXT = "پیام آزمایشی پیک ۱۲۳";
    static final int MAX_RUNS = 20;
    static final Duration SIMULATOR_MAX_LIFETIME = Duration.ofHours(2);

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Logging.quiet();
        Map<String, String> options = parse(args);
        boolean quick = options.containsKey("quick");
        int runs = intOption(options, "runs", quick ? 1 : 3, 1, MAX_RUNS);
        int messages = intOption(options, "messages", quick ? 10_000 : 100_000, 1, Scenario.MAX_MESSAGES);
        int warmup = intOption(options, "warmup", quick ? 5_000 : 20_000, 0, Scenario.MAX_MESSAGES);
        int messagesW1 = intOption(options, "messages-w1", quick ? 5_000 : 20_000, 1, Scenario.MAX_MESSAGES);
        int warmupW1 = intOption(options, "warmup-w1", quick ? 2_000 : 5_000, 0, Scenario.MAX_MESSAGES);

        boolean receipts = !options.containsKey("no-receipts");
        String suffix = receipts ? "" : ", NO receipts";
        List<Scenario> scenarios = List.of(
                new Scenario("GSM-7 single part" + suffix, 1, GSM_TEXT, warmupW1, messagesW1, receipts),
                new Scenario("GSM-7 single part" + suffix, 10, GSM_TEXT, warmup, messages, receipts),
                new Scenario("GSM-7 single part" + suffix, 50, GSM_TEXT, warmup, messages, receipts),
                new Scenario("UCS-2 Persian single part" + suffix, 50, PERSIAN_TEXT, warmup, messages, receipts));
        if (options.containsKey("windows")) {
            List<Integer> windows = new ArrayList<>();
            for (String w : options.get("windows").split(",")) {
                windows.add(Integer.parseInt(w.trim()));
            }
            scenarios = scenarios.stream().filter(s -> windows.contains(s.windowSize())).toList();
            if (scenarios.isEmpty()) {
                throw new IllegalArgumentException("--windows matches no scenario (windows are 1, 10 and 50)");
            }
        }
        check(scenarios);

        System.out.println(machine());
        List<RunResult> results = new ArrayList<>();
        int failures = 0;
        try (SimulatorProcess simulator = SimulatorProcess.start(List.of(), SIMULATOR_MAX_LIFETIME)) {
            System.err.println("simulator pid " + simulator.pid() + " on 127.0.0.1:" + simulator.port());
            // One unrecorded run first, so the first recorded scenario does not pay for the JIT's cold start.
            if (warmup > 0) {
                new BenchRun(new Scenario("JVM warm-up", 50, GSM_TEXT, 0, warmup, receipts), simulator, 0).execute();
            }
            int runNumber = 0;
            for (int round = 1; round <= runs; round++) {
                for (Scenario s : scenarios) {
                    runNumber++;
                    String load = String.format(Locale.ROOT, "%.2f",
                            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                    try {
                        RunResult r = new BenchRun(s, simulator, runNumber).execute();
                        results.add(r);
                        System.out.println("run " + round + "/" + runs + " load " + load + " " + ResultTable.line(r));
                    } catch (RuntimeException e) {
                        failures++;
                        System.out.println("run " + round + "/" + runs + " load " + load + " " + s.label() + " w="
                                + s.windowSize() + " FAILED: " + e.getMessage());
                    }
                    if (!simulator.isAlive()) {
                        throw new IllegalStateException("the simulator process died");
                    }
                }
            }
        }
        System.out.println();
        System.out.println(ResultTable.render(scenarios, results));
        System.out.println(verdict(results));
        System.exit(failures == 0 ? 0 : 1);
    }

    /** The targets, stated plainly against the medians. */
    static String verdict(List<RunResult> results) {
        long[] w50 = results.stream()
                .filter(r -> r.scenario().windowSize() == 50 && r.scenario().text().equals(GSM_TEXT)
                        && r.scenario().receipts())
                .mapToLong(RunResult::submitsPerSecond).toArray();
        long[] cpu = results.stream()
                .filter(r -> r.scenario().windowSize() == 50 && r.scenario().text().equals(GSM_TEXT)
                        && r.scenario().receipts())
                .mapToLong(RunResult::clientNanosPerMessage).toArray();
        if (w50.length == 0) {
            return "targets: no complete window-50 run with receipts";
        }
        long rate = ResultTable.median(w50);
        long nanos = ResultTable.median(cpu);
        return "target >= 25,000 submit_sm/s at window 50: " + (rate >= 25_000 ? "MET" : "NOT MET") + " (median "
                + ResultTable.grouped(rate) + "/s)\n" + "target < 140 µs client CPU per message (Kannel): "
                + (nanos < 140_000 ? "MET" : "NOT MET") + " (median " + ResultTable.micros(nanos) + " µs at window 50)";
    }

    private static void check(List<Scenario> scenarios) {
        for (Scenario s : scenarios) {
            var seg = Segmenter.segment(s.text(), io.peyk.smpp.segment.ConcatMode.UDH_8BIT_REF, 1, 1);
            boolean ucs2 = s.text().equals(PERSIAN_TEXT);
            if (seg.segments().size() != 1 || (seg.encoding() == TextEncoding.UCS2) != ucs2) {
                throw new IllegalStateException("scenario text is not the intended single part: " + s.label());
            }
        }
    }

    static String machine() {
        String model = "unknown";
        try {
            model = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(model);
        } catch (IOException e) {
            // not Linux: leave unknown
        }
        return "machine: " + Runtime.getRuntime().availableProcessors() + " CPUs (" + model + "), "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + ", max heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB";
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new TreeMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("options look like --name=value: " + arg);
            }
            int eq = arg.indexOf('=');
            options.put(eq < 0 ? arg.substring(2) : arg.substring(2, eq), eq < 0 ? "" : arg.substring(eq + 1));
        }
        for (String name : options.keySet()) {
            if (!List.of("runs", "messages", "warmup", "messages-w1", "warmup-w1", "quick", "windows", "no-receipts")
                    .contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
        }
        return options;
    }

    private static int intOption(Map<String, String> options, String name, int fallback, int min, int max) {
        String v = options.get(name);
        int value = v == null ? fallback : Integer.parseInt(v);
        if (value < min || value > max) {
            throw new IllegalArgumentException("--" + name + " must be " + min + ".." + max);
        }
        return value;
    }
}

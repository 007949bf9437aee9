package io.peyk.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * End-to-end benchmark of the partner API: {@code POST /v1/messages} on the gateway (a child JVM started from the built
 * jar, on its embedded default: PostgreSQL, Kafka and the SMSC simulator all on this machine) until every message is
 * receipted, with API latency percentiles and the whole machine's CPU per message.
 *
 * <p>
 * Usage: {@code java -cp bench/target/peyk-bench.jar io.peyk.bench.ApiBenchMain [--messages=N] [--warmup=N]
 * [--clients=C] [--jar=src/target/quarkus-app/quarkus-run.jar] [--gateway-opt=-XX:...] [--accept-only]}.
 * {@code --accept-only} (with {@code --gateway-opt=-Dpeyk.messages.dispatcher.enabled=false}) measures the API alone. Every
 * wait is bounded; the child is
 * stopped by its
 * handle.
 */
public final class ApiBenchMain {

    private static final String ADMIN_TOKEN = "bench-admin-token";
    private static final Pattern API_KEY = Pattern.compile("\"apiKey\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern RECEIPTS = Pattern
            .compile("(?m)^peyk_smpp_receipts_matched_total(?:\\{[^}]*\\})? ([0-9.E+]+)");

    private ApiBenchMain() {
    }

    public static void main(String[] args) throws Exception {
        int messages = intArg(args, "messages", 20_000);
        int warmup = intArg(args, "warmup", 3_000);
        int clients = intArg(args, "clients", 64);
        boolean acceptOnly = Arrays.asList(args).contains("--accept-only");
        Path jar = Path.of(stringArg(args, "jar", "src/target/quarkus-app/quarkus-run.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " not found: build it with ./mvnw -B package -DskipTests");
        }
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path log = Files.createTempFile("peyk-api-bench", ".log");
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        for (String a : args) {
            if (a.startsWith("--gateway-opt=")) {
                command.add(a.substring("--gateway-opt=".length()));
            }
        }
        command.addAll(List.of("-Dquarkus.http.port=" + port, "-Dpeyk.admin.token=" + ADMIN_TOKEN, "-Dquarkus.log.level=WARN",
                "-Dquarkus.log.category.\"io.peyk\".level=WARN", "-jar", jar.toString()));
        Process gateway = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        String base = "http://127.0.0.1:" + port;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build();
        try {
            awaitReady(http, base, gateway);
            String apiKey = createPartner(http, base);
            System.out.printf("gateway pid %d on %s (log %s), %d clients%n", gateway.pid(), base, log, clients);
            run(http, base, apiKey, warmup, clients, "warm-up", acceptOnly ? Double.NaN : 0);
            double receiptsBefore = receipts(http, base);
            long busyBefore = machineBusyJiffies();
            long clientCpuBefore = ownCpuNanos();
            long gatewayCpuBefore = cpuNanos(gateway.toHandle());
            Result r = run(http, base, apiKey, messages, clients, "measured", acceptOnly ? Double.NaN : receiptsBefore);
            long busy = machineBusyJiffies() - busyBefore;
            long clientCpu = ownCpuNanos() - clientCpuBefore;
            long gatewayCpu = cpuNanos(gateway.toHandle()) - gatewayCpuBefore;
            double machineUs = busy * 10_000.0 / messages; // USER_HZ = 100: one jiffy = 10 ms
            System.out.println();
            System.out.println("| measure | value |");
            System.out.println("| --- | ---: |");
            System.out.printf("| messages (single-part GSM-7, receipts on) | %,d |%n", messages);
            System.out.printf("| accepted (202) | %,d |%n", r.accepted);
            System.out.printf("| refused or failed requests | %,d |%n", r.failed);
            System.out.printf("| API accept rate (202/s) | %,.0f |%n", r.accepted / r.acceptSeconds);
            System.out.printf("| end to end (accepted → receipted), messages/s | %,.0f |%n", r.accepted / r.endToEndSeconds);
            System.out.printf("| API latency p50 / p99 / max (ms) | %.1f / %.1f / %.1f |%n", r.p50, r.p99, r.max);
            System.out.printf("| machine CPU per message, all processes (µs) | %.0f |%n", machineUs);
            System.out.printf("| of it the load generator (µs) | %.0f |%n", clientCpu / 1_000.0 / messages);
            System.out.printf("| gateway JVM incl. embedded Kafka and SMSC simulator (µs) | %.0f |%n",
                    gatewayCpu / 1_000.0 / messages);
        } finally {
            gateway.destroy();
            if (!gateway.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                gateway.destroyForcibly();
            }
        }
    }

    private record Result(int accepted, int failed, double acceptSeconds, double endToEndSeconds, double p50, double p99,
            double max) {
    }

    private static Result run(HttpClient http, String base, String apiKey, int n, int clients, String label,
            double receiptsBefore) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        List<CompletableFuture<Void>> loops = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            loops.add(loop(http, base, apiKey, n, next, failed, latencies));
        }
        CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).get(10, java.util.concurrent.TimeUnit.MINUTES);
        double acceptSeconds = (System.nanoTime() - start) / 1e9;
        int accepted = latencies.size();
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        // NaN: accept-only diagnostic (dispatcher off), no receipts to wait for.
        while (!Double.isNaN(receiptsBefore) && receipts(http, base) - receiptsBefore < accepted
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        double endToEnd = (System.nanoTime() - start) / 1e9;
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        double p50 = sorted.length == 0 ? 0 : sorted[(int) (sorted.length * 0.50)] / 1e6;
        double p99 = sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.99))] / 1e6;
        double max = sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6;
        System.out.printf("%s: %d accepted, %d failed, accept %.1f s, end to end %.1f s%n", label, accepted, failed.get(),
                acceptSeconds, endToEnd);
        return new Result(accepted, failed.get(), acceptSeconds, endToEnd, p50, p99, max);
    }

    private static CompletableFuture<Void> loop(HttpClient http, String base, String apiKey, int n, AtomicInteger next,
            AtomicInteger failed, ConcurrentLinkedQueue<Long> latencies) {
        int i = next.getAndIncrement();
        if (i >= n) {
            return CompletableFuture.completedFuture(null);
        }
        String body = "{\"to\":\"+98912" + String.format("%07d", i % 10_000_000)
                + "\",\"from\":\"Bench\",\"text\":\"Bench message "
                + i + "\"}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/messages")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long t0 = System.nanoTime();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, error) -> {
            if (error == null && response.statusCode() == 202) {
                latencies.add(System.nanoTime() - t0);
            } else {
                failed.incrementAndGet();
            }
            return null;
        }).thenCompose(ignored -> loop(http, base, apiKey, n, next, failed, latencies));
    }

    private static void awaitReady(HttpClient http, String base, Process gateway) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!gateway.isAlive()) {
                throw new IllegalStateException("gateway exited with " + gateway.exitValue());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("gateway not ready within 120 s");
    }

    private static String createPartner(HttpClient http, String base) throws Exception {
        String body = "{\"name\":\"bench-" + System.nanoTime() + "\",\"senderIds\":[\"Bench\"],\"rateLimitPerSecond\":100000}";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/admin/v1/partners"))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = API_KEY.matcher(r.body());
        if (r.statusCode() != 201 || !m.find()) {
            throw new IllegalStateException("creating the bench partner failed: " + r.statusCode());
        }
        return m.group(1);
    }

    private static double receipts(HttpClient http, String base) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = RECEIPTS.matcher(r.body());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /** Busy jiffies of all CPUs since boot (user + nice + system + irq + softirq + steal). */
    private static long machineBusyJiffies() throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
        long[] f = Arrays.stream(cpu.trim().split("\\s+")).skip(1).mapToLong(Long::parseLong).toArray();
        return f[0] + f[1] + f[2] + f[5] + f[6] + (f.length > 7 ? f[7] : 0);
    }

    private static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long cpuNanos(ProcessHandle handle) {
        return handle.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    private static int intArg(String[] args, String name, int fallback) {
        return Integer.parseInt(stringArg(args, name, Integer.toString(fallback)));
    }

    private static String stringArg(String[] args, String name, String fallback) {
        for (String a : args) {
            if (a.startsWith("--" + name + "=")) {
                return a.substring(name.length() + 3);
            }
        }
        return fallback;
    }
}

package io.peyk.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * End-to-end benchmark of the partner API: {@code POST /v1/messages} on the gateway (a child JVM started from the built
 * jar, on its embedded default: PostgreSQL, Kafka and the SMSC simulator all on this machine, see
 * {@link GatewayProcess}) until every message is receipted, with API latency percentiles and the whole machine's CPU per
 * message.
 *
 * <p>
 * Usage: {@code java -cp bench/target/peyk-bench.jar io.peyk.bench.ApiBenchMain [--messages=N] [--warmup=N]
 * [--clients=C] [--jar=src/target/quarkus-app/quarkus-run.jar] [--gateway-opt=-XX:...] [--accept-only]}.
 * {@code --accept-only} (with {@code --gateway-opt=-Dpeyk.messages.dispatcher.enabled=false}) measures the API alone. Every
 * wait is bounded; the child is stopped by its handle.
 */
public final class ApiBenchMain {

    static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);

    private ApiBenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Args a = new Args(args);
        int messages = a.integer("messages", 20_000, 1, HttpLoad.MAX_REQUESTS);
        int warmup = a.integer("warmup", 3_000, 0, HttpLoad.MAX_REQUESTS);
        int clients = a.integer("clients", 64, 1, HttpLoad.MAX_CLIENTS);
        boolean acceptOnly = a.flag("accept-only");
        Path jar = Path.of(a.string("jar", "src/target/quarkus-app/quarkus-run.jar"));
        try (GatewayProcess gateway = GatewayProcess.start(jar, a.values("gateway-opt"))) {
            GatewayApi api = new GatewayApi(GatewayApi.newHttpClient(), gateway.baseUrl());
            String apiKey = api.createPartner(List.of("Bench")).apiKey();
            System.out.printf("gateway pid %d on %s (log %s), %d clients%n", gateway.pid(), gateway.baseUrl(),
                    gateway.log(), clients);
            run(api, apiKey, warmup, clients, "warm-up", acceptOnly ? Double.NaN : 0);
            double receiptsBefore = receipts(api);
            long busyBefore = MachineStats.machineBusyJiffies();
            long clientCpuBefore = MachineStats.ownCpuNanos();
            long gatewayCpuBefore = MachineStats.cpuNanos(gateway.handle());
            Result r = run(api, apiKey, messages, clients, "measured", acceptOnly ? Double.NaN : receiptsBefore);
            long busy = MachineStats.machineBusyJiffies() - busyBefore;
            long clientCpu = MachineStats.ownCpuNanos() - clientCpuBefore;
            long gatewayCpu = MachineStats.cpuNanos(gateway.handle()) - gatewayCpuBefore;
            double machineUs = busy * MachineStats.NANOS_PER_JIFFY / 1_000.0 / messages;
            System.out.println();
            System.out.println("| measure | value |");
            System.out.println("| --- | ---: |");
            System.out.printf("| messages (single-part GSM-7, receipts on) | %,d |%n", messages);
            System.out.printf("| accepted (202) | %,d |%n", r.accepted);
            System.out.printf("| refused or failed requests | %,d |%n", r.failed);
            System.out.printf("| API accept rate (202/s) | %,.0f |%n", r.accepted / r.acceptSeconds);
            System.out.printf("| end to end (accepted → receipted), messages/s | %,.0f |%n", r.accepted / r.endToEndSeconds);
            System.out.printf("| API latency p50 / p99 / max (ms) | %s |%n", r.latency.format());
            System.out.printf("| machine CPU per message, all processes (µs) | %.0f |%n", machineUs);
            System.out.printf("| of it the load generator (µs) | %.0f |%n", clientCpu / 1_000.0 / messages);
            System.out.printf("| gateway JVM incl. embedded Kafka and SMSC simulator (µs) | %.0f |%n",
                    gatewayCpu / 1_000.0 / messages);
        }
    }

    private record Result(int accepted, int failed, double acceptSeconds, double endToEndSeconds, Percentiles latency) {
    }

    private static Result run(GatewayApi api, String apiKey, int n, int clients, String label, double receiptsBefore)
            throws Exception {
        HttpLoad.Result load = HttpLoad.run(api.http(), n, clients,
                i -> api.message(apiKey, GatewayApi.smsBody("+98912" + String.format("%07d", i % 10_000_000), "Bench", i)),
                202, Optional.empty(), RUN_TIMEOUT);
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        // NaN: accept-only diagnostic (dispatcher off), no receipts to wait for.
        while (!Double.isNaN(receiptsBefore) && receipts(api) - receiptsBefore < load.ok() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        double endToEnd = (System.nanoTime() - load.startNanos()) / 1e9;
        System.out.printf("%s: %d accepted, %d failed, accept %.1f s, end to end %.1f s%n", label, load.ok(), load.failed(),
                load.seconds(), endToEnd);
        return new Result(load.ok(), load.failed(), load.seconds(), endToEnd, Percentiles.of(load.latencyNanos()));
    }

    private static double receipts(GatewayApi api) throws Exception {
        return api.metrics().sum("peyk_smpp_receipts_matched_total");
    }
}

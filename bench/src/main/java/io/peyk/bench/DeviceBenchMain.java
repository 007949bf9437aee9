package io.peyk.bench;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Benchmarks of the app channel: device WebSockets on the gateway (a child JVM started from the built jar on its embedded
 * default, see {@link GatewayProcess}) driven by simulated devices ({@link DeviceFleet}) and the partner API
 * ({@link HttpLoad}), all on this machine.
 *
 * <p>
 * Usage: {@code java -cp bench/target/peyk-bench.jar io.peyk.bench.DeviceBenchMain --mode=MODE [options]}
 * <ul>
 * <li>{@code --mode=idle --connections=N}: issues N device tokens (concurrently), connects N idle devices, waits until
 * the gateway counts N connections, holds them ({@code --hold=SECONDS}, default 30: at least two heartbeat timeouts, so
 * a device that did not answer pings would be closed), then measures the gateway's heap after a full GC against the
 * baseline before connecting, its RSS and open files, the connect rate and the connections lost during the hold; then
 * disconnects every device and measures the heap again (what connections leave behind). {@code --cycles=K} repeats
 * connect, hold and disconnect K times on the same gateway, so that a leak shows as a growing remainder.</li>
 * <li>{@code --mode=push --devices=D --messages=M --clients=C}: D connected devices that acknowledge every message frame
 * at once; after {@code --warmup=W} messages, M OTT-only messages through {@code POST /v1/messages} from C concurrent
 * HTTP clients, to the D numbers in turn. Measures frames per second at the devices, latency from accept (the 202) and
 * from the request to the frame's arrival, and the time until every message is DELIVERED. Then, unless
 * {@code --burst=0}, the push path alone: {@code --burst} (default M) messages are accepted through the API while a
 * trigger (installed with psql) postpones their dispatch by a day; one UPDATE then makes them all due at once and the
 * dispatcher takes them as it takes any accepted message (claim, route, notification, push, acknowledgement).</li>
 * <li>{@code --mode=timers --messages=M --after=S}: M OTT-only messages with {@code fallbackAfterSeconds=S} to numbers
 * without a device (they wait, then EXPIRE at their timer); when the first timer is due, {@code --load=L} (default M)
 * more messages ({@code --load-kind=sms} (default) or {@code ott}) go through the API while the timers fire. Reports the
 * gateway's lateness metric and the lateness read from the stored transitions.</li>
 * </ul>
 * Common options: {@code --jar=src/target/quarkus-app/quarkus-run.jar}, {@code --heap=2g} (the gateway's -Xmx),
 * {@code --heartbeat=5} (seconds between the gateway's pings; the heartbeat timeout is twice that plus 2 s),
 * {@code --sources=8} (loopback source addresses of the devices), {@code --parallel=200} (device handshakes at a time),
 * {@code --gateway-opt=<JVM option>} (repeatable). Every wait is bounded; the gateway is stopped by its handle. Needs
 * {@code /usr/bin/psql} for the DELIVERED counts, the held dispatch and the stored lateness (left out without it).
 */
public final class DeviceBenchMain {

    static final String SENDER = "3000";
    static final int MAX_MESSAGES = 1_000_000;
    static final Duration PHASE_TIMEOUT = Duration.ofMinutes(15);
    static final Duration POLL = Duration.ofMillis(250);
    /** A process needs file descriptors besides its sockets (jars, epoll, pipes): kept free below the limit. */
    static final int FD_RESERVE = 600;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private DeviceBenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Logging.quiet();
        Args a = new Args(args);
        String mode = a.value("mode").orElseThrow(() -> new IllegalArgumentException("--mode=idle|push|timers is required"));
        switch (mode) {
            case "idle" -> idle(a);
            case "push" -> push(a);
            case "timers" -> timers(a);
            default -> throw new IllegalArgumentException("unknown --mode " + mode + ": idle, push or timers");
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // idle

    private static void idle(Args a) throws Exception {
        int n = a.integer("connections", 1_000, 1, DeviceFleet.MAX_DEVICES);
        int heartbeat = a.integer("heartbeat", 5, 1, 300);
        int hold = a.integer("hold", Math.max(30, 2 * timeoutSeconds(heartbeat) + heartbeat), 1, 3_600);
        int cycles = a.integer("cycles", 1, 1, 10);
        long ownLimit = MachineStats.openFilesLimit(ProcessHandle.current().pid());
        if (ownLimit > 0 && n > ownLimit - FD_RESERVE) {
            throw new IllegalArgumentException(n + " connections need as many file descriptors in this process, whose limit"
                    + " is " + ownLimit + " (RLIMIT_NOFILE); use at most " + (ownLimit - FD_RESERVE));
        }
        String loadStart = MachineStats.loadAverage();
        try (Run run = Run.start(a, heartbeat)) {
            long gwLimit = MachineStats.openFilesLimit(run.gateway.pid());
            System.out.printf("gateway pid %d (log %s), open files limit %d, %d connections, heartbeat %d s, hold %d s%n",
                    run.gateway.pid(), run.gateway.log(), gwLimit, n, heartbeat, hold);
            List<String> tokens = run.tokens(n, 0);
            Heap base = Heap.measure(run);
            int fdsBefore = MachineStats.openFiles(run.gateway.pid());
            long rssBefore = MachineStats.rssKib(run.gateway.pid());
            System.out.printf("baseline: heap live %,d B (incl. eden %,d B), RSS %,d KiB, %d open files%n", base.live,
                    base.used, rssBefore, fdsBefore);
            for (int cycle = 1; cycle <= cycles; cycle++) {
                System.out.printf("cycle %d of %d%n", cycle, cycles);
                try (DeviceFleet fleet = new DeviceFleet("127.0.0.1", run.gateway.port(), a.integer("sources", 8, 1,
                        DeviceFleet.MAX_SOURCE_ADDRESSES), n, false)) {
                    DeviceFleet.ConnectResult connected = fleet.connect(tokens, a.integer("parallel", 200, 1, 10_000),
                            PHASE_TIMEOUT);
                    System.out.printf("connected: %,d registered, %,d failed %s in %.1f s (%,.0f/s)%n", connected.registered(),
                            connected.failed(), connected.failures(), connected.elapsedNanos() / 1e9,
                            connected.registeredPerSecond());
                    long gauge = awaitGauge(run.api, connected.registered(), Duration.ofSeconds(60));
                    long dropsBefore = fleet.drops();
                    long pingsBefore = fleet.pings();
                    long minGauge = gauge;
                    CpuUse holdCpu0 = CpuUse.now(run.gateway, run.postgres);
                    long holdStart = System.nanoTime();
                    long holdEnd = System.nanoTime() + Duration.ofSeconds(hold).toNanos();
                    while (System.nanoTime() < holdEnd) {
                        Thread.sleep(Math.min(5_000, Math.max(1, (holdEnd - System.nanoTime()) / 1_000_000)));
                        long now = run.api.metrics().count("peyk_devices_connections");
                        minGauge = Math.min(minGauge, now);
                        System.out.printf("  hold: gateway %,d connections, devices %,d open, %d dropped, %,d pings%n", now,
                                fleet.open(), fleet.drops() - dropsBefore, fleet.pings() - pingsBefore);
                    }
                    CpuUse holdCpu = CpuUse.now(run.gateway, run.postgres).minus(holdCpu0);
                    double holdSeconds = (System.nanoTime() - holdStart) / 1e9;
                    Heap held = Heap.measure(run);
                    long rss = MachineStats.rssKib(run.gateway.pid());
                    int fds = MachineStats.openFiles(run.gateway.pid());
                    long gaugeAfter = run.api.metrics().count("peyk_devices_connections");
                    long dropped = fleet.drops() - dropsBefore;
                    long pings = fleet.pings() - pingsBefore;
                    Map<String, Integer> closes = fleet.closeCodes();
                    long ownRss = MachineStats.rssKib(ProcessHandle.current().pid());
                    int ownFds = MachineStats.openFiles(ProcessHandle.current().pid());
                    String loadHeld = MachineStats.loadAverage();
                    long perConnection = gaugeAfter == 0 ? 0 : (held.live - base.live) / gaugeAfter;
                    long projected = base.live + perConnection * 100_000L;
                    fleet.close();
                    long gaugeClosed = awaitGauge(run.api, 0, Duration.ofSeconds(120));
                    Heap after = Heap.measure(run);
                    Optional<Long> presence = run.psql.isPresent()
                            ? Optional.of(run.psql.get().number("SELECT count(*) FROM device_presence"))
                            : Optional.empty();
                    System.out.println();
                    System.out.println("| measure | value |");
                    System.out.println("| --- | ---: |");
                    System.out.printf("| connections requested / held by the gateway after the hold | %,d / %,d |%n", n,
                            gaugeAfter);
                    System.out.printf("| connect failures | %,d %s |%n", connected.failed(), connected.failures());
                    System.out.printf("| connect rate (first upgrade → last hello), connections/s | %,.0f |%n",
                            connected.registeredPerSecond());
                    System.out.printf("| hold, heartbeat interval / timeout | %d s, %d s / %d s |%n", hold, heartbeat,
                            timeoutSeconds(heartbeat));
                    System.out.printf("| connections lost during the hold (device side / lowest gateway count) | %d / %,d |%n",
                            dropped, minGauge);
                    System.out.printf("| pings received during the hold (Vert.x answers each with a pong) | %,d |%n", pings);
                    System.out.printf("| CPU during the hold, gateway JVM / PostgreSQL (%% of one core) | %.1f / %.1f |%n",
                            holdCpu.gatewayNanos() / 1e7 / holdSeconds,
                            Math.max(0, holdCpu.postgresNanos()) / 1e7 / holdSeconds);
                    System.out.printf("| gateway heap live after GC: baseline → held | %,.1f MiB → %,.1f MiB |%n",
                            mib(base.live),
                            mib(held.live));
                    System.out.printf("| heap per connection | %,d B |%n", perConnection);
                    System.out.printf("| projected heap for 100,000 connections (baseline + 100k × per connection) | %,.0f MiB"
                            + " (budget 2,048 MiB) |%n", mib(projected));
                    System.out.printf("| gateway RSS: baseline → held | %,d MiB → %,d MiB (%,d B per connection) |%n",
                            rssBefore / 1024, rss / 1024, gaugeAfter == 0 ? 0 : (rss - rssBefore) * 1024 / gaugeAfter);
                    System.out.printf("| gateway open files: baseline → held (limit) | %,d → %,d (%,d) |%n", fdsBefore, fds,
                            gwLimit);
                    System.out.printf("| bench process: RSS, open files (limit) | %,d MiB, %,d (%,d) |%n", ownRss / 1024,
                            ownFds,
                            ownLimit);
                    System.out.printf(
                            "| after all disconnected: gateway count, heap live − baseline, presence rows | %,d, %,d B,"
                                    + " %s |%n",
                            gaugeClosed, after.live - base.live, presence.map(String::valueOf).orElse("n/a"));
                    System.out.printf("| load average: start / held | %s / %s |%n", loadStart, loadHeld);
                    if (!closes.isEmpty()) {
                        System.out.println("close codes of lost connections: " + closes);
                    }
                }
            }
        }
    }

    /** Live heap (all heap pools but Eden) and heap in use, after two full GCs. */
    private record Heap(long live, long used) {

        static Heap measure(Run run) throws Exception {
            run.gateway.gc();
            run.gateway.gc();
            PrometheusText m = run.api.metrics();
            return new Heap(m.heapBytes("Eden"), m.heapBytes());
        }
    }

    private static long awaitGauge(GatewayApi api, long expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long now = api.metrics().count("peyk_devices_connections");
        while (now != expected && System.nanoTime() < deadline) {
            Thread.sleep(POLL.toMillis());
            now = api.metrics().count("peyk_devices_connections");
        }
        return now;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // push

    private static void push(Args a) throws Exception {
        int devices = a.integer("devices", 1_000, 1, DeviceFleet.MAX_DEVICES);
        int messages = a.integer("messages", 20_000, 1, MAX_MESSAGES);
        int warmup = a.integer("warmup", 2_000, 0, MAX_MESSAGES);
        int burst = a.integer("burst", messages, 0, MAX_MESSAGES);
        int clients = a.integer("clients", 64, 1, HttpLoad.MAX_CLIENTS);
        int heartbeat = a.integer("heartbeat", 5, 1, 300);
        String payload = payload(a.integer("payload-bytes", 64, 1, 4_096));
        String loadStart = MachineStats.loadAverage();
        try (Run run = Run.start(a, heartbeat)) {
            System.out.printf("gateway pid %d (log %s), %d devices, %d clients%n", run.gateway.pid(), run.gateway.log(),
                    devices, clients);
            List<String> tokens = run.tokens(devices, 0);
            try (DeviceFleet fleet = new DeviceFleet("127.0.0.1", run.gateway.port(), a.integer("sources", 8, 1,
                    DeviceFleet.MAX_SOURCE_ADDRESSES), devices, true)) {
                DeviceFleet.ConnectResult connected = fleet.connect(tokens, a.integer("parallel", 200, 1, 10_000),
                        PHASE_TIMEOUT);
                long gauge = awaitGauge(run.api, devices, Duration.ofSeconds(60));
                System.out.printf("connected: %,d registered, %,d failed %s; gateway counts %,d%n", connected.registered(),
                        connected.failed(), connected.failures(), gauge);
                if (gauge != devices) {
                    throw new IllegalStateException("the gateway holds " + gauge + " of " + devices + " devices");
                }
                // OTT-only, never expiring during the run: every message must end DELIVERED by its device.
                int fallbackAfter = 3_600;
                long delivered = 0;
                if (warmup > 0) {
                    Phase w = run.ottPhase(fleet, warmup, clients, devices, payload, fallbackAfter, "warm-up");
                    delivered = run.awaitDelivered(delivered + w.load.ok(), fleet);
                    fleet.forgetArrivals();
                }
                CpuUse cpu0 = CpuUse.now(run.gateway, run.postgres);
                PrometheusText m0 = run.api.metrics();
                Phase p = run.ottPhase(fleet, messages, clients, devices, payload, fallbackAfter, "measured");
                delivered = run.awaitDelivered(delivered + p.load.ok(), fleet);
                long allDelivered = System.nanoTime();
                CpuUse cpu = CpuUse.now(run.gateway, run.postgres).minus(cpu0);
                PrometheusText m1 = run.api.metrics();
                String loadEnd = MachineStats.loadAverage();
                Arrivals arr = Arrivals.of(fleet, p);
                System.out.println();
                System.out.println("API-bound, end to end:");
                System.out.println();
                System.out.println("| measure | value |");
                System.out.println("| --- | ---: |");
                System.out.printf("| devices / messages (OTT-only, %d-byte payload) / HTTP clients | %,d / %,d / %d |%n",
                        Base64.getDecoder().decode(payload).length, devices, messages, clients);
                System.out.printf("| accepted (202) / refused or failed | %,d / %,d %s |%n", p.load.ok(), p.load.failed(),
                        p.load.failures());
                System.out.printf("| API accept rate (202/s) | %,.0f |%n", p.load.okPerSecond());
                System.out.printf("| message frames at the devices: received / missing / duplicates | %,d / %,d / %,d |%n",
                        arr.received, p.load.ok() - arr.received, fleet.duplicates());
                System.out.printf("| pushes/s at the devices (first → last frame) = acks sent/s | %,.0f |%n",
                        arr.framesPerSecond());
                System.out.printf("| end to end: all DELIVERED %.1f s after the first request → messages/s | %,.0f |%n",
                        (allDelivered - p.load.startNanos()) / 1e9, p.load.ok() * 1e9 / (allDelivered - p.load.startNanos()));
                System.out.printf("| latency accept (202) → frame p50 / p99 / max (ms) | %s |%n", arr.fromAccept.format());
                System.out.printf("| latency request sent → frame p50 / p99 / max (ms) | %s |%n", arr.fromSend.format());
                System.out.printf("| API latency p50 / p99 / max (ms) | %s |%n",
                        Percentiles.of(p.load.latencyNanos()).format());
                System.out.printf("| gateway counters: pushes / push refused / acks / late acks | %,d / %,d / %,d / %,d |%n",
                        m1.count("peyk_ott_pushes_total") - m0.count("peyk_ott_pushes_total"),
                        m1.count("peyk_ott_push_refused_total") - m0.count("peyk_ott_push_refused_total"),
                        m1.count("peyk_ott_acks_total") - m0.count("peyk_ott_acks_total"),
                        m1.count("peyk_ott_acks_late_total") - m0.count("peyk_ott_acks_late_total"));
                System.out.printf("| error frames at the devices | %s |%n", fleet.errors());
                System.out.printf("| CPU per message: machine (all processes) / gateway JVM / PostgreSQL / bench (µs) |"
                        + " %s |%n", cpu.perMessage(messages));
                System.out.printf("| load average: start / end | %s / %s |%n", loadStart, loadEnd);
                if (burst > 0) {
                    if (run.psql.isEmpty()) {
                        System.out.println("push path alone: skipped (needs " + Psql.PSQL + ")");
                    } else {
                        pushBurst(run, fleet, burst, clients, devices, payload, fallbackAfter, delivered);
                    }
                }
            }
        }
    }

    /** The push path alone: messages accepted with their dispatch held back, then released at once. */
    private static void pushBurst(Run run, DeviceFleet fleet, int burst, int clients, int devices, String payload,
            int fallbackAfter, long deliveredBefore) throws Exception {
        Psql psql = run.psql.orElseThrow();
        psql.run("""
                CREATE FUNCTION bench_hold_dispatch() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN NEW.next_attempt_at := NEW.next_attempt_at + interval '1 day'; RETURN NEW; END $$;
                CREATE TRIGGER bench_hold_dispatch BEFORE INSERT ON message FOR EACH ROW
                    EXECUTE FUNCTION bench_hold_dispatch()""");
        fleet.forgetArrivals();
        long framesBefore = fleet.frames();
        Phase p = run.ottPhase(fleet, burst, clients, devices, payload, fallbackAfter, "burst (accepted, dispatch held)");
        Thread.sleep(1_000);
        long framesWhileHeld = fleet.frames() - framesBefore;
        long waiting = psql.number("SELECT count(*) FROM message WHERE partner_id = '" + run.partner.id()
                + "' AND status = 'ACCEPTED'");
        String loadStart = MachineStats.loadAverage();
        CpuUse cpu0 = CpuUse.now(run.gateway, run.postgres);
        long released = System.nanoTime();
        psql.run("DROP TRIGGER bench_hold_dispatch ON message; DROP FUNCTION bench_hold_dispatch();"
                + " UPDATE message SET next_attempt_at = now() WHERE partner_id = '" + run.partner.id()
                + "' AND status = 'ACCEPTED'");
        long updated = System.nanoTime();
        run.awaitDelivered(deliveredBefore + p.load.ok(), fleet);
        long allDelivered = System.nanoTime();
        CpuUse cpu = CpuUse.now(run.gateway, run.postgres).minus(cpu0);
        Arrivals arr = Arrivals.of(fleet, p);
        long[] fromRelease = new long[p.ids.length];
        for (int i = 0; i < p.ids.length; i++) {
            long at = p.ids[i] == null ? -1 : fleet.arrival(p.ids[i]);
            fromRelease[i] = at < 0 ? -1 : at - released;
        }
        System.out.println();
        System.out.println("Push path alone (dispatch held during the accept, then released by one UPDATE):");
        System.out.println();
        System.out.println("| measure | value |");
        System.out.println("| --- | ---: |");
        System.out.printf("| messages accepted while held / waiting ACCEPTED at release / frames while held | %,d / %,d /"
                + " %,d |%n", p.load.ok(), waiting, framesWhileHeld);
        System.out.printf("| release UPDATE (psql, incl. process start) | %.2f s |%n", (updated - released) / 1e9);
        System.out.printf("| frames received / missing / duplicates | %,d / %,d / %,d |%n", arr.received,
                p.load.ok() - arr.received, fleet.duplicates());
        System.out.printf("| pushes/s at the devices: first → last frame | %,.0f |%n", arr.framesPerSecond());
        System.out.printf("| pushes/s at the devices: release → last frame | %,.0f |%n",
                arr.received * 1e9 / (arr.last - released));
        System.out.printf("| all DELIVERED %.1f s after the release → messages/s | %,.0f |%n",
                (allDelivered - released) / 1e9, p.load.ok() * 1e9 / (allDelivered - released));
        System.out.printf("| release → frame p50 / p99 / max (ms) | %s |%n", Percentiles.of(fromRelease).format());
        System.out.printf("| CPU per message: machine (all processes) / gateway JVM / PostgreSQL / bench (µs) | %s |%n",
                cpu.perMessage(burst));
        System.out.printf("| error frames at the devices (whole run) | %s |%n", fleet.errors());
        System.out.printf("| load average: release / end | %s / %s |%n", loadStart, MachineStats.loadAverage());
    }

    /** Arrival statistics of one phase's messages at the devices. */
    private record Arrivals(int received, long first, long last, Percentiles fromAccept, Percentiles fromSend) {

        static Arrivals of(DeviceFleet fleet, Phase p) {
            int n = p.ids.length;
            long[] fromAccept = new long[n];
            long[] fromSend = new long[n];
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            int received = 0;
            for (int i = 0; i < n; i++) {
                long at = p.ids[i] == null ? -1 : fleet.arrival(p.ids[i]);
                if (at < 0) {
                    fromAccept[i] = -1;
                    fromSend[i] = -1;
                    continue;
                }
                received++;
                first = Math.min(first, at);
                last = Math.max(last, at);
                // A frame may arrive before the client has read its 202: counted as 0.
                fromAccept[i] = Math.max(0, at - p.accepted[i]);
                fromSend[i] = at - p.sent[i];
            }
            return new Arrivals(received, first, last, Percentiles.of(fromAccept), Percentiles.of(fromSend));
        }

        double framesPerSecond() {
            return received < 2 ? 0 : (received - 1) * 1e9 / (last - first);
        }
    }

    /** One load of OTT messages: the API's result and, per request, the message id, when it was sent and accepted. */
    private record Phase(HttpLoad.Result load, String[] ids, long[] sent, long[] accepted) {
    }

    private static String payload(int bytes) {
        byte[] p = new byte[bytes];
        byte[] text = "peyk bench payload ".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < bytes; i++) {
            p[i] = text[i % text.length];
        }
        return Base64.getEncoder().encodeToString(p);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // timers

    private static void timers(Args a) throws Exception {
        int messages = a.integer("messages", 5_000, 1, MAX_MESSAGES);
        int after = a.integer("after", 10, 1, 3_600);
        int load = a.integer("load", messages, 0, MAX_MESSAGES);
        String kind = a.string("load-kind", "sms");
        if (!kind.equals("sms") && !kind.equals("ott")) {
            throw new IllegalArgumentException("--load-kind is sms or ott");
        }
        int warmup = a.integer("warmup", 1_000, 0, MAX_MESSAGES);
        int clients = a.integer("clients", 64, 1, HttpLoad.MAX_CLIENTS);
        String payload = payload(a.integer("payload-bytes", 64, 1, 4_096));
        String loadStart = MachineStats.loadAverage();
        try (Run run = Run.start(a, a.integer("heartbeat", 5, 1, 300))) {
            System.out.printf("gateway pid %d (log %s), %d timers of %d s, then %d %s messages, %d clients%n",
                    run.gateway.pid(), run.gateway.log(), messages, after, load, kind, clients);
            String apiKey = run.partner.apiKey();
            if (warmup > 0) {
                HttpLoad.Result w = HttpLoad.run(run.api.http(), warmup, clients,
                        i -> run.api.message(apiKey, GatewayApi.smsBody(msisdn(912, i), SENDER, i)), 202, Optional.empty(),
                        PHASE_TIMEOUT);
                long receipts = awaitCount(() -> metric(run, "peyk_smpp_receipts_matched_total"), w.ok(), PHASE_TIMEOUT);
                System.out.printf("warm-up: %,d SMS accepted at %,.0f/s, %,d receipted%n", w.ok(), w.okPerSecond(), receipts);
            }
            long fired0 = run.api.metrics().count("peyk_ott_fallback_fired_total");
            Instant wallA = Instant.now();
            HttpLoad.Result timersLoad = HttpLoad.run(run.api.http(), messages, clients,
                    i -> run.api.message(apiKey, GatewayApi.ottBody(msisdn(935, i), SENDER, payload, after)), 202,
                    Optional.empty(), PHASE_TIMEOUT);
            System.out.printf("timers: %,d OTT-only messages accepted at %,.0f/s (%,d failed %s) in %.1f s%n",
                    timersLoad.ok(), timersLoad.okPerSecond(), timersLoad.failed(), timersLoad.failures(),
                    timersLoad.seconds());
            long firstDue = timersLoad.startNanos() + Duration.ofSeconds(after).toNanos();
            long wait = firstDue - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000);
            }
            String loadAtFiring = MachineStats.loadAverage();
            Instant wallB0 = Instant.now();
            HttpLoad.Result background = HttpLoad.run(run.api.http(), load, clients,
                    i -> run.api.message(apiKey, kind.equals("sms")
                            ? GatewayApi.smsBody(msisdn(912, 2_000_000 + i), SENDER, i)
                            : GatewayApi.ottBody(msisdn(936, i), SENDER, payload, 3_600)),
                    202, Optional.empty(), PHASE_TIMEOUT);
            Instant wallB1 = Instant.now();
            System.out.printf("load during firing: %,d %s messages accepted at %,.0f/s (%,d failed) from %s to %s%n",
                    background.ok(), kind, background.okPerSecond(), background.failed(), wallB0, wallB1);
            long fired = awaitCount(() -> metric(run, "peyk_ott_fallback_fired_total") - fired0, timersLoad.ok(),
                    PHASE_TIMEOUT);
            long firedAt = System.nanoTime();
            PrometheusText m = run.api.metrics();
            String loadEnd = MachineStats.loadAverage();
            Optional<String> stored = Optional.empty();
            if (run.psql.isPresent()) {
                stored = Optional.of(run.psql.get().run("""
                        SELECT count(*), round(percentile_cont(0.5) WITHIN GROUP (ORDER BY l)::numeric, 3),
                               round(percentile_cont(0.99) WITHIN GROUP (ORDER BY l)::numeric, 3), round(max(l)::numeric, 3),
                               to_char(min(e_at) AT TIME ZONE 'UTC', 'HH24:MI:SS.MS'),
                               to_char(max(e_at) AT TIME ZONE 'UTC', 'HH24:MI:SS.MS')
                          FROM (SELECT extract(epoch FROM e.at - p.at) - m.ott_fallback_after_seconds AS l, e.at AS e_at
                                  FROM message m
                                  JOIN message_transition p ON p.message_id = m.id AND p.status = 'OTT_PENDING'
                                  JOIN message_transition e ON e.message_id = m.id AND e.status = 'EXPIRED'
                                 WHERE m.partner_id = '""" + run.partner.id() + "' AND m.ott_fallback_after_seconds = "
                        + after + ") x"));
            }
            System.out.println();
            System.out.println("| measure | value |");
            System.out.println("| --- | ---: |");
            System.out.printf("| timers (OTT-only, no device, fallbackAfterSeconds) | %,d × %d s, accepted %s → %s UTC |%n",
                    timersLoad.ok(), after, time(wallA), time(wallA.plusNanos(timersLoad.endNanos()
                            - timersLoad.startNanos())));
            System.out.printf("| load while firing | %,d %s messages at %,.0f/s, %s → %s UTC |%n", background.ok(), kind,
                    background.okPerSecond(), time(wallB0), time(wallB1));
            System.out.printf("| timers fired (gateway counter) | %,d, the last ≈ %.1f s after the last was due |%n", fired,
                    (firedAt - timersLoad.endNanos()) / 1e9 - after);
            System.out.printf("| gateway lateness p50 / p99 / max (ms) | %.1f / %.1f / %.1f |%n",
                    1e3 * m.sum("peyk_ott_fallback_lateness_seconds", "quantile=\"0.5\""),
                    1e3 * m.sum("peyk_ott_fallback_lateness_seconds", "quantile=\"0.99\""),
                    1e3 * m.sum("peyk_ott_fallback_lateness_seconds_max"));
            long count = m.count("peyk_ott_fallback_lateness_seconds_count");
            System.out.printf("| gateway lateness samples, mean (ms) | %,d, %.1f |%n", count,
                    count == 0 ? 0 : 1e3 * m.sum("peyk_ott_fallback_lateness_seconds_sum") / count);
            stored.ifPresent(s -> {
                String[] f = s.split("\\|");
                System.out.printf("| stored: EXPIRED − (OTT_PENDING + %d s), n / p50 / p99 / max (ms) | %s / %.0f / %.0f /"
                        + " %.0f |%n", after, f[0], 1e3 * Double.parseDouble(f[1]), 1e3 * Double.parseDouble(f[2]),
                        1e3 * Double.parseDouble(f[3]));
                System.out.printf("| stored: first / last EXPIRED (UTC) | %s / %s |%n", f[4], f[5]);
            });
            System.out.printf("| load average: start / when the first timer was due / end | %s / %s / %s |%n", loadStart,
                    loadAtFiring, loadEnd);
            if (kind.equals("sms")) {
                // Let the SMS load finish (receipted) before stopping the gateway, bounded.
                awaitCount(() -> metric(run, "peyk_smpp_receipts_matched_total"), warmup + background.ok(),
                        Duration.ofMinutes(3));
            }
        }
    }

    private static String time(Instant t) {
        return CLOCK.format(t);
    }

    private static long metric(Run run, String name) {
        try {
            return run.api.metrics().count(name);
        } catch (Exception e) {
            throw new IllegalStateException("reading " + name + " failed", e);
        }
    }

    /** Polls until the count reaches {@code target} or the timeout passes; returns the last count. */
    private static long awaitCount(LongSupplier count, long target, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long now = count.getAsLong();
        while (now < target && System.nanoTime() < deadline) {
            Thread.sleep(POLL.toMillis());
            now = count.getAsLong();
        }
        return now;
    }

    /** An Iranian mobile number: {@code +98<prefix><7 digits>}, distinct for each {@code i} below 10,000,000. */
    static String msisdn(int prefix, int i) {
        return "+98" + prefix + String.format("%07d", i % 10_000_000);
    }

    private static int timeoutSeconds(int heartbeat) {
        return 2 * heartbeat + 2;
    }

    private static double mib(long bytes) {
        return bytes / 1024.0 / 1024.0;
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** One gateway with its bench partner, HTTP client and (when available) psql. */
    private static final class Run implements AutoCloseable {

        final GatewayProcess gateway;
        final GatewayApi api;
        final GatewayApi.Partner partner;
        final Optional<Psql> psql;
        final Optional<ProcessHandle> postgres;

        private Run(GatewayProcess gateway, GatewayApi api, GatewayApi.Partner partner, Optional<Psql> psql,
                Optional<ProcessHandle> postgres) {
            this.gateway = gateway;
            this.api = api;
            this.partner = partner;
            this.psql = psql;
            this.postgres = postgres;
        }

        static Run start(Args a, int heartbeat) throws Exception {
            List<String> options = new ArrayList<>(List.of("-Xmx" + a.string("heap", "2g"),
                    "-Dpeyk.devices.connections.max-per-partner=1000000", "-Dpeyk.devices.connections.max-total=1000000",
                    "-Dpeyk.devices.connections.heartbeat-interval=" + heartbeat + "S",
                    "-Dpeyk.devices.connections.heartbeat-timeout=" + timeoutSeconds(heartbeat) + "S"));
            options.addAll(a.values("gateway-opt"));
            GatewayProcess gateway = GatewayProcess.start(Path.of(a.string("jar", "src/target/quarkus-app/quarkus-run.jar")),
                    options);
            try {
                HttpClient http = GatewayApi.newHttpClient();
                GatewayApi api = new GatewayApi(http, gateway.baseUrl());
                GatewayApi.Partner partner = api.createPartner(List.of(SENDER));
                OptionalInt pgPort = gateway.postgresPort();
                Optional<Psql> psql = Psql.available() && pgPort.isPresent()
                        ? Optional.of(new Psql(pgPort.getAsInt()))
                        : Optional.empty();
                if (psql.isEmpty()) {
                    System.out.println("psql or the embedded PostgreSQL port not found: DB-side figures left out");
                }
                return new Run(gateway, api, partner, psql, gateway.postgres());
            } catch (Exception | Error e) {
                gateway.close();
                throw e;
            }
        }

        /** Device tokens for numbers {@code +98912<first..first+n-1>}, issued by 32 concurrent requests. */
        List<String> tokens(int n, int first) throws Exception {
            String[] tokens = new String[n];
            HttpLoad.Result r = HttpLoad.run(api.http(), n, 32, i -> api.deviceToken(partner.apiKey(), msisdn(912, first + i)),
                    201, Optional.of((i, body, sent, answered) -> tokens[i] = GatewayApi.issuedToken(body).orElse(null)),
                    PHASE_TIMEOUT);
            System.out.printf("tokens: %,d issued at %,.0f/s (%,d failed %s)%n", r.ok(), r.okPerSecond(), r.failed(),
                    r.failures());
            if (r.failed() > 0) {
                throw new IllegalStateException("issuing device tokens failed: " + r.failures());
            }
            return Arrays.asList(tokens);
        }

        /** OTT-only messages to the devices' numbers in turn, recording each id with its send and accept times. */
        Phase ottPhase(DeviceFleet fleet, int n, int clients, int devices, String payload, int fallbackAfter, String label)
                throws Exception {
            String[] ids = new String[n];
            long[] sent = new long[n];
            long[] accepted = new long[n];
            Map<Integer, Boolean> badAnswers = new ConcurrentHashMap<>();
            HttpLoad.Result r = HttpLoad.run(api.http(), n, clients,
                    i -> api.message(partner.apiKey(), GatewayApi.ottBody(msisdn(912, i % devices), SENDER, payload,
                            fallbackAfter)),
                    202, Optional.of((i, body, s, ans) -> {
                        ids[i] = GatewayApi.acceptedId(body).orElse(null);
                        if (ids[i] == null) {
                            badAnswers.put(i, true);
                        }
                        sent[i] = s;
                        accepted[i] = ans;
                    }), PHASE_TIMEOUT);
            System.out.printf("%s: %,d accepted at %,.0f/s (%,d failed %s, %d without id) in %.1f s%n", label, r.ok(),
                    r.okPerSecond(), r.failed(), r.failures(), badAnswers.size(), r.seconds());
            return new Phase(r, ids, sent, accepted);
        }

        /**
         * Waits until the partner has {@code target} DELIVERED messages (psql), or, without psql, until the gateway
         * counted that many acknowledgements; returns the count reached.
         */
        long awaitDelivered(long target, DeviceFleet fleet) throws Exception {
            LongSupplier count = psql.isPresent() ? () -> {
                try {
                    return psql.get().number("SELECT count(*) FROM message WHERE partner_id = '" + partner.id()
                            + "' AND status = 'DELIVERED'");
                } catch (Exception e) {
                    throw new IllegalStateException("counting DELIVERED messages failed", e);
                }
            } : () -> metric(this, "peyk_ott_acks_total");
            long reached = awaitCount(count, target, PHASE_TIMEOUT);
            if (reached < target) {
                System.out.printf("only %,d of %,d DELIVERED within %d min (frames %,d, errors %s)%n", reached, target,
                        PHASE_TIMEOUT.toMinutes(), fleet.frames(), fleet.errors());
            }
            return reached;
        }

        @Override
        public void close() throws InterruptedException {
            gateway.close();
        }
    }
}

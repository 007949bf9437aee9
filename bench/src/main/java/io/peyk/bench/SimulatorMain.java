package io.peyk.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.peyk.smpp.simulator.SmscSimulator;

/**
 * The SMSC simulator as a process of its own for the benchmark: {@code SimulatorMain <port> [maxLifetimeSeconds]} listens
 * on 127.0.0.1 (port 0 picks a free one), prints {@code READY <port>} on stdout and runs until its stdin closes or says
 * {@code stop}, or its lifetime cap runs out, whichever comes first.
 */
public final class SimulatorMain {

    /** The simulator keeps only this many received submits for inspection: the benchmark never reads them. */
    static final int RECORD_CAPACITY = 1_000;
    static final Duration DEFAULT_MAX_LIFETIME = Duration.ofMinutes(30);

    private SimulatorMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Logging.quiet();
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: SimulatorMain <port> [maxLifetimeSeconds]");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        long lifetimeSeconds = args.length == 2 ? Long.parseLong(args[1]) : DEFAULT_MAX_LIFETIME.toSeconds();
        if (port < 0 || port > 65_535 || lifetimeSeconds < 1 || lifetimeSeconds > TimeUnit.DAYS.toSeconds(1)) {
            throw new IllegalArgumentException("port 0..65535 and lifetime 1..86400 s expected");
        }
        try (SmscSimulator smsc = SmscSimulator.start("127.0.0.1", port, RECORD_CAPACITY)) {
            Thread watcher = new Thread(SimulatorMain::awaitStop, "bench-sim-stdin");
            watcher.setDaemon(true);
            watcher.start();
            System.out.println("READY " + smsc.port());
            System.out.flush();
            watcher.join(TimeUnit.SECONDS.toMillis(lifetimeSeconds));
            System.err.println("simulator stopping: submits=" + smsc.submitCount() + " receipts=" + smsc.receiptsSent());
        }
    }

    /** Returns when stdin says {@code stop}, reaches its end or fails (the harness went away). */
    private static void awaitStop() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.trim().equals("stop")) {
                    return;
                }
            }
        } catch (IOException e) {
            // the harness is gone: stop as well
        }
    }
}

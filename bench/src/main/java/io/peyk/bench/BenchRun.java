package io.peyk.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

import com.sun.management.OperatingSystemMXBean;

import io.peyk.smpp.BridgeBusyException;
import io.peyk.smpp.BridgeConfig;
import io.peyk.smpp.ConnectorConfig;
import io.peyk.smpp.InMemoryPartIdStore;
import io.peyk.smpp.OutboundSms;
import io.peyk.smpp.ReceiptRequest;
import io.peyk.smpp.SmppBridge;

/**
 * One run of a {@link Scenario}: a fresh bridge with one connector and one transceiver bind to the simulator, no rate
 * limit, receipts (success and failure) requested on every message unless the scenario turns them off; a warm-up whose
 * submits and receipts are all awaited, then the measured phase, which ends when the last receipt is matched.
 *
 * <p>
 * Submits are kept at most {@link #HIGH_WATER} parts ahead of the submit responses (refilled from {@link #LOW_WATER}), well
 * under the connector's queue, so the window never runs dry and the bridge is not asked to refuse work. Every wait is
 * capped: a phase that does not finish in time fails the run.
 */
final class BenchRun {

    static final String CONNECTOR = "bench";
    static final String SOURCE = "Peyk";
    static final String DESTINATION = "+989121234567";
    static final int QUEUE_CAPACITY = 10_000;
    static final int HIGH_WATER = 4_000;
    static final int LOW_WATER = 2_000;
    static final Duration BIND_TIMEOUT = Duration.ofSeconds(15);
    static final Duration PHASE_TIMEOUT = Duration.ofMinutes(3);
    private static final long PARK_NANOS = 1_000_000;

    private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final Scenario scenario;
    private final SimulatorProcess simulator;
    private final String refPrefix;
    private final EventCounter events = new EventCounter();
    private long issued;
    private long busyRetries;

    BenchRun(Scenario scenario, SimulatorProcess simulator, int runNumber) {
        this.scenario = scenario;
        this.simulator = simulator;
        this.refPrefix = "r" + runNumber + "-";
    }

    RunResult execute() {
        long total = (long) scenario.warmupMessages() + scenario.measuredMessages();
        ConnectorConfig connector = ConnectorConfig.builder(CONNECTOR, "127.0.0.1", simulator.port()).systemId("bench")
                .password("bench").binds(1).windowSize(scenario.windowSize()).maxSubmitsPerSecond(0)
                .queueCapacity(QUEUE_CAPACITY).responseTimeout(Duration.ofSeconds(10)).bindTimeout(Duration.ofSeconds(5))
                .rebindDelays(Duration.ofMillis(200), Duration.ofSeconds(2)).build();
        InMemoryPartIdStore store = new InMemoryPartIdStore((int) Math.min(Integer.MAX_VALUE, total + 1_000));
        try (SmppBridge bridge = SmppBridge.start(BridgeConfig.of(List.of(connector)), store, events)) {
            awaitBound(bridge);
            if (scenario.warmupMessages() > 0) {
                events.expect(scenario.warmupMessages(), scenario.warmupMessages());
                long deadline = System.nanoTime() + PHASE_TIMEOUT.toNanos();
                submit(bridge, scenario.warmupMessages(), deadline);
                events.awaitSubmitted(scenario.warmupMessages(), deadline);
                if (scenario.receipts()) {
                    events.awaitReceipts(scenario.warmupMessages(), deadline);
                }
            }
            System.gc();

            events.expect(total, total);
            long busyBefore = busyRetries;
            long simulatorCpu0 = simulator.cpuNanos();
            long clientCpu0 = OS.getProcessCpuTime();
            long start = System.nanoTime();
            long deadline = start + PHASE_TIMEOUT.toNanos();
            submit(bridge, scenario.measuredMessages(), deadline);
            long submittedAt = events.awaitSubmitted(total, deadline);
            long receiptsAt = scenario.receipts() ? events.awaitReceipts(total, deadline) : start;
            long clientCpu1 = OS.getProcessCpuTime();
            long simulatorCpu1 = simulator.cpuNanos();
            return new RunResult(scenario, scenario.measuredMessages(), submittedAt - start, receiptsAt - start,
                    clientCpu1 - clientCpu0, simulatorCpu1 - simulatorCpu0, busyRetries - busyBefore, events.anomalies());
        }
    }

    private void awaitBound(SmppBridge bridge) {
        long deadline = System.nanoTime() + BIND_TIMEOUT.toNanos();
        while (!bridge.status().get(CONNECTOR).up()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("the bridge did not bind to the simulator within " + BIND_TIMEOUT);
            }
            LockSupport.parkNanos(PARK_NANOS);
        }
    }

    /** Submits {@code count} messages, staying between the water marks of outstanding parts. */
    private void submit(SmppBridge bridge, int count, long deadlineNanos) {
        for (int i = 0; i < count; i++) {
            if (issued - events.settled() >= HIGH_WATER) {
                while (issued - events.settled() > LOW_WATER) {
                    checkDeadline(deadlineNanos);
                    LockSupport.parkNanos(PARK_NANOS);
                }
            }
            OutboundSms sms = new OutboundSms(refPrefix + issued, SOURCE, DESTINATION, scenario.text(), Optional.empty(),
                    scenario.receipts() ? ReceiptRequest.SUCCESS_AND_FAILURE : ReceiptRequest.NONE);
            while (true) {
                try {
                    bridge.submit(sms);
                    break;
                } catch (BridgeBusyException e) {
                    busyRetries++;
                    checkDeadline(deadlineNanos);
                    LockSupport.parkNanos(PARK_NANOS);
                }
            }
            issued++;
        }
    }

    private void checkDeadline(long deadlineNanos) {
        if (System.nanoTime() - deadlineNanos > 0) {
            throw new IllegalStateException("timed out submitting: " + issued + " issued, " + events.submitted()
                    + " submitted");
        }
        if (events.anomalies() > 0) {
            throw new IllegalStateException("the bridge reported failed/returned parts or unmatched receipts");
        }
    }
}

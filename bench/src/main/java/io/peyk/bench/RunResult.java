package io.peyk.bench;

/**
 * What one measured run gave. Rates are whole messages per second; CPU times are nanoseconds for the whole measured phase
 * (user + system of each process).
 *
 * @param scenario what ran
 * @param messages measured messages (each one part, one receipt)
 * @param submitNanos from the first submit to the last {@code PartSubmitted}
 * @param receiptNanos from the first submit to the last {@code PartReceipt}; 0 when no receipts were asked for
 * @param clientCpuNanos CPU time of the bridge's process (this JVM) during the measured phase
 * @param simulatorCpuNanos CPU time of the simulator's process during the measured phase
 * @param busyRetries submits refused with {@code BridgeBusyException} and retried
 * @param anomalies parts failed or returned and receipts unmatched during the run (0 in a sound run)
 */
record RunResult(Scenario scenario, long messages, long submitNanos, long receiptNanos, long clientCpuNanos,
        long simulatorCpuNanos, long busyRetries, long anomalies) {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    long submitsPerSecond() {
        return messages * NANOS_PER_SECOND / submitNanos;
    }

    /** 0 when the run asked for no receipts. */
    long receiptsPerSecond() {
        return receiptNanos == 0 ? 0 : messages * NANOS_PER_SECOND / receiptNanos;
    }

    /** Client CPU per message in nanoseconds. */
    long clientNanosPerMessage() {
        return clientCpuNanos / messages;
    }

    long simulatorNanosPerMessage() {
        return simulatorCpuNanos / messages;
    }

    long totalNanosPerMessage() {
        return (clientCpuNanos + simulatorCpuNanos) / messages;
    }
}

package io.peyk.bench;

import java.io.IOException;
import java.util.Optional;

/**
 * CPU time at one moment, or spent between two: the whole machine (busy jiffies of {@code /proc/stat}, every process,
 * foreign ones included), the gateway JVM, its embedded PostgreSQL (postmaster and live backends) and this benchmark
 * JVM. Nanoseconds; process figures have a 10 ms resolution.
 */
record CpuUse(long machineNanos, long gatewayNanos, long postgresNanos, long benchNanos) {

    static CpuUse now(GatewayProcess gateway, Optional<ProcessHandle> postgres) throws IOException {
        return new CpuUse(MachineStats.machineBusyJiffies() * MachineStats.NANOS_PER_JIFFY,
                MachineStats.cpuNanos(gateway.handle()), postgres.map(MachineStats::treeCpuNanos).orElse(-1L),
                MachineStats.ownCpuNanos());
    }

    CpuUse minus(CpuUse before) {
        return new CpuUse(machineNanos - before.machineNanos, gatewayNanos - before.gatewayNanos,
                postgresNanos < 0 ? -1 : postgresNanos - before.postgresNanos, benchNanos - before.benchNanos);
    }

    /** {@code machine / gateway / PostgreSQL / bench} in µs per message. */
    String perMessage(int messages) {
        return String.format("%,.0f / %,.0f / %s / %,.0f", machineNanos / 1e3 / messages, gatewayNanos / 1e3 / messages,
                postgresNanos < 0 ? "n/a" : String.format("%,.0f", postgresNanos / 1e3 / messages),
                benchNanos / 1e3 / messages);
    }
}

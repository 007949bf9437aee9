package io.peyk.bench;

import java.nio.file.Path;

/**
 * Benchmarks of billing against the gateway jar as a child JVM on its embedded default (PostgreSQL as its own process,
 * Kafka inside the gateway JVM), everything on this machine. Three modes:
 * <ul>
 * <li>{@code --mode=usage} ({@link UsageBench}): usage events pre-produced into {@code peyk.usage-events} in one Kafka
 * transaction, then timed from its commit until metered into aggregates and until rated and posted.</li>
 * <li>{@code --mode=ledger} ({@link LedgerBench}): transfers per second through {@code io.peyk.billing.ledger.Ledger} on a
 * Vert.x pool of this JVM to the gateway's PostgreSQL.</li>
 * <li>{@code --mode=statement} ({@link StatementBench}): a monthly statement and the reconciliation over millions of usage
 * rows inserted with SQL.</li>
 * </ul>
 * Usage: {@code java -cp bench/target/peyk-bench.jar io.peyk.bench.BillingBenchMain --mode=usage|ledger|statement
 * [--jar=src/target/quarkus-app/quarkus-run.jar] [--gateway-opt=-D...]} plus the options of each mode (see their docs).
 */
public final class BillingBenchMain {

    private BillingBenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Args a = new Args(args);
        Path jar = Path.of(a.string("jar", "src/target/quarkus-app/quarkus-run.jar"));
        String mode = a.string("mode", "");
        System.out.printf("billing bench, mode %s, load average %s, %d CPUs%n", mode, MachineStats.loadAverage(),
                Runtime.getRuntime().availableProcessors());
        switch (mode) {
            case "usage" -> UsageBench.run(a, jar);
            case "ledger" -> LedgerBench.run(a, jar);
            case "statement" -> StatementBench.run(a, jar);
            default -> throw new IllegalArgumentException("--mode must be usage, ledger or statement");
        }
    }

    /** Seconds between two {@link System#nanoTime()} readings. */
    static double seconds(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1e9;
    }
}

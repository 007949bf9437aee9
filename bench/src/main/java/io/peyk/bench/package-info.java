/**
 * The SMPP throughput harness: {@link io.peyk.bench.BenchMain} drives the bridge against the SMSC simulator, which runs in
 * its own JVM ({@link io.peyk.bench.SimulatorMain}) so each process's CPU time is measured apart.
 */
package io.peyk.bench;

/**
 * Benchmarks, built only with {@code -Pbench} (see docs/benchmarks.md). {@link io.peyk.bench.BenchMain}: the SMPP bridge
 * against the SMSC simulator, which runs in its own JVM ({@link io.peyk.bench.SimulatorMain}) so each process's CPU time
 * is measured apart. {@link io.peyk.bench.ApiBenchMain}: the partner API end to end. {@link io.peyk.bench.DeviceBenchMain}:
 * the app channel (idle device connections, pushes and acknowledgements, fallback timers). The last two start the gateway
 * jar as a child JVM ({@link io.peyk.bench.GatewayProcess}) and share its HTTP helpers ({@link io.peyk.bench.GatewayApi},
 * {@link io.peyk.bench.HttpLoad}).
 */
package io.peyk.bench;

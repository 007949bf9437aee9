package io.peyk.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The simulator JVM started by the harness with the same java binary and class path ({@link SimulatorMain}), watched and
 * stopped through its own {@link Process} handle. Its CPU time comes from the operating system
 * ({@link ProcessHandle.Info#totalCpuDuration()}, user plus system).
 */
final class SimulatorProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Process process;
    private final int port;

    private SimulatorProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the simulator on a free loopback port and waits (bounded) until it listens. */
    static SimulatorProcess start(List<String> jvmOptions, Duration maxLifetime) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.add("-D" + Logging.LEVEL_PROPERTY + "=warn");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(SimulatorMain.class.getName());
        command.add("0");
        command.add(Long.toString(maxLifetime.toSeconds()));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        CompletableFuture<Integer> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> drain(process, ready), "bench-sim-stdout");
        reader.setDaemon(true);
        reader.start();
        try {
            int port = ready.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return new SimulatorProcess(process, port);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IOException("simulator did not start within " + START_TIMEOUT.toSeconds() + " s", e);
        }
    }

    private static void drain(Process process, CompletableFuture<Integer> ready) {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (!ready.isDone() && line.startsWith("READY ")) {
                    ready.complete(Integer.parseInt(line.substring(6).trim()));
                } else {
                    System.err.println("[simulator] " + line);
                }
            }
        } catch (IOException | RuntimeException e) {
            ready.completeExceptionally(e);
        }
        ready.completeExceptionally(new IOException("simulator output ended before READY"));
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The simulator's CPU time so far (user + system), in nanoseconds. */
    long cpuNanos() {
        return process.toHandle().info().totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("the OS does not report the simulator's CPU time"))
                .toNanos();
    }

    /** Asks the simulator to stop, then ends its process (this one only) if it does not within the timeout. */
    @Override
    public void close() throws InterruptedException {
        try {
            OutputStream in = process.getOutputStream();
            in.write("stop\n".getBytes(StandardCharsets.US_ASCII));
            in.close();
        } catch (IOException e) {
            // already gone
        }
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroy();
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}

package io.peyk.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

import io.vertx.core.json.JsonObject;

/**
 * One gateway started as a separate JVM from the built jar ({@code target/quarkus-app/quarkus-run.jar}) with its
 * configuration as {@code -D} properties and its console output in a log file.
 */
final class GatewayProcess implements AutoCloseable {

    static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private final String name;
    private final int httpPort;
    private final Path log;
    private final Process process;

    private GatewayProcess(String name, int httpPort, Path log, Process process) {
        this.name = name;
        this.httpPort = httpPort;
        this.log = log;
        this.process = process;
    }

    /** Starts the jar with these system properties; the console goes to {@code target/it-logs/<name>.log}. */
    /** The HTTP client tests talk to gateways with: HTTP/1.1, a bounded connect. */
    static HttpClient httpClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    static GatewayProcess start(String name, int httpPort, Map<String, String> properties) throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run the package phase first");
        }
        Path logs = Files.createDirectories(Path.of("target", "it-logs"));
        Path log = logs.resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx384m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(JAR.toAbsolutePath().toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
        return new GatewayProcess(name, httpPort, log, process);
    }

    /**
     * Starts a gateway bound to {@code env} on a free port (system id {@code it-<name>}, so a name has at most 12
     * characters: SMPP allows 15) and waits until it is ready; stops it again when it never gets there, so a caller only
     * ever holds handles of ready gateways.
     */
    static GatewayProcess startReady(ItEnvironment env, String name, HttpClient http, int maxInFlight, Duration lease)
            throws IOException {
        return startReady(env, name, http, maxInFlight, lease, Map.of());
    }

    /** As {@link #startReady(ItEnvironment, String, HttpClient, int, Duration)}, with more gateway properties. */
    static GatewayProcess startReady(ItEnvironment env, String name, HttpClient http, int maxInFlight, Duration lease,
            Map<String, String> extra) throws IOException {
        int port = ItEnvironment.freePort();
        Map<String, String> properties = env.gatewayProperties("it-" + name, port, maxInFlight, lease);
        properties.putAll(extra);
        GatewayProcess gateway = start(name, port, properties);
        try {
            gateway.awaitReady(http);
        } catch (RuntimeException | Error e) {
            gateway.close();
            throw e;
        }
        return gateway;
    }

    /** Stops whatever of these was started (nulls skipped), in order: gateways first, then the environment. */
    static void closeAll(AutoCloseable... parts) {
        for (AutoCloseable part : parts) {
            if (part != null) {
                try {
                    part.close();
                } catch (Exception e) {
                    throw new IllegalStateException("could not stop " + part, e);
                }
            }
        }
    }

    String name() {
        return name;
    }

    int httpPort() {
        return httpPort;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /**
     * The production log format: every console line is one JSON object with the fields a log pipeline indexes (the
     * child runs the prod profile), so a multi-line stack trace or a stray print cannot break a record apart.
     */
    void assertLogIsJsonLines() throws IOException {
        List<String> lines = log().lines().toList();
        assertThat(lines).as(name + " log lines").hasSizeGreaterThan(10)
                .allSatisfy(line -> {
                    JsonObject record = new JsonObject(line);
                    assertThat(record.fieldNames()).as(line)
                            .contains("timestamp", "level", "loggerName", "message", "mdc");
                    assertThat(record.getString("service")).as(line).isEqualTo("peyk");
                });
    }

    /** Waits (bounded) for {@code /q/health/ready} to answer 200; fails at once if the process exits. */
    void awaitReady(HttpClient http) {
        URI ready = URI.create("http://127.0.0.1:" + httpPort + "/q/health/ready");
        Awaitility.await(name + " ready").atMost(READY_TIMEOUT).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .failFast(name + " exited before it was ready (see " + log.toAbsolutePath() + ")", () -> !process.isAlive())
                .until(() -> http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    /**
     * The value of a Prometheus counter without tags on {@code /q/metrics} (the Micrometer name {@code a.b} is read as
     * {@code a_b_total}); fails when the gateway does not export it.
     */
    long counter(HttpClient http, String micrometerName) throws IOException, InterruptedException {
        String series = micrometerName.replace('.', '_') + "_total";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                + "/q/metrics")).timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(name + " /q/metrics answered " + response.statusCode());
        }
        return response.body().lines().filter(l -> l.startsWith(series + " ") || l.startsWith(series + "{"))
                .map(l -> new BigDecimal(l.substring(l.lastIndexOf(' ') + 1)).longValueExact()).findFirst()
                .orElseThrow(() -> new IllegalStateException(name + " exports no " + series));
    }

    /** {@code kill -9}: no shutdown hook, no graceful unbind, nothing flushed. */
    void killHard() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " (pid " + process.pid() + ") survived SIGKILL");
        }
    }

    /**
     * SIGTERM, then waits at most {@code timeout} for the process to exit and returns its exit code; fails (after a
     * SIGKILL) when it is still running then.
     */
    int terminate(Duration timeout) throws InterruptedException {
        sigterm();
        return awaitExit(timeout);
    }

    /** Sends SIGTERM and returns at once. */
    void sigterm() {
        process.destroy();
    }

    /** Waits (bounded) for the process to exit and returns its exit code; kills it and fails when it does not. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            killHard();
            throw new AssertionError(name + " (pid " + process.pid() + ") still running " + timeout + " after SIGTERM");
        }
        return process.exitValue();
    }

    /** Stops the process (SIGTERM, then SIGKILL after a bounded wait). */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

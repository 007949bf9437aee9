package io.peyk.bench;

import java.io.IOException;
import java.net.ServerSocket;
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
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway as a child JVM of a benchmark, started from the built jar on its embedded default (PostgreSQL as its own
 * process, Kafka and the SMSC simulator inside the gateway JVM) on a free loopback port, its output in a temporary log
 * file. The admin token, the device-token secret and the text encryption key are fixed bench values. {@link #close()}
 * stops it by its handle (SIGTERM, then SIGKILL after {@link #STOP_TIMEOUT}); its embedded PostgreSQL stops with it.
 */
final class GatewayProcess implements AutoCloseable {

    static final String ADMIN_TOKEN = "bench-admin-token";
    static final String DEVICE_TOKEN_SECRET = "bench-device-token-secret-not-for-production";
    /** The text encryption key (peyk.crypto.keys.bench): base64 of 32 published bytes, not a secret. */
    static final String TEXT_KEY = "cGV5ay1iZW5jaC10ZXh0LWtleS1OT1QtQS1TRUNSRVQ=";
    static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    static final Duration JCMD_TIMEOUT = Duration.ofSeconds(120);
    private static final Pattern POSTGRES = Pattern
            .compile("Embedded PostgreSQL listening on 127\\.0\\.0\\.1:(\\d+) \\(data under ([^)]+)\\)");
    private static final Pattern KAFKA = Pattern.compile("Embedded Kafka listening on (127\\.0\\.0\\.1:\\d+)");

    private final Process process;
    private final int port;
    private final Path log;

    private GatewayProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts the gateway with these extra JVM options (placed before {@code -jar}, so {@code -D} options override the
     * defaults here) and waits until {@code /q/health/ready} answers 200.
     */
    static GatewayProcess start(Path jar, List<String> jvmOptions) throws IOException, InterruptedException {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " not found: build it with ./mvnw -o -q -Pbench -pl bench -am package"
                    + " -DskipTests");
        }
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path log = Files.createTempFile("peyk-gateway-bench", ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=" + port, "-Dpeyk.admin.token=" + ADMIN_TOKEN,
                "-Dpeyk.devices.token-secret=" + DEVICE_TOKEN_SECRET, "-Dpeyk.crypto.keys.bench=" + TEXT_KEY,
                "-Dpeyk.crypto.active-key=bench", "-Dquarkus.log.level=WARN",
                "-Dquarkus.log.category.\"io.peyk\".level=WARN",
                // The embedded runtime names PostgreSQL's port at INFO: the device benchmark reads it (psql).
                "-Dquarkus.log.category.\"io.peyk.gateway.embedded\".level=INFO"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        GatewayProcess gateway = new GatewayProcess(process, port, log);
        try {
            gateway.awaitReady();
        } catch (IOException | InterruptedException | RuntimeException e) {
            gateway.close();
            throw e;
        }
        return gateway;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** A full GC in the gateway ({@code jcmd <pid> GC.run}), waited for. */
    void gc() throws IOException, InterruptedException {
        jcmd("GC.run");
    }

    /** Runs a diagnostic command in the gateway JVM and returns its output. */
    String jcmd(String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid())));
        line.addAll(List.of(command));
        Path out = Files.createTempFile("peyk-jcmd", ".txt");
        try {
            Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!jcmd.waitFor(JCMD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                jcmd.destroyForcibly();
                throw new IllegalStateException("jcmd " + String.join(" ", command) + " did not finish within "
                        + JCMD_TIMEOUT.toSeconds() + " s");
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            if (jcmd.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed: " + text);
            }
            return text;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** The port of the embedded PostgreSQL, as the gateway logged it at startup. */
    OptionalInt postgresPort() throws IOException {
        Matcher m = POSTGRES.matcher(Files.readString(log, StandardCharsets.UTF_8));
        return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }

    /** The bootstrap address of the embedded Kafka broker, as the gateway logged it at startup. */
    Optional<String> kafkaBootstrap() throws IOException {
        Matcher m = KAFKA.matcher(Files.readString(log, StandardCharsets.UTF_8));
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The embedded PostgreSQL's postmaster (its backends are its children), from its {@code postmaster.pid}. */
    Optional<ProcessHandle> postgres() throws IOException {
        Matcher m = POSTGRES.matcher(Files.readString(log, StandardCharsets.UTF_8));
        if (!m.find()) {
            return Optional.empty();
        }
        Path pidFile = Path.of(m.group(2), "postgres", "data", "postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        try {
            return ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).get(0).trim()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("gateway exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("gateway not ready within " + READY_TIMEOUT.toSeconds() + " s; see " + log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }
}

package io.peyk.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * SQL against the gateway's embedded PostgreSQL through the {@code psql} client ({@value #PSQL}; user {@code postgres},
 * trusted on loopback), one short-lived process per call with {@code ON_ERROR_STOP}: for reading what the API does not
 * show and for the device benchmark's held dispatch. Output unaligned, tuples only, fields separated by {@code |}.
 */
final class Psql {

    static final String PSQL = "/usr/bin/psql";
    static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final int port;

    Psql(int port) {
        this.port = port;
    }

    static boolean available() {
        return Files.isExecutable(Path.of(PSQL));
    }

    /** Runs the SQL and returns the output, trimmed. Several statements in one call run as one transaction (psql -c). */
    String run(String sql) throws IOException, InterruptedException {
        Path out = Files.createTempFile("peyk-psql", ".txt");
        try {
            Process p = new ProcessBuilder(List.of(PSQL, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1",
                    "-p", Integer.toString(port), "-U", "postgres", "-d", "postgres", "-c", sql)).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("psql did not finish within " + TIMEOUT.toSeconds() + " s");
            }
            String text = Files.readString(out, StandardCharsets.UTF_8).trim();
            if (p.exitValue() != 0) {
                throw new IllegalStateException("psql failed: " + text);
            }
            return text;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** A query's single number. */
    long number(String sql) throws IOException, InterruptedException {
        return Long.parseLong(run(sql));
    }
}

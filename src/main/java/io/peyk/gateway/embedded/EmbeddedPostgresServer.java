package io.peyk.gateway.embedded;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL 17 server run from the zonky binaries as a child process, listening on a free loopback port.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    /** The superuser zonky creates; the server trusts loopback connections. */
    public static final String USER = "postgres";
    /** The password handed to clients (ignored by the trust authentication of the embedded server). */
    public static final String PASSWORD = "postgres";
    public static final String DATABASE = "postgres";
    public static final String HOST = "127.0.0.1";

    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts PostgreSQL with binaries extracted under {@code dataDir/postgres-bin}, the cluster in
     * {@code dataDir/postgres-data} (kept across runs when the data directory is persistent) and the server log in
     * {@code dataDir/postgres.log}.
     */
    public static EmbeddedPostgresServer start(DataDirectory dataDir) throws IOException {
        QuietLoggers.quiet("io.zonky");
        Path bin = dataDir.resolve("postgres-bin");
        Path base = dataDir.resolve("postgres");
        File log = base.resolve("postgres.log").toFile();
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(bin.toFile())
                .setDataDirectory(base.resolve("data"))
                .setCleanDataDirectory(!dataDir.persistent())
                .setRegisterShutdownHook(false)
                .setPGStartupWait(STARTUP_WAIT)
                .setServerConfig("listen_addresses", HOST)
                .setServerConfig("max_connections", "100")
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log))
                .start();
        return new EmbeddedPostgresServer(postgres);
    }

    /** The component that starts this server unless {@code quarkus.datasource.reactive.url} is configured. */
    public static EmbeddedComponent component() {
        return EmbeddedComponent.of("PostgreSQL", config -> config.isSet("quarkus.datasource.reactive.url"),
                (name, dataDir) -> {
                    EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir);
                    return new StartedComponent(name, HOST + ":" + server.port(), server.quarkusProperties(), server);
                });
    }

    public int port() {
        return postgres.getPort();
    }

    /** The Vert.x reactive client URL. */
    public String reactiveUrl() {
        return "postgresql://" + HOST + ":" + port() + "/" + DATABASE;
    }

    /** The JDBC URL (Flyway migrations). */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + HOST + ":" + port() + "/" + DATABASE;
    }

    /** The Quarkus datasource properties pointing at this server. */
    public Map<String, String> quarkusProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.datasource.reactive.url", reactiveUrl());
        properties.put("quarkus.datasource.jdbc.url", jdbcUrl());
        properties.put("quarkus.datasource.username", USER);
        properties.put("quarkus.datasource.password", PASSWORD);
        return properties;
    }

    /** Stops the server (fast shutdown) and, for a temporary data directory, deletes the cluster. */
    @Override
    public void close() throws IOException {
        postgres.close();
    }
}

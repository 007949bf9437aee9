package io.peyk.gateway.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import io.peyk.gateway.embedded.DataDirectory;
import io.peyk.gateway.embedded.EmbeddedKafkaBroker;
import io.peyk.gateway.embedded.EmbeddedPostgresServer;
import io.peyk.gateway.partner.ApiKeys;
import io.peyk.smpp.simulator.SmscSimulator;

/**
 * The outside world of the gateway processes under test, run by the test JVM: a real PostgreSQL, a single-node Kafka
 * and the SMSC simulator, plus plain JDBC access to the gateway's tables.
 */
final class ItEnvironment implements AutoCloseable {

    /** The connector name every child uses, so receipts find their parts whichever instance they reach. */
    static final String CONNECTOR = "sim";
    static final String ADMIN_TOKEN = "it-admin-token";
    static final String SENDER = "Peyk";
    /** The device token key every child shares, so a token issued by one instance opens a connection on another. */
    static final String DEVICE_TOKEN_SECRET = "it-device-token-secret-shared-by-all";
    /** The text encryption key of every instance (peyk.crypto.keys.it): a published test value, not a secret. */
    static final String TEXT_KEY = "cGV5ay1pdC10ZXh0LWtleS0tTk9ULUEtU0VDUkVULTA=";

    private final DataDirectory dataDir;
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private EmbeddedPostgresServer postgres;
    private EmbeddedKafkaBroker kafka;
    private SmscSimulator simulator;

    private ItEnvironment(DataDirectory dataDir) {
        this.dataDir = dataDir;
    }

    /** Starts PostgreSQL, Kafka and the simulator (receipts after {@code receiptDelay}); stops what started on failure. */
    static ItEnvironment start(Duration receiptDelay) throws IOException {
        Path base = Files.createDirectories(Path.of("target", "it-data"));
        ItEnvironment env = new ItEnvironment(new DataDirectory(Files.createTempDirectory(base, "env-"), false));
        try {
            env.postgres = EmbeddedPostgresServer.start(env.dataDir);
            env.toClose.add(env.postgres);
            env.kafka = EmbeddedKafkaBroker.start(env.dataDir);
            env.toClose.add(env.kafka);
            env.simulator = SmscSimulator.start().receiptDelay(receiptDelay);
            env.toClose.add(env.simulator);
            return env;
        } catch (IOException | RuntimeException e) {
            env.close();
            throw e;
        }
    }

    SmscSimulator simulator() {
        return simulator;
    }

    /** The embedded broker's bootstrap servers, for producers in the test itself. */
    String kafkaBootstrap() {
        return kafka.bootstrapServers();
    }

    /** The {@code -D} properties of a gateway child bound to this environment. */
    Map<String, String> gatewayProperties(String systemId, int httpPort, int maxInFlight, Duration lease) {
        Map<String, String> p = new LinkedHashMap<>(postgres.quarkusProperties());
        p.putAll(kafka.quarkusProperties());
        String connector = "peyk.smpp.connectors." + CONNECTOR + ".";
        p.put(connector + "host", simulator.host());
        p.put(connector + "port", Integer.toString(simulator.port()));
        p.put(connector + "system-id", systemId);
        p.put(connector + "password", "it");
        p.put("quarkus.http.port", Integer.toString(httpPort));
        p.put("peyk.admin.token", ADMIN_TOKEN);
        p.put("peyk.devices.token-secret", DEVICE_TOKEN_SECRET);
        p.put("peyk.crypto.keys.it", TEXT_KEY);
        p.put("peyk.crypto.active-key", "it");
        p.put("peyk.messages.dispatcher.max-in-flight", Integer.toString(maxInFlight));
        p.put("peyk.messages.dispatcher.lease", lease.toMillis() + "MS");
        return p;
    }

    Connection jdbc() throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(), EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
    }

    /** Creates an active partner allowed to send as {@link #SENDER} and returns its plaintext API key. */
    String createPartner(String name) throws SQLException {
        UUID partnerId = UUID.randomUUID();
        ApiKeys.NewApiKey key = ApiKeys.generate();
        try (Connection c = jdbc()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO partner (id, name, sender_ids, webhook_secret,"
                    + " rate_limit_per_second) VALUES (?, ?, ?, ?, ?)")) {
                ps.setObject(1, partnerId);
                ps.setString(2, name);
                ps.setArray(3, c.createArrayOf("text", new String[]{SENDER}));
                ps.setString(4, ApiKeys.newWebhookSecret());
                ps.setInt(5, 100_000);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c
                    .prepareStatement("INSERT INTO api_key (id, partner_id, key_hash, key_prefix) VALUES (?, ?, ?, ?)")) {
                ps.setObject(1, UUID.randomUUID());
                ps.setObject(2, partnerId);
                ps.setBytes(3, key.hash());
                ps.setString(4, key.prefix());
                ps.executeUpdate();
            }
        }
        return key.plaintext();
    }

    /** A single number the query returns (count, sum...). */
    long queryLong(String sql) throws SQLException {
        try (Connection c = jdbc(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A single number the query returns, its one parameter bound to these message ids (a {@code uuid[]}). */
    long queryLong(String sql, List<UUID> ids) throws SQLException {
        try (Connection c = jdbc(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Submits the SMSC received (accepted or not) for this E.164 number. */
    long submitsTo(String e164) {
        String address = e164.startsWith("+") ? e164.substring(1) : e164;
        return simulator.received().stream().filter(s -> s.destinationAddr().equals(address)).count();
    }

    /** Status of each message of the given ids that exists (ids are checked in chunks). */
    Map<UUID, String> statuses(List<UUID> ids) throws SQLException {
        Map<UUID, String> result = new LinkedHashMap<>();
        try (Connection c = jdbc();
                PreparedStatement ps = c.prepareStatement("SELECT id, status FROM message WHERE id = ANY (?)")) {
            for (int from = 0; from < ids.size(); from += 1_000) {
                List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + 1_000));
                ps.setArray(1, c.createArrayOf("uuid", chunk.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        result.put(rs.getObject(1, UUID.class), rs.getString(2));
                    }
                }
            }
        }
        return result;
    }

    /** Waits (bounded) until every one of these messages has {@code status}; the failure tells where they are instead. */
    void awaitStatus(List<UUID> ids, String status, Duration timeout) throws SQLException {
        try {
            Awaitility.await(ids.size() + " messages " + status).atMost(timeout).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> statuses(ids).values().stream().filter(status::equals).count() == ids.size());
        } catch (ConditionTimeoutException e) {
            Map<String, Long> where = new TreeMap<>();
            Map<UUID, String> found = statuses(ids);
            ids.forEach(id -> where.merge(found.getOrDefault(id, "MISSING"), 1L, Long::sum));
            throw new AssertionError("not every message " + status + " after " + timeout + ": " + where, e);
        }
    }

    /** A diagnostic of the messages that are not final (at most {@code limit}), for a failure message. */
    String describeUnfinished(int limit) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection c = jdbc(); PreparedStatement ps = c.prepareStatement("""
                SELECT m.status, (SELECT count(*) FROM message_part p WHERE p.message_id = m.id) > 0 AS has_parts,
                       m.dispatch_attempts, m.claimed_by IS NOT NULL AS claimed,
                       (SELECT count(*) FROM smpp_part_id s WHERE s.message_ref = m.id::text) > 0 AS remembered,
                       count(*)
                  FROM message m WHERE m.status IN ('ACCEPTED', 'SUBMITTED')
                 GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5"""); ResultSet rs = ps.executeQuery()) {
            out.append("not final (status, has part rows, dispatch attempts, claimed, part id remembered: count):");
            while (rs.next()) {
                out.append("\n  ").append(rs.getString(1)).append(", parts=").append(rs.getBoolean(2)).append(", attempts=")
                        .append(rs.getInt(3)).append(", claimed=").append(rs.getBoolean(4)).append(", remembered=")
                        .append(rs.getBoolean(5)).append(": ").append(rs.getLong(6));
            }
        }
        try (Connection c = jdbc(); PreparedStatement ps = c.prepareStatement("""
                SELECT m.id, m.status, m.claimed_by, m.claimed_until - now(), m.next_attempt_at - now(), m.dispatch_attempts,
                       m.last_error,
                       (SELECT string_agg(p.seq || ':' || p.state || ':' || coalesce(p.smsc_message_id, '-') || ':x'
                               || p.submit_count, ',') FROM message_part p WHERE p.message_id = m.id),
                       (SELECT string_agg(s.smsc_message_id, ',') FROM smpp_part_id s WHERE s.message_ref = m.id::text)
                  FROM message m WHERE m.status IN ('ACCEPTED', 'SUBMITTED') ORDER BY m.id LIMIT ?""")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.append("\n  ").append(rs.getString(1)).append(' ').append(rs.getString(2)).append(" claimed_by=")
                            .append(rs.getString(3)).append(" lease_left=").append(rs.getString(4)).append(" due_in=")
                            .append(rs.getString(5)).append(" attempts=").append(rs.getInt(6)).append(" last_error=")
                            .append(rs.getString(7)).append(" parts=").append(rs.getString(8)).append(" smpp_part_id=")
                            .append(rs.getString(9));
                }
            }
        }
        return out.toString();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        }
    }

    /** Stops the simulator, Kafka and PostgreSQL (reverse order) and deletes the data directory. */
    @Override
    public void close() {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            try {
                toClose.get(i).close();
            } catch (Exception e) {
                System.err.println("[it] stopping " + toClose.get(i).getClass().getSimpleName() + " failed: " + e);
            }
        }
        toClose.clear();
        try (Stream<Path> files = Files.walk(dataDir.path())) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("[it] could not delete " + dataDir.path() + ": " + e);
        }
    }
}

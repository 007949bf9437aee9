package io.peyk.gateway.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * A single-node Kafka 4 (KRaft, combined broker and controller) running inside this JVM on free loopback ports.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    public static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;

    private final KafkaRaftServer server;
    private final int port;

    private EmbeddedKafkaBroker(KafkaRaftServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Formats (once; the cluster id is kept in {@code dataDir/kafka/cluster.id}) and starts the broker with its log in
     * {@code dataDir/kafka/logs}, blocking until it serves requests.
     */
    public static EmbeddedKafkaBroker start(DataDirectory dataDir) throws IOException {
        QuietLoggers.quiet("kafka", "org.apache.kafka", "state.change.logger");
        Path base = dataDir.resolve("kafka");
        Path logs = dataDir.resolve("kafka/logs");
        int port = freePort();
        int controllerPort = freePort();
        while (controllerPort == port) {
            controllerPort = freePort();
        }
        Properties config = brokerConfig(logs, port, controllerPort);
        Path configFile = base.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(configFile)) {
            config.store(out, "Peyk embedded Kafka (generated on each start)");
        }
        format(configFile, clusterId(base.resolve("cluster.id")));
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
        try {
            server.startup();
        } catch (RuntimeException e) {
            server.shutdown();
            throw e;
        }
        return new EmbeddedKafkaBroker(server, port);
    }

    /** The component that starts this broker unless {@code kafka.bootstrap.servers} is configured. */
    public static EmbeddedComponent component() {
        return EmbeddedComponent.of("Kafka", config -> config.isSet("kafka.bootstrap.servers"), (name, dataDir) -> {
            EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir);
            return new StartedComponent(name, broker.bootstrapServers(), broker.quarkusProperties(), broker);
        });
    }

    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    public Map<String, String> quarkusProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("kafka.bootstrap.servers", bootstrapServers());
        return properties;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    static Properties brokerConfig(Path logs, int port, int controllerPort) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", Integer.toString(NODE_ID));
        p.setProperty("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("log.dirs", logs.toString());
        p.setProperty("num.partitions", "1");
        p.setProperty("auto.create.topics.enable", "true");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "5");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "5");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("log.retention.hours", "24");
        p.setProperty("log.segment.bytes", Integer.toString(64 * 1024 * 1024));
        return p;
    }

    private static String clusterId(Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            String existing = Files.readString(file, StandardCharsets.US_ASCII).trim();
            if (!existing.isEmpty() && existing.length() <= 64) {
                return existing;
            }
        }
        String id = Uuid.randomUuid().toString();
        Files.writeString(file, id, StandardCharsets.US_ASCII);
        return id;
    }

    private static void format(Path configFile, String clusterId) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int rc;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            rc = StorageTool.execute(new String[]{"format", "-t", clusterId, "-c", configFile.toString(), "-g"},
                    out);
        }
        if (rc != 0) {
            throw new IllegalStateException("formatting the embedded Kafka log directory failed (rc " + rc + "): "
                    + output.toString(StandardCharsets.UTF_8).strip());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
            return socket.getLocalPort();
        }
    }
}

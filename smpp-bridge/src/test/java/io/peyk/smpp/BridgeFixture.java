package io.peyk.smpp;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import io.peyk.smpp.simulator.SmscSimulator;

/** A simulator plus a bridge bound to it over loopback TCP, torn down by the test. */
public final class BridgeFixture implements AutoCloseable {

    public final SmscSimulator smsc;
    public final RecordingListener events = new RecordingListener();
    public final InMemoryPartIdStore store = new InMemoryPartIdStore(100_000);
    public SmppBridge bridge;
    private final List<AutoCloseable> extra = new ArrayList<>();

    private BridgeFixture(SmscSimulator smsc) {
        this.smsc = smsc;
    }

    public static BridgeFixture start() throws Exception {
        return start(UnaryOperator.identity());
    }

    /** Starts a simulator and a bridge with one connector "smsc" to it, tuned by {@code tune}, and waits for the bind. */
    public static BridgeFixture start(UnaryOperator<ConnectorConfig.Builder> tune) throws Exception {
        BridgeFixture f = new BridgeFixture(SmscSimulator.start());
        f.bridge = SmppBridge.start(BridgeConfig.of(List.of(tune.apply(fastConnector("smsc", f.smsc.port())).build())),
                f.store, f.events);
        f.awaitBound("smsc");
        return f;
    }

    /** Test-friendly timings: short backoffs and timeouts so failures show within seconds. */
    public static ConnectorConfig.Builder fastConnector(String name, int port) {
        return ConnectorConfig.builder(name, "127.0.0.1", port).systemId("peyk").password("secret")
                .rebindDelays(Duration.ofMillis(100), Duration.ofMillis(500)).alreadyBoundDelay(Duration.ofMillis(300))
                .throttleDelays(Duration.ofMillis(20), Duration.ofMillis(200)).responseTimeout(Duration.ofSeconds(2))
                .bindTimeout(Duration.ofSeconds(2)).shutdownTimeout(Duration.ofSeconds(2));
    }

    public static BridgeConfig withGrace(BridgeConfig c, Duration grace) {
        return new BridgeConfig(c.connectors(), c.routes(), c.defaultRoute(), grace, c.pendingReceiptCapacity(),
                c.inboundReassemblyTimeout(), c.inboundMaxPendingGroups(), c.trackerCapacity());
    }

    public void awaitBound(String connector) {
        await().atMost(Duration.ofSeconds(10)).until(() -> bridge.status().get(connector).up());
    }

    public void closeLater(AutoCloseable c) {
        extra.add(c);
    }

    public Map<String, ConnectorStatus> status() {
        return bridge.status();
    }

    @Override
    public void close() throws Exception {
        if (bridge != null) {
            bridge.close();
        }
        smsc.close();
        for (AutoCloseable c : extra) {
            c.close();
        }
    }
}

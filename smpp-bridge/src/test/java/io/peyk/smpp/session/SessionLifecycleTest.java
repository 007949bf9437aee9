package io.peyk.smpp.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.peyk.smpp.BindMode;
import io.peyk.smpp.BridgeConfig;
import io.peyk.smpp.BridgeEvent.BindStateChanged;
import io.peyk.smpp.BridgeEvent.MessageFinal;
import io.peyk.smpp.BridgeEvent.PartReturned;
import io.peyk.smpp.BridgeEvent.PartSubmitted;
import io.peyk.smpp.BridgeFixture;
import io.peyk.smpp.InMemoryPartIdStore;
import io.peyk.smpp.NoRouteException;
import io.peyk.smpp.OutboundSms;
import io.peyk.smpp.RecordingListener;
import io.peyk.smpp.SmppBridge;
import io.peyk.smpp.pdu.CommandStatus;
import io.peyk.smpp.simulator.SmscSimulator;

/** Bind, keep-alive, rebind, refused binds, failover and shutdown, over real loopback TCP. */
class SessionLifecycleTest {

    @Test
    void aDroppedConnectionIsRebound_andSubmitsContinue() throws Exception {
        try (BridgeFixture f = BridgeFixture.start()) {
            int bindsBefore = f.smsc.bindAttempts();
            f.smsc.dropConnections();

            await().atMost(Duration.ofSeconds(5))
                    .until(() -> f.smsc.bindAttempts() > bindsBefore && f.bridge.status().get("smsc").up());
            assertThat(f.events.of(BindStateChanged.class, e -> e.state() == BindState.BACKING_OFF)).isNotEmpty();
            f.bridge.submit(OutboundSms.of("after-drop", "Peyk", "+989121234567", "still here"));
            await().atMost(Duration.ofSeconds(5)).until(() -> f.events.of(MessageFinal.class).size() == 1);
        }
    }

    @Test
    void aSilentDeadLinkIsDetectedByEnquireLinkAndRebound() throws Exception {
        SmscSimulator smsc = SmscSimulator.start();
        LinkProxy proxy = new LinkProxy(smsc.port());
        RecordingListener events = new RecordingListener();
        BridgeConfig config = BridgeConfig.of(List.of(BridgeFixture.fastConnector("smsc", proxy.port())
                .enquireLinkInterval(Duration.ofMillis(300)).responseTimeout(Duration.ofMillis(500))
                .bindTimeout(Duration.ofMillis(500)).build()));
        try (smsc; proxy; SmppBridge bridge = SmppBridge.start(config, new InMemoryPartIdStore(100), events)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> bridge.status().get("smsc").up());

            proxy.freeze();
            await().atMost(Duration.ofSeconds(5)).until(() -> !bridge.status().get("smsc").up());
            proxy.unfreeze();
            await().atMost(Duration.ofSeconds(10)).until(() -> bridge.status().get("smsc").up());

            bridge.submit(OutboundSms.of("alive", "Peyk", "+989121234567", "back"));
            await().atMost(Duration.ofSeconds(5)).until(() -> events.of(MessageFinal.class).size() == 1);
        }
    }

    @Test
    void alreadyBoundMakesTheBridgeWaitInsteadOfSpinning() throws Exception {
        SmscSimulator smsc = SmscSimulator.start();
        smsc.rejectNextBinds(2, CommandStatus.ESME_RALYBND.code());
        RecordingListener events = new RecordingListener();
        BridgeConfig config = BridgeConfig.of(List.of(BridgeFixture.fastConnector("smsc", smsc.port()).build()));
        long started = System.nanoTime();
        try (smsc; SmppBridge bridge = SmppBridge.start(config, new InMemoryPartIdStore(100), events)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> bridge.status().get("smsc").up());
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(smsc.bindAttempts()).isEqualTo(3);
            // two refusals, each followed by the configured 300 ms already-bound wait (plus backoff)
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(600));
            assertThat(events.of(BindStateChanged.class, e -> e.reason().contains("ESME_RALYBND"))).hasSize(2);
        }
    }

    @Test
    void rebindingLeaksNoThreads_andShutdownStopsThemAll() throws Exception {
        SmscSimulator smsc = SmscSimulator.start();
        BridgeConfig config = BridgeConfig.of(List.of(BridgeFixture.fastConnector("smsc", smsc.port()).windowSize(4).build()));
        try (smsc) {
            SmppBridge bridge = SmppBridge.start(config, new InMemoryPartIdStore(100), new RecordingListener());
            await().atMost(Duration.ofSeconds(5)).until(() -> bridge.status().get("smsc").up());
            Map<String, Long> baseline = threadsByKind();
            for (int i = 0; i < 5; i++) {
                int attempts = smsc.bindAttempts();
                smsc.dropConnections();
                await().atMost(Duration.ofSeconds(5))
                        .until(() -> smsc.bindAttempts() > attempts && bridge.status().get("smsc").up());
            }
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(threadsByKind()).isEqualTo(baseline));

            bridge.close();
            await().atMost(Duration.ofSeconds(5)).until(() -> threadNames().stream().noneMatch(n -> n.startsWith("peyk-smpp")));
            await().atMost(Duration.ofSeconds(5)).until(() -> smsc.boundSessions() == 0);
        }
    }

    @Test
    void shutdownUnbindsCleanlyAndHandsBackWhatWasNotSent() throws Exception {
        SmscSimulator smsc = SmscSimulator.start();
        RecordingListener events = new RecordingListener();
        BridgeConfig config = BridgeConfig
                .of(List.of(BridgeFixture.fastConnector("smsc", smsc.port()).windowSize(1).maxSubmitsPerSecond(5).build()));
        try (smsc) {
            SmppBridge bridge = SmppBridge.start(config, new InMemoryPartIdStore(100), events);
            await().atMost(Duration.ofSeconds(5)).until(() -> bridge.status().get("smsc").up());
            for (int i = 0; i < 20; i++) {
                bridge.submit(OutboundSms.of("s-" + i, "Peyk", "+989121234567", "slow " + i));
            }
            bridge.close();

            await().atMost(Duration.ofSeconds(5)).until(() -> smsc.unbindsReceived() >= 1);
            int sent = events.of(PartSubmitted.class).size();
            assertThat(sent + events.of(PartReturned.class).size()).isEqualTo(20);
            assertThat(events.of(PartReturned.class)).isNotEmpty();
        }
    }

    @Test
    void longestPrefixRoutesAndFailsOverToTheNextConnectorWhenOneIsDown() throws Exception {
        SmscSimulator a = SmscSimulator.start();
        SmscSimulator b = SmscSimulator.start();
        RecordingListener events = new RecordingListener();
        BridgeConfig config = BridgeConfig.withRoutes(
                List.of(BridgeFixture.fastConnector("a", a.port()).build(), BridgeFixture.fastConnector("b", b.port()).build()),
                Map.of("+98912", List.of("a", "b"), "+98935", List.of("b")), List.of("b"));
        try (b; SmppBridge bridge = SmppBridge.start(config, new InMemoryPartIdStore(100), events)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> bridge.status().get("a").up() && bridge.status().get("b").up());

            assertThat(bridge.submit(OutboundSms.of("1", "Peyk", "+989121111111", "x")).connector()).isEqualTo("a");
            assertThat(bridge.submit(OutboundSms.of("2", "Peyk", "+989351111111", "x")).connector()).isEqualTo("b");
            assertThat(bridge.submit(OutboundSms.of("3", "Peyk", "+441111111111", "x")).connector()).isEqualTo("b");

            await().atMost(Duration.ofSeconds(5)).until(() -> events.of(MessageFinal.class).size() == 3);
            a.close();
            await().atMost(Duration.ofSeconds(5)).until(() -> !bridge.status().get("a").up());
            assertThat(bridge.submit(OutboundSms.of("4", "Peyk", "+989121111111", "x")).connector()).isEqualTo("b");
            await().atMost(Duration.ofSeconds(5)).until(() -> events.of(MessageFinal.class).size() == 4);
        }
    }

    @Test
    void aDestinationWithoutAnyRouteIsRefusedForGood() throws Exception {
        SmscSimulator a = SmscSimulator.start();
        BridgeConfig config = BridgeConfig.withRoutes(List.of(BridgeFixture.fastConnector("a", a.port()).build()),
                Map.of("+98", List.of("a")), List.of());
        try (a; SmppBridge bridge = SmppBridge.start(config, new InMemoryPartIdStore(100), new RecordingListener())) {
            await().atMost(Duration.ofSeconds(5)).until(() -> bridge.status().get("a").up());
            NoRouteException e = org.junit.jupiter.api.Assertions.assertThrows(NoRouteException.class,
                    () -> bridge.submit(OutboundSms.of("1", "Peyk", "+441111111111", "x")));
            assertThat(e.retryable()).isFalse();
        }
    }

    @Test
    void transmitterPlusReceiverBindsSubmitOnOneAndTakeReceiptsOnTheOther() throws Exception {
        try (BridgeFixture f = BridgeFixture.start(c -> c.bindMode(BindMode.TRANSMITTER_RECEIVER))) {
            await().atMost(Duration.ofSeconds(5)).until(() -> f.smsc.boundSessions() == 2);
            f.bridge.submit(OutboundSms.of("txrx", "Peyk", "+989121234567", "split binds"));
            await().atMost(Duration.ofSeconds(5)).until(() -> f.events.of(MessageFinal.class).size() == 1);
        }
    }

    private static Set<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .collect(Collectors.toSet());
    }

    /** Live threads by name with digits removed: counts per kind, so a leak shows as a growing count. */
    private static Map<String, Long> threadsByKind() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .map(t -> t.getName().replaceAll("[0-9a-f]{8}|\\d+", "#"))
                .filter(n -> !n.startsWith("peyk-smsc-sim") && !n.startsWith("awaitility") && !n.startsWith("ForkJoinPool"))
                .collect(Collectors.groupingBy(n -> n, Collectors.counting()));
    }
}

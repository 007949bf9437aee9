package io.peyk.smpp.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLParameters;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.peyk.smpp.BridgeConfig;
import io.peyk.smpp.BridgeEvent.BindStateChanged;
import io.peyk.smpp.BridgeEvent.MessageFinal;
import io.peyk.smpp.BridgeEvent.PartReceipt;
import io.peyk.smpp.BridgeFixture;
import io.peyk.smpp.ConnectorConfig;
import io.peyk.smpp.InMemoryPartIdStore;
import io.peyk.smpp.OutboundSms;
import io.peyk.smpp.RecordingListener;
import io.peyk.smpp.SmppBridge;
import io.peyk.smpp.TlsTrustStore;
import io.peyk.smpp.pdu.MessageState;
import io.peyk.smpp.simulator.SmscSimulator;

/**
 * SMPP over TLS on loopback: a connector with TLS on binds to the simulator serving TLS, trusting it through a PKCS#12
 * trust store; an untrusted certificate, a certificate for another host name, and TLS on one side only never bind; a bad
 * trust store stops the bridge from starting. Key material is made per run with keytool.
 */
class TlsConnectorTest {

    private static final String TRUST_PASSWORD = "Trust-Store-Secret-4711";

    @TempDir
    static Path dir;

    /** The simulator's certificate for 127.0.0.1 and localhost, and a trust store holding it. */
    static Path ipAndName;
    static Path trustIpAndName;
    /** A certificate for localhost only, and a trust store holding it. */
    static Path nameOnly;
    static Path trustNameOnly;

    @BeforeAll
    static void keys() throws Exception {
        ipAndName = TlsMaterial.serverKeyStore(dir, "smsc-ip-and-name", "ip:127.0.0.1,dns:localhost");
        trustIpAndName = TlsMaterial.trustStoreFor(ipAndName, dir.resolve("trust-ip-and-name.p12"), TRUST_PASSWORD);
        nameOnly = TlsMaterial.serverKeyStore(dir, "smsc-name-only", "dns:localhost");
        trustNameOnly = TlsMaterial.trustStoreFor(nameOnly, dir.resolve("trust-name-only.p12"), TRUST_PASSWORD);
    }

    @Test
    void aTlsConnectorBindsOverTlsSubmitsAndGetsItsReceipt() throws Exception {
        RecordingListener events = new RecordingListener();
        try (SmscSimulator smsc = SmscSimulator.startTls(ipAndName, TlsMaterial.STORE_PASSWORD);
                SmppBridge bridge = bridge(events,
                        connector("smsc", "127.0.0.1", smsc.port()).tls(true).tlsTrustStore(trustIpAndName, TRUST_PASSWORD)
                                .build())) {
            assertThat(smsc.tls()).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> bridge.status().get("smsc").up());

            bridge.submit(OutboundSms.of("tls-1", "Peyk", "+989121234567", "over TLS"));

            await().atMost(Duration.ofSeconds(10)).until(() -> !events.of(MessageFinal.class).isEmpty());
            assertThat(events.of(MessageFinal.class)).singleElement()
                    .satisfies(m -> assertThat(m.state()).isEqualTo(MessageState.DELIVERED));
            assertThat(events.of(PartReceipt.class)).singleElement()
                    .satisfies(r -> assertThat(r.messageRef()).isEqualTo("tls-1"));
            assertThat(smsc.received()).singleElement()
                    .satisfies(s -> assertThat(s.destinationAddr()).isEqualTo("989121234567"));
        }
    }

    @Test
    void aConnectorThatDoesNotTrustTheCertificateNeverBindsAndSaysWhyWhileBackingOff() throws Exception {
        RecordingListener events = new RecordingListener();
        try (SmscSimulator smsc = SmscSimulator.startTls(ipAndName, TlsMaterial.STORE_PASSWORD);
                SmppBridge bridge = bridge(events,
                        // trusts another certificate
                        connector("other", "127.0.0.1", smsc.port()).tls(true).tlsTrustStore(trustNameOnly, TRUST_PASSWORD)
                                .build(),
                        // trusts the JVM's default CAs, which never signed the simulator's certificate
                        connector("jvm", "127.0.0.1", smsc.port()).tls(true).build())) {
            for (String name : List.of("other", "jvm")) {
                await().atMost(Duration.ofSeconds(15)).until(() -> backingOff(events, name).size() >= 3);
                assertThat(backingOff(events, name)).allSatisfy(e -> assertThat(e.reason())
                        .startsWith("bind failed (TLS handshake failed: ").contains("certification path")
                        .containsPattern("retrying in \\d+ ms$"));
            }
            assertThat(events.of(BindStateChanged.class, e -> e.state() == BindState.BOUND)).isEmpty();
            assertThat(bridge.status().values()).noneMatch(s -> s.up());
            assertThat(smsc.bindAttempts()).as("no bind PDU ever reached the SMSC").isZero();
        }
    }

    @Test
    void aCertificateForAnotherHostNameIsRefused() throws Exception {
        RecordingListener events = new RecordingListener();
        try (SmscSimulator smsc = SmscSimulator.startTls(nameOnly, TlsMaterial.STORE_PASSWORD);
                SmppBridge bridge = bridge(events,
                        // the certificate names localhost only: reaching it as 127.0.0.1 must fail although it is trusted
                        connector("byip", "127.0.0.1", smsc.port()).tls(true).tlsTrustStore(trustNameOnly, TRUST_PASSWORD)
                                .build(),
                        connector("byname", "localhost", smsc.port()).tls(true).tlsTrustStore(trustNameOnly, TRUST_PASSWORD)
                                .build())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> bridge.status().get("byname").up());
            await().atMost(Duration.ofSeconds(15)).until(() -> backingOff(events, "byip").size() >= 2);

            assertThat(backingOff(events, "byip")).allSatisfy(e -> assertThat(e.reason())
                    .startsWith("bind failed (TLS handshake failed: ").contains("127.0.0.1"));
            assertThat(bridge.status().get("byip").up()).isFalse();
            assertThat(events.of(BindStateChanged.class, e -> e.connector().equals("byip") && e.state() == BindState.BOUND))
                    .isEmpty();
            assertThat(smsc.bindAttempts()).as("only the connector naming the certificate's host bound").isEqualTo(1);
        }
    }

    @Test
    void tlsOnOneSideOnlyNeverBinds() throws Exception {
        RecordingListener events = new RecordingListener();
        try (SmscSimulator plain = SmscSimulator.start();
                SmscSimulator secure = SmscSimulator.startTls(ipAndName, TlsMaterial.STORE_PASSWORD);
                SmppBridge bridge = bridge(events, connector("tlstoplain", "127.0.0.1", plain.port()).tls(true)
                        .tlsTrustStore(trustIpAndName, TRUST_PASSWORD).build(),
                        connector("plaintotls", "127.0.0.1", secure.port()).build())) {
            await().atMost(Duration.ofSeconds(20)).until(
                    () -> backingOff(events, "tlstoplain").size() >= 2 && backingOff(events, "plaintotls").size() >= 2);

            assertThat(backingOff(events, "tlstoplain"))
                    .allSatisfy(e -> assertThat(e.reason()).startsWith("bind failed (TLS handshake failed: "));
            assertThat(events.of(BindStateChanged.class, e -> e.state() == BindState.BOUND)).isEmpty();
            assertThat(plain.bindAttempts()).as("a ClientHello is no bind").isZero();
            assertThat(secure.bindAttempts()).as("a plain bind is refused before it is read").isZero();
            assertThat(secure.boundSessions()).isZero();
        }
    }

    @Test
    void theTrustStorePasswordIsNeverShown() throws Exception {
        ConnectorConfig config = connector("smsc", "127.0.0.1", 2775).tls(true).tlsTrustStore(trustIpAndName, TRUST_PASSWORD)
                .build();

        assertThat(config.tlsTrustStore()).hasValue(new TlsTrustStore(trustIpAndName, TRUST_PASSWORD));
        assertThat(config.toString()).doesNotContain(TRUST_PASSWORD).contains("tls=trust store " + trustIpAndName);
        assertThat(config.tlsTrustStore().orElseThrow().toString()).doesNotContain(TRUST_PASSWORD).contains("***");
        assertThat(BridgeConfig.of(List.of(config)).toString()).doesNotContain(TRUST_PASSWORD);
        // nor in the refusal of a trust store opened with another password
        ConnectorConfig wrong = connector("smsc", "127.0.0.1", 2775).tls(true)
                .tlsTrustStore(trustIpAndName, TRUST_PASSWORD + "-not").build();
        assertThatThrownBy(() -> ClientTls.of(wrong)).hasMessageNotContaining(TRUST_PASSWORD);
    }

    @Test
    void aBadTrustStoreStopsTheBridgeFromStartingAndNamesTheConnector() throws Exception {
        Path notPkcs12 = Files.writeString(dir.resolve("not-a-store.p12"), "-----BEGIN CERTIFICATE-----\n",
                StandardCharsets.US_ASCII);
        Path empty = dir.resolve("empty.p12");
        java.security.KeyStore none = java.security.KeyStore.getInstance("PKCS12");
        none.load(null, null);
        try (var out = Files.newOutputStream(empty)) {
            none.store(out, TRUST_PASSWORD.toCharArray());
        }

        assertRefusedAtStart(trustIpAndName, "wrong-password", "cannot be read as PKCS#12 with its password");
        assertRefusedAtStart(dir.resolve("missing.p12"), TRUST_PASSWORD, "does not exist");
        assertRefusedAtStart(notPkcs12, TRUST_PASSWORD, "cannot be read as PKCS#12");
        assertRefusedAtStart(empty, TRUST_PASSWORD, "holds no trusted certificate");
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("peyk-smpp-badtls"));
        assertThatThrownBy(() -> connector("smsc", "127.0.0.1", 2775).tlsTrustStore(trustIpAndName, TRUST_PASSWORD).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("smsc: a TLS trust store is set but tls is off (turn tls on, or drop the trust store)");
    }

    @Test
    void theClientOffersOnlyTls13And12AndVerifiesTheHostName() {
        SSLParameters p = ClientTls.of(connector("smsc", "127.0.0.1", 2775).tls(true).build()).socketParameters();

        assertThat(p.getProtocols()).isNotEmpty().isSubsetOf("TLSv1.3", "TLSv1.2");
        assertThat(p.getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
    }

    private static void assertRefusedAtStart(Path trustStore, String password, String why) {
        BridgeConfig config = BridgeConfig
                .of(List.of(connector("badtls", "127.0.0.1", 2775).tls(true).tlsTrustStore(trustStore, password).build()));
        assertThatThrownBy(() -> SmppBridge.start(config, new InMemoryPartIdStore(10), new RecordingListener()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("connector badtls: TLS trust store " + trustStore).hasMessageContaining(why);
    }

    private static List<BindStateChanged> backingOff(RecordingListener events, String connector) {
        return events.of(BindStateChanged.class, e -> e.connector().equals(connector) && e.state() == BindState.BACKING_OFF);
    }

    /** {@link BridgeFixture#fastConnector}'s timings, for any host. */
    /** A bridge with these connectors, reporting to {@code events}. */
    private static SmppBridge bridge(RecordingListener events, ConnectorConfig... connectors) {
        return SmppBridge.start(BridgeConfig.of(List.of(connectors)), new InMemoryPartIdStore(100), events);
    }

    private static ConnectorConfig.Builder connector(String name, String host, int port) {
        ConnectorConfig fast = BridgeFixture.fastConnector(name, port).build();
        return ConnectorConfig.builder(name, host, port).systemId(fast.systemId()).password(fast.password())
                .rebindDelays(fast.rebindInitialDelay(), fast.rebindMaxDelay()).alreadyBoundDelay(fast.alreadyBoundDelay())
                .throttleDelays(fast.throttleInitialDelay(), fast.throttleMaxDelay()).responseTimeout(fast.responseTimeout())
                .bindTimeout(fast.bindTimeout()).shutdownTimeout(fast.shutdownTimeout());
    }
}

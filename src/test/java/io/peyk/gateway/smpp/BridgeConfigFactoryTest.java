package io.peyk.gateway.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.peyk.smpp.BridgeConfig;
import io.peyk.smpp.ConnectorConfig;
import io.peyk.smpp.TlsTrustStore;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The connector properties reach the bridge's configuration: TLS with a trust store file from the properties and its
 * password from the environment variable the Helm chart sets from a Secret.
 */
class BridgeConfigFactoryTest {

    private static final String STORE = "/deployments/smpp-tls/mci1/truststore.p12";

    @Test
    void aTlsConnectorReachesTheBridgeWithItsTrustStore() {
        BridgeConfig bridge = BridgeConfigFactory.from(config(Map.of("peyk.smpp.connectors.mci1.tls", "true",
                "peyk.smpp.connectors.mci1.tls-trust-store-file", STORE),
                Map.of("PEYK_SMPP_CONNECTORS_MCI1_TLS_TRUST_STORE_PASSWORD", "from-a-secret",
                        "PEYK_SMPP_CONNECTORS_MCI1_PASSWORD", "bindpw")));

        ConnectorConfig mci1 = connector(bridge, "mci1");
        assertThat(mci1.tls()).isTrue();
        assertThat(mci1.tlsTrustStore()).hasValue(new TlsTrustStore(Path.of(STORE), "from-a-secret"));
        assertThat(mci1.password()).isEqualTo("bindpw");
        assertThat(mci1.toString()).doesNotContain("from-a-secret");
        ConnectorConfig plain = connector(bridge, "mci2");
        assertThat(plain.tls()).isFalse();
        assertThat(plain.tlsTrustStore()).isEmpty();
    }

    @Test
    void tlsWithoutATrustStoreUsesTheJvmTrustStore() {
        BridgeConfig bridge = BridgeConfigFactory.from(config(Map.of("peyk.smpp.connectors.mci1.tls", "true"), Map.of()));

        assertThat(connector(bridge, "mci1").tls()).isTrue();
        assertThat(connector(bridge, "mci1").tlsTrustStore()).isEmpty();
    }

    @Test
    void aTrustStoreWithoutTlsOrAPasswordWithoutAStoreIsRefused() {
        assertThatThrownBy(() -> BridgeConfigFactory
                .from(config(Map.of("peyk.smpp.connectors.mci1.tls-trust-store-file", STORE), Map.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("mci1: a TLS trust store is set but tls is off");
        assertThatThrownBy(() -> BridgeConfigFactory.from(config(Map.of("peyk.smpp.connectors.mci1.tls", "true"),
                Map.of("PEYK_SMPP_CONNECTORS_MCI1_TLS_TRUST_STORE_PASSWORD", "from-a-secret"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("peyk.smpp.connectors.mci1.tls-trust-store-password is set without tls-trust-store-file");
    }

    private static ConnectorConfig connector(BridgeConfig bridge, String name) {
        return bridge.connectors().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    /**
     * The mapping as Quarkus builds it (without starting Quarkus), from properties and environment variables, with two
     * connectors mci1 and mci2.
     */
    private static SmppConfig config(Map<String, String> properties, Map<String, String> environment) {
        Map<String, String> all = new HashMap<>(properties);
        for (String name : new String[]{"mci1", "mci2"}) {
            all.put("peyk.smpp.connectors." + name + ".host", name + ".smsc.operator.example");
            all.put("peyk.smpp.connectors." + name + ".port", "3550");
            all.put("peyk.smpp.connectors." + name + ".system-id", "peyk");
        }
        // Quarkus's own Duration converter reads the "10S" defaults as the application does.
        return new SmallRyeConfigBuilder().withMapping(SmppConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(all, "test", 250), new EnvConfigSource(environment, 300)).build()
                .getConfigMapping(SmppConfig.class);
    }
}

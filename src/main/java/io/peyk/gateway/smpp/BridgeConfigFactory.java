package io.peyk.gateway.smpp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.peyk.smpp.BridgeConfig;
import io.peyk.smpp.ConnectorConfig;
import io.peyk.smpp.TlsTrustStore;

/** Maps the Quarkus configuration onto the bridge's own configuration records (the bridge knows nothing of Quarkus). */
final class BridgeConfigFactory {

    private BridgeConfigFactory() {
    }

    static BridgeConfig from(SmppConfig config) {
        List<ConnectorConfig> connectors = new ArrayList<>();
        new TreeMap<>(config.connectors()).forEach((name, c) -> connectors.add(connector(name, c)));
        Map<String, List<String>> routes = new LinkedHashMap<>();
        config.routes().forEach((prefix, names) -> routes.put(unquote(prefix), split(names)));
        List<String> defaultRoute = config.defaultRoute()
                .orElseGet(() -> connectors.stream().map(ConnectorConfig::name).toList());
        return new BridgeConfig(connectors, routes, defaultRoute, config.pendingReceiptGrace(),
                config.pendingReceiptCapacity(), config.inboundReassemblyTimeout(), config.inboundMaxPendingGroups(),
                config.trackerCapacity());
    }

    static ConnectorConfig connector(String name, SmppConfig.Connector c) {
        return ConnectorConfig.builder(name, c.host(), c.port()).systemId(c.systemId()).password(c.password().orElse(""))
                .systemType(c.systemType().orElse("")).bindMode(c.bindMode()).binds(c.binds()).windowSize(c.windowSize())
                .maxSubmitsPerSecond(c.maxSubmitsPerSecond()).enquireLinkInterval(c.enquireLinkInterval())
                .responseTimeout(c.responseTimeout()).bindTimeout(c.bindTimeout())
                .rebindDelays(c.rebindInitialDelay(), c.rebindMaxDelay()).alreadyBoundDelay(c.alreadyBoundDelay())
                .throttleDelays(c.throttleInitialDelay(), c.throttleMaxDelay()).maxTransientRetries(c.maxTransientRetries())
                .queueCapacity(c.queueCapacity()).tls(c.tls()).tlsTrustStore(trustStore(name, c))
                .gsm7DataCoding(c.gsm7DataCoding()).concatMode(c.concatMode())
                .maxParts(c.maxParts()).idFormats(c.submitIdFormat(), c.receiptIdFormat()).receiptPolicy(c.receiptPolicy())
                .shutdownTimeout(c.shutdownTimeout()).build();
    }

    private static Optional<TlsTrustStore> trustStore(String name, SmppConfig.Connector c) {
        if (c.tlsTrustStoreFile().isEmpty()) {
            if (c.tlsTrustStorePassword().isPresent()) {
                throw new IllegalArgumentException("peyk.smpp.connectors." + name
                        + ".tls-trust-store-password is set without tls-trust-store-file");
            }
            return Optional.empty();
        }
        return Optional.of(new TlsTrustStore(Path.of(c.tlsTrustStoreFile().get()), c.tlsTrustStorePassword().orElse("")));
    }

    private static List<String> split(String names) {
        return Arrays.stream(names.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static String unquote(String key) {
        return key.startsWith("\"") && key.endsWith("\"") && key.length() > 1 ? key.substring(1, key.length() - 1) : key;
    }
}

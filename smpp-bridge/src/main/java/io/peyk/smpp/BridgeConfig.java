package io.peyk.smpp;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The whole bridge: its connectors, the routes that pick a connector by destination prefix, and the bounds of its own
 * bookkeeping.
 *
 * @param connectors every SMSC connection, by unique name
 * @param routes destination prefix (E.164, e.g. {@code +98912}) to an ordered list of connector names: the first bound one
 *     takes the message, the others are its failover
 * @param defaultRoute connectors for destinations no prefix matches; may be empty (such destinations are then refused)
 * @param pendingReceiptGrace how long a receipt whose submit response is not recorded yet waits for it before it is
 *     reported unmatched
 * @param pendingReceiptCapacity the most such early receipts held at once
 * @param inboundReassemblyTimeout how long the parts of a concatenated MO wait for their siblings
 * @param inboundMaxPendingGroups the most concatenated MOs being reassembled at once
 * @param trackerCapacity the most messages whose part outcomes are tracked in memory for {@link BridgeEvent.MessageFinal}
 */
public record BridgeConfig(List<ConnectorConfig> connectors, Map<String, List<String>> routes, List<String> defaultRoute,
        Duration pendingReceiptGrace, int pendingReceiptCapacity, Duration inboundReassemblyTimeout,
        int inboundMaxPendingGroups, int trackerCapacity) {

    public BridgeConfig {
        connectors = List.copyOf(connectors);
        routes = Map.copyOf(routes);
        defaultRoute = List.copyOf(defaultRoute);
        Objects.requireNonNull(pendingReceiptGrace, "pendingReceiptGrace");
        Objects.requireNonNull(inboundReassemblyTimeout, "inboundReassemblyTimeout");
        if (pendingReceiptCapacity < 1 || inboundMaxPendingGroups < 1 || trackerCapacity < 1) {
            throw new IllegalArgumentException("bridge capacities must be positive");
        }
        Set<String> names = new HashSet<>();
        for (ConnectorConfig c : connectors) {
            if (!names.add(c.name())) {
                throw new IllegalArgumentException("duplicate connector name: " + c.name());
            }
        }
        for (var route : routes.entrySet()) {
            for (String name : route.getValue()) {
                if (!names.contains(name)) {
                    throw new IllegalArgumentException("route " + route.getKey() + " names unknown connector " + name);
                }
            }
        }
        for (String name : defaultRoute) {
            if (!names.contains(name)) {
                throw new IllegalArgumentException("default route names unknown connector " + name);
            }
        }
    }

    /** Every connector in configuration order as the default route, no prefix routes, default bounds. */
    public static BridgeConfig of(List<ConnectorConfig> connectors) {
        return withRoutes(connectors, Map.of(), connectors.stream().map(ConnectorConfig::name).toList());
    }

    /** The given routes with default bounds. */
    public static BridgeConfig withRoutes(List<ConnectorConfig> connectors, Map<String, List<String>> routes,
            List<String> defaultRoute) {
        return new BridgeConfig(connectors, routes, defaultRoute, Duration.ofSeconds(10), 100_000, Duration.ofMinutes(5),
                10_000, 1_000_000);
    }
}

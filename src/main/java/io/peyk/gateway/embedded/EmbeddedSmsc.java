package io.peyk.gateway.embedded;

import java.util.Map;
import java.util.Optional;

import io.peyk.smpp.simulator.SmscSimulator;

/**
 * The built-in SMSC simulator as an embedded component: started when no {@code peyk.smpp.connectors.*} is configured,
 * and configured as the single connector {@code simulator}. Messages sent to it are answered and receipted as
 * delivered; nothing leaves the machine.
 */
public final class EmbeddedSmsc {

    /** The connector name the embedded default configures. */
    public static final String CONNECTOR = "simulator";
    private static final String PREFIX = "peyk.smpp.connectors.";
    private static final String ENV_PREFIX = "PEYK_SMPP_CONNECTORS_";
    private static volatile SmscSimulator running;

    private EmbeddedSmsc() {
    }

    /** The simulator this JVM started, if any (tests steer it: throttling, failures, MO). */
    public static Optional<SmscSimulator> current() {
        return Optional.ofNullable(running);
    }

    public static EmbeddedComponent component() {
        return EmbeddedComponent.of("SMSC simulator",
                config -> config.anyStartingWith(PREFIX) || config.anyStartingWith(ENV_PREFIX), (name, dataDir) -> {
                    SmscSimulator simulator = SmscSimulator.start("127.0.0.1", 0, 10_000);
                    running = simulator;
                    String connector = PREFIX + CONNECTOR + ".";
                    return new StartedComponent(name, "smpp://127.0.0.1:" + simulator.port(),
                            Map.of(connector + "host", "127.0.0.1", connector + "port", Integer.toString(simulator.port()),
                                    connector + "system-id", "peyk", connector + "password", "peyk",
                                    connector + "window-size", "50"),
                            () -> {
                                running = null;
                                simulator.close();
                            });
                });
    }
}

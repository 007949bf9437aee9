package io.peyk.gateway.embedded;

/**
 * A service the gateway can run in-process when no external one is configured (PostgreSQL, Kafka; the SMSC simulator
 * plugs in here too).
 */
public interface EmbeddedComponent {

    /** Short display name used in log lines, e.g. {@code PostgreSQL}. */
    String name();

    /** Whether the configuration points at an external instance, in which case nothing is started. */
    boolean isConfigured(ConfigLookup config);

    /** Starts the service with its files under {@code dataDir}, blocking until it accepts connections. */
    StartedComponent start(DataDirectory dataDir) throws Exception;

    /** How a component starts its service. */
    @FunctionalInterface
    interface Starter {

        StartedComponent start(String name, DataDirectory dataDir) throws Exception;
    }

    /** A component from its name, its "configured externally" test and its start. */
    static EmbeddedComponent of(String name, java.util.function.Predicate<ConfigLookup> configured, Starter starter) {
        return new EmbeddedComponent() {

            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean isConfigured(ConfigLookup config) {
                return configured.test(config);
            }

            @Override
            public StartedComponent start(DataDirectory dataDir) throws Exception {
                return starter.start(name, dataDir);
            }
        };
    }
}

package io.peyk.gateway;

import java.util.Map;

import io.peyk.gateway.embedded.ConfigLookup;
import io.peyk.gateway.embedded.DataDirectory;
import io.peyk.gateway.embedded.EmbeddedRuntime;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the real embedded PostgreSQL and Kafka once per JVM (shared by every {@code @QuarkusTest} class) and hands
 * their addresses to Quarkus. They stop, and their temporary directory is deleted, at JVM exit.
 */
public final class EmbeddedServicesResource implements QuarkusTestResourceLifecycleManager {

    private static final Object LOCK = new Object();
    private static EmbeddedRuntime shared;

    @Override
    public Map<String, String> start() {
        synchronized (LOCK) {
            if (shared == null) {
                EmbeddedRuntime runtime = EmbeddedRuntime.start(EmbeddedRuntime.defaultComponents(),
                        ConfigLookup.of(Map.of()), DataDirectory.temporary());
                Runtime.getRuntime().addShutdownHook(new Thread(runtime::close, "peyk-test-embedded-shutdown"));
                shared = runtime;
            }
            return shared.properties();
        }
    }

    @Override
    public void stop() {
        // Shared by all test classes of this JVM: stopped by the shutdown hook.
    }
}

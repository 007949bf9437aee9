package io.peyk.gateway.embedded;

import java.util.Map;
import java.util.Objects;

/**
 * An embedded service that is running: its display name, where it listens, the configuration properties that point
 * the application at it, and the handle that stops it.
 */
public record StartedComponent(String name, String listenAddress, Map<String, String> properties, AutoCloseable handle) {

    public StartedComponent {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(listenAddress, "listenAddress");
        properties = Map.copyOf(properties);
        Objects.requireNonNull(handle, "handle");
    }
}

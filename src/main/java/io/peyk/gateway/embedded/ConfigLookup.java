package io.peyk.gateway.embedded;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;

import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * A read-only view of configuration used to decide, before Quarkus boots, which external services are configured.
 */
@FunctionalInterface
public interface ConfigLookup {

    /** Upper bound on property names scanned by {@link #anyStartingWith(String)}. */
    int MAX_SCANNED_NAMES = 100_000;

    /** The raw value of a key, if present. */
    Optional<String> get(String key);

    /** Property names known to this lookup; the default knows none (prefix queries then answer false). */
    default Iterable<String> names() {
        return List.of();
    }

    /** Whether the key has a non-blank value. */
    default boolean isSet(String key) {
        return get(key).filter(v -> !v.isBlank()).isPresent();
    }

    /** Whether any known property name starts with the prefix (for map-style settings such as connectors). */
    default boolean anyStartingWith(String prefix) {
        int scanned = 0;
        for (String name : names()) {
            if (++scanned > MAX_SCANNED_NAMES) {
                return false;
            }
            if (name.startsWith(prefix) && isSet(name)) {
                return true;
            }
        }
        return false;
    }

    /** A lookup over a fixed map (tests, or a config map returned by a test resource). */
    static ConfigLookup of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return new ConfigLookup() {

            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(copy.get(key));
            }

            @Override
            public Iterable<String> names() {
                return copy.keySet();
            }
        };
    }

    /**
     * The configuration Quarkus will see, read the SmallRye way before Quarkus starts: system properties, environment,
     * {@code .env}, {@code config/application.properties}, {@code application.properties} on the class path and
     * discovered sources, with the given profiles applied ({@code %dev.} keys and so on).
     */
    static ConfigLookup beforeBoot(List<String> profiles) {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                .forClassLoader(Thread.currentThread().getContextClassLoader())
                .addDefaultSources()
                .addDefaultInterceptors()
                .withProfiles(profiles);
        builder.addDiscoveredSources();
        Config config = builder.build();
        return new ConfigLookup() {

            @Override
            public Optional<String> get(String key) {
                return config.getOptionalValue(key, String.class);
            }

            @Override
            public Iterable<String> names() {
                return config.getPropertyNames();
            }
        };
    }

    /**
     * The active profiles the way Quarkus picks them: {@code quarkus.profile} (system property) or
     * {@code QUARKUS_PROFILE} (environment), a comma separated list, else {@code dev} in dev mode and {@code prod}
     * otherwise.
     */
    static List<String> activeProfiles(boolean devMode) {
        String explicit = System.getProperty("quarkus.profile");
        if (explicit == null || explicit.isBlank()) {
            explicit = System.getenv("QUARKUS_PROFILE");
        }
        if (explicit == null || explicit.isBlank()) {
            return List.of(devMode ? "dev" : "prod");
        }
        List<String> profiles = new ArrayList<>();
        Arrays.stream(explicit.split(",")).map(String::trim).filter(p -> !p.isEmpty()).limit(16).forEach(profiles::add);
        return List.copyOf(profiles);
    }
}

package io.peyk.gateway.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start/skip decision, ordering and cleanup of {@link EmbeddedRuntime}, with stand-in components. */
class EmbeddedRuntimeTest {

    @TempDir
    Path dir;

    private final List<String> events = new ArrayList<>();

    private EmbeddedComponent fake(String name, String configKey, boolean failing) {
        return EmbeddedComponent.of(name, config -> config.isSet(configKey), (n, dataDir) -> {
            if (failing) {
                throw new IllegalStateException("boom");
            }
            events.add("start " + n);
            dataDir.resolve(n);
            return new StartedComponent(n, "127.0.0.1:1", Map.of(configKey, n + "-address"), () -> events.add("stop " + n));
        });
    }

    @Test
    void startsOnlyWhatIsNotConfiguredAndStopsInReverseOrder() {
        List<EmbeddedComponent> components = List.of(fake("a", "a.url", false), fake("b", "b.url", false),
                fake("c", "c.url", false));
        EmbeddedRuntime runtime = EmbeddedRuntime.start(components, ConfigLookup.of(Map.of("b.url", "external")),
                new DataDirectory(dir, true));

        assertThat(events).containsExactly("start a", "start c");
        assertThat(runtime.properties()).containsExactly(Map.entry("a.url", "a-address"),
                Map.entry("c.url", "c-address"));
        assertThat(runtime.components()).extracting(StartedComponent::name).containsExactly("a", "c");

        runtime.close();
        assertThat(events).containsExactly("start a", "start c", "stop c", "stop a");
        assertThat(dir.resolve("a")).isDirectory();
    }

    @Test
    void blankValuesCountAsNotConfigured() {
        EmbeddedRuntime runtime = EmbeddedRuntime.start(List.of(fake("a", "a.url", false)),
                ConfigLookup.of(Map.of("a.url", "  ")), new DataDirectory(dir, true));
        assertThat(runtime.properties()).containsKey("a.url");
        runtime.close();
    }

    @Test
    void allConfiguredStartsNothing() {
        EmbeddedRuntime runtime = EmbeddedRuntime.start(List.of(fake("a", "a.url", false)),
                ConfigLookup.of(Map.of("a.url", "x")), new DataDirectory(dir, true));
        assertThat(runtime.properties()).isEmpty();
        assertThat(events).isEmpty();
        runtime.close();
    }

    @Test
    void failureStopsWhatAlreadyStartedAndDeletesATemporaryDirectory() {
        Path temp = dir.resolve("temp");
        List<EmbeddedComponent> components = List.of(fake("a", "a.url", false), fake("b", "b.url", true));
        assertThatThrownBy(() -> EmbeddedRuntime.start(components, ConfigLookup.of(Map.of()),
                new DataDirectory(temp, false)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("embedded b")
                .hasRootCauseMessage("boom");
        assertThat(events).containsExactly("start a", "stop a");
        assertThat(temp).doesNotExist();
    }

    @Test
    void temporaryDirectoryIsDeletedOnClose() throws Exception {
        DataDirectory temporary = DataDirectory.temporary();
        EmbeddedRuntime runtime = EmbeddedRuntime.start(List.of(fake("a", "a.url", false)),
                ConfigLookup.of(Map.of()), temporary);
        Files.writeString(temporary.path().resolve("a").resolve("file"), "x");
        runtime.close();
        assertThat(temporary.path()).doesNotExist();
    }

    @Test
    void defaultComponentsArePostgresKafkaAndTheSmscKeyedOnTheirSettings() {
        List<EmbeddedComponent> defaults = EmbeddedRuntime.defaultComponents();
        assertThat(defaults).extracting(EmbeddedComponent::name).containsExactly("PostgreSQL", "Kafka", "SMSC simulator");
        ConfigLookup external = ConfigLookup.of(Map.of("quarkus.datasource.reactive.url",
                "postgresql://db:5432/peyk", "kafka.bootstrap.servers", "kafka:9092", "peyk.smpp.connectors.operator.host",
                "smsc.operator.example"));
        assertThat(defaults).allMatch(c -> c.isConfigured(external));
        ConfigLookup none = ConfigLookup.of(Map.of("quarkus.datasource.jdbc.url", "jdbc:postgresql://db/peyk"));
        assertThat(defaults).noneMatch(c -> c.isConfigured(none));
    }
}

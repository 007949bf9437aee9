package io.peyk.gateway.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pre-boot configuration view sees what Quarkus will see: application.properties, system properties, profiles. */
class ConfigLookupTest {

    private static final String KEY = "peyk.test.lookup-probe";

    @AfterEach
    void clear() {
        System.clearProperty(KEY);
        System.clearProperty("%dev." + KEY);
    }

    @Test
    void readsApplicationPropertiesFromTheClassPath() {
        ConfigLookup lookup = ConfigLookup.beforeBoot(List.of("prod"));
        assertThat(lookup.get("quarkus.application.name")).contains("peyk");
        assertThat(lookup.isSet("quarkus.datasource.reactive.url")).isFalse();
        assertThat(lookup.isSet("kafka.bootstrap.servers")).isFalse();
    }

    @Test
    void systemPropertiesAndProfilesApply() {
        System.setProperty(KEY, "plain");
        System.setProperty("%dev." + KEY, "dev-value");
        assertThat(ConfigLookup.beforeBoot(List.of("prod")).get(KEY)).contains("plain");
        assertThat(ConfigLookup.beforeBoot(List.of("dev")).get(KEY)).contains("dev-value");
        assertThat(ConfigLookup.beforeBoot(List.of("dev")).anyStartingWith("peyk.test.")).isTrue();
        assertThat(ConfigLookup.beforeBoot(List.of("dev")).anyStartingWith("peyk.absent.")).isFalse();
    }

    @Test
    void activeProfilesDefaultByMode() {
        if (System.getProperty("quarkus.profile") == null && System.getenv("QUARKUS_PROFILE") == null) {
            assertThat(ConfigLookup.activeProfiles(true)).containsExactly("dev");
            assertThat(ConfigLookup.activeProfiles(false)).containsExactly("prod");
        }
    }

    @Test
    void mapLookupAnswersPrefixQueries() {
        ConfigLookup lookup = ConfigLookup.of(Map.of("peyk.smpp.connectors.a.host", "smsc", "x", ""));
        assertThat(lookup.anyStartingWith("peyk.smpp.connectors.")).isTrue();
        assertThat(lookup.anyStartingWith("x")).isFalse();
        assertThat(lookup.isSet("x")).isFalse();
    }

    @Test
    void dataDirectoryOverrideIsPersistent() {
        DataDirectory dir = DataDirectory.resolve(ConfigLookup.of(Map.of(DataDirectory.PROPERTY, "/tmp/peyk-x")),
                false, ConfigLookupTest.class);
        assertThat(dir).isEqualTo(new DataDirectory(Path.of("/tmp/peyk-x"), true));
    }

    @Test
    void devModeDataDirectoryIsUnderTarget() {
        // Test classes load from target/test-classes; main classes (EmbeddedRuntime) from target/classes.
        DataDirectory dir = DataDirectory.resolve(ConfigLookup.of(Map.of()), true, EmbeddedRuntime.class);
        assertThat(dir.persistent()).isTrue();
        assertThat(dir.path().toString()).endsWith("target/peyk-embedded");
        DataDirectory notDev = DataDirectory.resolve(ConfigLookup.of(Map.of()), false, EmbeddedRuntime.class);
        assertThat(notDev.persistent()).isFalse();
        assertThat(notDev.path()).isDirectory();
        assertThat(notDev.path().toFile().delete()).isTrue();
    }
}

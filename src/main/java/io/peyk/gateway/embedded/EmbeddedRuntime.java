package io.peyk.gateway.embedded;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;

/**
 * The embedded default: the in-process services started because no external counterpart is configured, with the
 * configuration properties that point the application at them.
 * <p>
 * Every service is an {@link EmbeddedComponent}; {@link #defaultComponents()} lists PostgreSQL, Kafka and the SMSC
 * simulator.
 */
public final class EmbeddedRuntime implements AutoCloseable {

    /** Set once per JVM when {@link #startIfMissing} ran, so dev-mode restarts (new class loader) start nothing. */
    static final String STARTED_MARKER = "peyk.embedded.started";
    private static final int MAX_COMPONENTS = 16;
    private static final Logger LOG = Logger.getLogger(EmbeddedRuntime.class);

    private final List<StartedComponent> started;
    private final DataDirectory dataDir;

    private EmbeddedRuntime(List<StartedComponent> started, DataDirectory dataDir) {
        this.started = List.copyOf(started);
        this.dataDir = dataDir;
    }

    /** PostgreSQL, Kafka and the SMSC simulator, in start order. */
    public static List<EmbeddedComponent> defaultComponents() {
        return List.of(EmbeddedPostgresServer.component(), EmbeddedKafkaBroker.component(), EmbeddedSmsc.component());
    }

    /**
     * Starts, in order, each component that {@code config} does not configure externally. If one fails, those already
     * started are stopped and the failure is thrown.
     */
    public static EmbeddedRuntime start(List<EmbeddedComponent> components, ConfigLookup config,
            DataDirectory dataDir) {
        Objects.requireNonNull(dataDir, "dataDir");
        return start(components, config, () -> dataDir);
    }

    private static EmbeddedRuntime start(List<EmbeddedComponent> components, ConfigLookup config,
            Supplier<DataDirectory> dataDirectory) {
        if (components.size() > MAX_COMPONENTS) {
            throw new IllegalArgumentException("at most " + MAX_COMPONENTS + " embedded components");
        }
        DataDirectory dataDir = null;
        List<StartedComponent> started = new ArrayList<>();
        for (EmbeddedComponent component : components) {
            if (component.isConfigured(config)) {
                LOG.infof("%s: external instance configured, not starting the embedded one", component.name());
                continue;
            }
            if (dataDir == null) {
                dataDir = dataDirectory.get();
            }
            try {
                StartedComponent running = component.start(dataDir);
                started.add(running);
                LOG.infof("Embedded %s listening on %s (data under %s)", running.name(), running.listenAddress(),
                        dataDir.path());
            } catch (Exception e) {
                new EmbeddedRuntime(started, dataDir).close();
                throw new IllegalStateException("starting the embedded " + component.name() + " failed", e);
            }
        }
        return new EmbeddedRuntime(started, dataDir);
    }

    /**
     * For {@code main}, before Quarkus starts: reads the configuration Quarkus will see, starts the missing services
     * once per JVM, publishes their addresses as system properties and stops them on JVM shutdown. Returns the
     * published properties (empty when nothing was started here).
     */
    public static Map<String, String> startIfMissing(Class<?> anchor) {
        synchronized (System.class) {
            if (System.getProperty(STARTED_MARKER) != null) {
                LOG.debug("Embedded services already handled in this JVM (dev-mode restart)");
                return Map.of();
            }
            boolean devMode = isDevMode(anchor);
            ConfigLookup config = ConfigLookup.beforeBoot(ConfigLookup.activeProfiles(devMode));
            EmbeddedRuntime runtime = start(defaultComponents(), config,
                    () -> DataDirectory.resolve(config, devMode, anchor));
            Map<String, String> properties = runtime.properties();
            properties.forEach(System::setProperty);
            System.setProperty(STARTED_MARKER, "true");
            if (!runtime.started.isEmpty()) {
                Runtime.getRuntime().addShutdownHook(new Thread(runtime::close, "peyk-embedded-shutdown"));
            }
            return properties;
        }
    }

    /** The properties pointing the application at the started services. */
    public Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        started.forEach(s -> properties.putAll(s.properties()));
        return properties;
    }

    public List<StartedComponent> components() {
        return started;
    }

    /** Stops the services in reverse start order, then deletes a temporary data directory. Never throws. */
    @Override
    public void close() {
        List<StartedComponent> reversed = new ArrayList<>(started);
        Collections.reverse(reversed);
        for (StartedComponent component : reversed) {
            try {
                component.handle().close();
                LOG.infof("Embedded %s stopped", component.name());
            } catch (Exception e) {
                LOG.warnf(e, "Stopping the embedded %s failed", component.name());
            }
        }
        if (dataDir != null && !dataDir.persistent()) {
            deleteRecursively(dataDir.path());
        }
    }

    static boolean isDevMode(Class<?> anchor) {
        if (LaunchMode.current() == LaunchMode.DEVELOPMENT) {
            return true;
        }
        return DataDirectory.targetDirectoryOf(anchor).isPresent() && LaunchMode.current() != LaunchMode.TEST;
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.warnf("Could not delete the temporary embedded data directory %s: %s", root, e.toString());
        }
    }
}

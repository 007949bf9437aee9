package io.peyk.gateway.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Objects;
import java.util.Optional;

/**
 * Where embedded services keep their files, and whether those files outlive the process ({@code persistent}) or are
 * deleted when the services stop.
 */
public record DataDirectory(Path path, boolean persistent) {

    /** Overrides the data directory (the directory is then kept). */
    public static final String PROPERTY = "peyk.embedded.data-dir";

    public DataDirectory {
        Objects.requireNonNull(path, "path");
        path = path.toAbsolutePath().normalize();
    }

    /** A component's own sub-directory, created if missing. */
    public Path resolve(String child) {
        Path dir = path.resolve(child);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        return dir;
    }

    /** A fresh temporary directory that is deleted when the services stop. */
    public static DataDirectory temporary() {
        try {
            return new DataDirectory(Files.createTempDirectory("peyk-embedded-"), false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary data directory", e);
        }
    }

    /**
     * The data directory for the running application: {@value #PROPERTY} when set, {@code target/peyk-embedded} of
     * the module in dev mode (classes loaded from {@code target/classes}), else a temporary directory.
     */
    public static DataDirectory resolve(ConfigLookup config, boolean devMode, Class<?> anchor) {
        Optional<String> override = config.get(PROPERTY).filter(v -> !v.isBlank());
        if (override.isPresent()) {
            return new DataDirectory(Path.of(override.get()), true);
        }
        if (devMode) {
            Optional<Path> target = targetDirectoryOf(anchor);
            if (target.isPresent()) {
                return new DataDirectory(target.get().resolve("peyk-embedded"), true);
            }
        }
        return temporary();
    }

    /** The Maven {@code target} directory when the class was loaded from {@code target/classes}. */
    static Optional<Path> targetDirectoryOf(Class<?> anchor) {
        CodeSource source = anchor.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        try {
            Path location = Path.of(source.getLocation().toURI());
            Path parent = location.getParent();
            if (Files.isDirectory(location) && location.getFileName() != null
                    && location.getFileName().toString().equals("classes") && parent != null
                    && parent.getFileName() != null && parent.getFileName().toString().equals("target")) {
                return Optional.of(parent);
            }
            return Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}

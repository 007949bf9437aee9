package io.peyk.gateway.embedded;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Lowers chatty third-party log categories to WARN before Quarkus applies {@code application.properties} (the embedded
 * services start before Quarkus boots).
 */
final class QuietLoggers {

    /** Strong references: JUL keeps loggers weakly and would forget the level. */
    private static final List<Logger> HELD = new CopyOnWriteArrayList<>();

    private QuietLoggers() {
    }

    static void quiet(String... categories) {
        for (String category : categories) {
            Logger logger = Logger.getLogger(category);
            logger.setLevel(Level.WARNING);
            HELD.add(logger);
        }
    }
}

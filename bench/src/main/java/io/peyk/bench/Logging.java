package io.peyk.bench;

/** Keeps slf4j-simple at WARN in both benchmark processes, so logging costs nothing on the measured path. */
final class Logging {

    static final String LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";

    private Logging() {
    }

    /** Call first thing in {@code main}, before any logger exists. */
    static void quiet() {
        if (System.getProperty(LEVEL_PROPERTY) == null) {
            System.setProperty(LEVEL_PROPERTY, "warn");
        }
    }
}

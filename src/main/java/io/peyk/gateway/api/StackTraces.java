package io.peyk.gateway.api;

import java.util.IdentityHashMap;
import java.util.Map;

/** Stack traces for logs without exception messages, which may quote request bodies, message text or database rows. */
public final class StackTraces {

    /** Most causes followed. */
    static final int MAX_CAUSES = 10;
    /** Most frames written per exception. */
    static final int MAX_FRAMES = 60;

    private StackTraces() {
    }

    /** Class names and frames of {@code e} and its causes, one frame per line; no messages. */
    public static String withoutMessages(Throwable e) {
        StringBuilder out = new StringBuilder();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        Throwable current = e;
        for (int depth = 0; current != null && depth < MAX_CAUSES && seen.put(current, Boolean.TRUE) == null; depth++) {
            out.append(depth == 0 ? "" : "Caused by: ").append(current.getClass().getName()).append('\n');
            StackTraceElement[] frames = current.getStackTrace();
            for (int i = 0; i < frames.length && i < MAX_FRAMES; i++) {
                out.append("\tat ").append(frames[i]).append('\n');
            }
            if (frames.length > MAX_FRAMES) {
                out.append("\t... ").append(frames.length - MAX_FRAMES).append(" more\n");
            }
            current = current.getCause();
        }
        return out.toString();
    }
}

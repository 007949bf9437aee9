package io.peyk.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Command-line options of the API and device benchmarks: {@code --name=value} (the last one wins, except for
 * {@link #values repeatable} options) and bare {@code --flag}s. Numbers are checked against their bounds.
 */
final class Args {

    private final List<String> raw;

    Args(String[] args) {
        this.raw = List.of(args);
    }

    /** Every value given for a repeatable option, in order. */
    List<String> values(String name) {
        String prefix = "--" + name + "=";
        List<String> values = new ArrayList<>();
        for (String a : raw) {
            if (a.startsWith(prefix)) {
                values.add(a.substring(prefix.length()));
            }
        }
        return values;
    }

    Optional<String> value(String name) {
        List<String> values = values(name);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1));
    }

    String string(String name, String fallback) {
        return value(name).orElse(fallback);
    }

    /** An integer option within {@code [min, max]}. */
    int integer(String name, int fallback, int min, int max) {
        int v;
        try {
            v = value(name).map(Integer::parseInt).orElse(fallback);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be an integer", e);
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException("--" + name + " must be in " + min + ".." + max + ", was " + v);
        }
        return v;
    }

    boolean flag(String name) {
        return raw.contains("--" + name);
    }
}

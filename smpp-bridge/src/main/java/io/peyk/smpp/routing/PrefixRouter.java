package io.peyk.smpp.routing;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Routes a destination number to an ordered list of connector names (first choice first, then failover): the list of
 * the longest matching prefix rule, else the default list, else no candidates. Immutable and thread-safe.
 * <p>
 * Prefixes and numbers are normalised the same way: whitespace removed, a leading {@code 00} read as {@code +}; the
 * result must be {@code +} followed by 1 to {@value #MAX_DIGITS} ASCII digits.
 */
public final class PrefixRouter {

    /** Most digits in an E.164 number, hence in a prefix. */
    public static final int MAX_DIGITS = 15;
    /** Most rules accepted. */
    public static final int MAX_RULES = 100_000;
    /** Most connectors in one list. */
    public static final int MAX_CONNECTORS_PER_RULE = 32;
    /** Longest connector name. */
    public static final int MAX_NAME_LENGTH = 128;

    private final Map<String, List<String>> rules;
    private final List<String> defaultConnectors;

    /**
     * @param rules prefix to ordered, non-empty list of distinct connector names
     * @param defaultConnectors the list used when no prefix matches; may be empty (then such numbers have no route)
     * @throws IllegalArgumentException on an invalid prefix, two prefixes equal after normalisation, an empty list, a
     *     blank, over-long or repeated connector name, or too many rules or connectors
     */
    public PrefixRouter(Map<String, List<String>> rules, List<String> defaultConnectors) {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(defaultConnectors, "defaultConnectors");
        if (rules.size() > MAX_RULES) {
            throw new IllegalArgumentException("too many rules: " + rules.size() + " > " + MAX_RULES);
        }
        Map<String, List<String>> normalised = new HashMap<>();
        for (Map.Entry<String, List<String>> rule : rules.entrySet()) {
            String raw = rule.getKey();
            String prefix = normalise(raw).orElseThrow(() -> new IllegalArgumentException(
                    "invalid prefix '" + raw + "': expected + or 00 followed by 1.." + MAX_DIGITS + " digits"));
            if (rule.getValue() == null || rule.getValue().isEmpty()) {
                throw new IllegalArgumentException("prefix '" + raw + "' has no connectors");
            }
            List<String> connectors = validConnectors(rule.getValue(), "prefix '" + raw + "'");
            if (normalised.put(prefix, connectors) != null) {
                throw new IllegalArgumentException("duplicate prefix '" + raw + "' (normalised " + prefix + ")");
            }
        }
        this.rules = Map.copyOf(normalised);
        this.defaultConnectors = validConnectors(defaultConnectors, "default route");
    }

    /** The connectors to try, in order, for a destination number; empty when there is no route or it is malformed. */
    public List<String> candidates(String e164) {
        Optional<String> number = normalise(e164);
        if (number.isEmpty()) {
            return List.of();
        }
        String n = number.get();
        for (int end = n.length(); end >= 2; end--) {
            List<String> connectors = rules.get(n.substring(0, end));
            if (connectors != null) {
                return connectors;
            }
        }
        return defaultConnectors;
    }

    /**
     * The normalised form ({@code +} and digits) of a prefix or number, or empty when it is null or not a valid form.
     */
    public static Optional<String> normalise(String raw) {
        if (raw == null || raw.length() > 64) {
            return Optional.empty();
        }
        StringBuilder sb = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (!Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
                sb.append(c);
            }
        }
        String s = sb.toString();
        if (s.startsWith("00")) {
            s = "+" + s.substring(2);
        }
        if (s.length() < 2 || s.length() > MAX_DIGITS + 1 || s.charAt(0) != '+') {
            return Optional.empty();
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return Optional.empty();
            }
        }
        return Optional.of(s);
    }

    private static List<String> validConnectors(List<String> names, String where) {
        if (names.size() > MAX_CONNECTORS_PER_RULE) {
            throw new IllegalArgumentException(where + " has more than " + MAX_CONNECTORS_PER_RULE + " connectors");
        }
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException(where + " has an empty connector name");
            }
            if (name.length() > MAX_NAME_LENGTH) {
                throw new IllegalArgumentException(where + " has a connector name longer than " + MAX_NAME_LENGTH);
            }
            if (!name.equals(name.strip())) {
                throw new IllegalArgumentException(where + " has a connector name with surrounding spaces: '" + name + "'");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException(where + " lists connector '" + name + "' twice");
            }
        }
        return List.copyOf(names);
    }
}

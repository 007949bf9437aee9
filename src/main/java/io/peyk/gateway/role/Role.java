package io.peyk.gateway.role;

import java.util.Arrays;
import java.util.Locale;

/**
 * What work one instance of the image does ({@code peyk.instance.role}): the gateway's, the billing worker's, or both.
 * Each constant carries its configuration value; any other value is refused.
 */
public enum Role {

    /** Partner messaging API, dispatcher, SMPP binds, webhooks, app channel, fallback timers, text retention. */
    GATEWAY("gateway"),
    /** Metering (and the rating and posting that follow it). */
    BILLING("billing"),
    /** Everything: the default, for a single instance or small deployments. */
    BOTH("both");

    /** Longest value echoed back in the refusal of an unknown one. */
    private static final int MAX_ECHO = 40;

    private final String wire;

    Role(String wire) {
        this.wire = wire;
    }

    /** The configuration value, e.g. {@code billing}. */
    public String wire() {
        return wire;
    }

    /** Whether this role does the gateway's work. */
    public boolean gateway() {
        return this != BILLING;
    }

    /** Whether this role does the billing worker's work. */
    public boolean billing() {
        return this != GATEWAY;
    }

    /**
     * The role of a configuration value: one of the wire values, ignoring ASCII case and surrounding blanks.
     *
     * @throws IllegalArgumentException any other value, naming the accepted ones
     */
    public static Role fromWire(String value) {
        if (value != null) {
            String normalised = value.trim().toLowerCase(Locale.ROOT);
            for (Role role : values()) {
                if (role.wire.equals(normalised)) {
                    return role;
                }
            }
        }
        String shown = value == null
                ? "nothing"
                : "'" + (value.length() > MAX_ECHO ? value.substring(0, MAX_ECHO) + "…" : value) + "'";
        throw new IllegalArgumentException("peyk.instance.role must be one of "
                + Arrays.stream(values()).map(Role::wire).toList() + ", not " + shown);
    }
}

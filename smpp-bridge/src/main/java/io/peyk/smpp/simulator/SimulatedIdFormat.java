package io.peyk.smpp.simulator;

/** How the simulator writes message ids, to reproduce the id mismatches of real SMSCs. */
public enum SimulatedIdFormat {

    /** {@code 12345} */
    DECIMAL,
    /** {@code 0000012345} (10 digits) */
    DECIMAL_ZERO_PADDED,
    /** {@code 3039} */
    HEX_UPPER,
    /** {@code 0000000000003039} (16 hex digits, lower case) */
    HEX_LOWER_ZERO_PADDED;

    public String format(long id) {
        return switch (this) {
            case DECIMAL -> Long.toString(id);
            case DECIMAL_ZERO_PADDED -> String.format("%010d", id);
            case HEX_UPPER -> Long.toHexString(id).toUpperCase(java.util.Locale.ROOT);
            case HEX_LOWER_ZERO_PADDED -> String.format("%016x", id);
        };
    }
}

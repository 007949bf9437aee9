package io.peyk.billing.statement;

/**
 * Where a statement stands, with its wire value: a {@link #DRAFT} follows the postings of an open period; a
 * {@link #CLOSED} one is frozen when finance closes the period (late usage becomes an adjustment of the next open
 * period); a {@link #SETTLED} one has had its net amount paid. Unknown wire values are refused.
 */
public enum StatementStatus {

    DRAFT("draft"), CLOSED("closed"), SETTLED("settled");

    private final String wire;

    StatementStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static StatementStatus ofWire(String wire) {
        for (StatementStatus s : values()) {
            if (s.wire.equals(wire)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown statement status: " + wire);
    }
}

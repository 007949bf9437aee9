package io.peyk.billing.ledger;

/**
 * Why a transfer moved money, with its wire value ({@code ledger_transfer.code}). Unknown wire values are refused: the
 * database admits only these. Only a {@link #REVERSAL} points at another transfer, and it always does.
 */
public enum TransferCode {

    /** Rated usage charged to a partner (messages, segments, sponsored data). */
    USAGE("usage"),
    /** The partner's share of the data revenue the operator earns. */
    REVENUE_SHARE("revenue_share"),
    /** A correction carried into an open period (late usage, rerating deltas). */
    ADJUSTMENT("adjustment"),
    /** Money actually paid between the operator and a partner. */
    SETTLEMENT("settlement"),
    /** The exact negation of an earlier transfer, which it points at. */
    REVERSAL("reversal");

    private final String wire;

    TransferCode(String wire) {
        this.wire = wire;
    }

    /** The value stored in {@code ledger_transfer.code}. */
    public String wire() {
        return wire;
    }

    /** The code of a stored wire value; unknown values are refused. */
    public static TransferCode ofWire(String wire) {
        for (TransferCode code : values()) {
            if (code.wire.equals(wire)) {
                return code;
            }
        }
        throw new IllegalArgumentException("unknown ledger transfer code: " + wire);
    }
}

package io.peyk.billing.statement;

/**
 * What a statement line is: the usage of the statement's own period, or an adjustment posted in this period for an
 * earlier, closed one (late usage or a rerating delta), which names the line it corrects.
 */
public enum LineKind {

    USAGE("usage"), ADJUSTMENT("adjustment");

    private final String wire;

    LineKind(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}

package io.peyk.smpp.segment;

/**
 * A text needs more billable segments than allowed.
 */
public final class TooManySegmentsException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final int needed;
    private final int allowed;

    /**
     * @param needed segments the text needs
     * @param allowed the configured maximum
     */
    public TooManySegmentsException(int needed, int allowed) {
        super("text needs " + needed + " segments, at most " + allowed + " allowed");
        this.needed = needed;
        this.allowed = allowed;
    }

    /** Segments the text needs. */
    public int needed() {
        return needed;
    }

    /** The configured maximum. */
    public int allowed() {
        return allowed;
    }
}

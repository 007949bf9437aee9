package io.peyk.smpp.pdu;

import java.util.Locale;
import java.util.Optional;

/**
 * The state of a submitted message as reported by the SMSC: the message_state TLV (0x0427) values and the
 * {@code stat:} text of a delivery receipt.
 */
public enum MessageState {

    ENROUTE(1, "ENROUTE", false), DELIVERED(2, "DELIVRD", true), EXPIRED(3, "EXPIRED", true), DELETED(4, "DELETED",
            true), UNDELIVERABLE(5, "UNDELIV", true), ACCEPTED(6, "ACCEPTD",
                    false), UNKNOWN(7, "UNKNOWN", true), REJECTED(8, "REJECTD", true), SKIPPED(9, "SKIPPED", true);

    /** Longest {@code stat:} text accepted by {@link #ofStat(String)}, after trimming. */
    public static final int MAX_STAT_LENGTH = 16;

    private final byte value;
    private final String stat;
    private final boolean isFinal;

    MessageState(int value, String stat, boolean isFinal) {
        this.value = (byte) value;
        this.stat = stat;
        this.isFinal = isFinal;
    }

    /** The message_state TLV value. */
    public byte value() {
        return value;
    }

    /** The 7-character {@code stat:} text of SMPP 3.4 appendix B, e.g. {@code DELIVRD}. */
    public String stat() {
        return stat;
    }

    /** Whether no further state change is expected ({@link #ENROUTE} and {@link #ACCEPTED} are not final). */
    public boolean isFinal() {
        return isFinal;
    }

    /** The state for a message_state TLV value, or empty when the value is not one of 1..9. */
    public static Optional<MessageState> ofValue(int value) {
        for (MessageState state : values()) {
            if (state.value == value) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }

    /**
     * The state for a receipt's {@code stat:} text, trimmed and case-insensitive. Accepts the appendix B abbreviations
     * ({@code DELIVRD}, {@code UNDELIV}, ...) and, for tolerance of vendor variants, the constant names
     * ({@code DELIVERED}, {@code UNDELIVERABLE}, ...). Empty for anything else, including null.
     */
    public static Optional<MessageState> ofStat(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String key = text.trim();
        if (key.isEmpty() || key.length() > MAX_STAT_LENGTH) {
            return Optional.empty();
        }
        key = key.toUpperCase(Locale.ROOT);
        for (MessageState state : values()) {
            if (state.stat.equals(key) || state.name().equals(key)) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }
}

package io.peyk.smpp.receipt;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Turns the message id of a submit_sm_resp and the message id of a receipt into one canonical key, given the format
 * the SMSC uses in each (they may differ, e.g. hex in the response and decimal in the receipt).
 * <p>
 * Canonical keys: {@link MessageIdFormat#TEXT} is the trimmed id; {@link MessageIdFormat#TEXT_IGNORE_CASE} the trimmed
 * id in lower case; {@link MessageIdFormat#DECIMAL} and {@link MessageIdFormat#HEX} the decimal value without leading
 * zeros (arbitrary size). A numeric id that does not parse in its declared format (stray letters, a {@code 0x} prefix,
 * non-ASCII digits) falls back to the trimmed id in lower case, so the same malformed id on both sides still matches.
 * <p>
 * Text and numeric formats cannot be mixed, nor can the two text formats: such pairs would never produce equal keys.
 *
 * @param submitResponseFormat the format of message_id in submit_sm_resp
 * @param receiptFormat the format of the id in receipts (receipted_message_id TLV or {@code id:} text)
 */
public record MessageIdNormalizer(MessageIdFormat submitResponseFormat, MessageIdFormat receiptFormat) {

    /** Longest accepted id after trimming: message_id is a C-octet string of at most 65 octets. */
    public static final int MAX_LENGTH = 65;

    private static final Pattern DECIMAL_DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern HEX_DIGITS = Pattern.compile("[0-9a-fA-F]+");

    public MessageIdNormalizer {
        Objects.requireNonNull(submitResponseFormat, "submitResponseFormat");
        Objects.requireNonNull(receiptFormat, "receiptFormat");
        if (submitResponseFormat.isNumeric() != receiptFormat.isNumeric()
                || (!submitResponseFormat.isNumeric() && submitResponseFormat != receiptFormat)) {
            throw new IllegalArgumentException("message id formats " + submitResponseFormat + " (submit_sm_resp) and "
                    + receiptFormat
                    + " (receipt) can never produce equal keys; use two numeric formats or the same text format");
        }
    }

    /** A normalizer for an SMSC using the same format on both sides. */
    public static MessageIdNormalizer of(MessageIdFormat format) {
        return new MessageIdNormalizer(format, format);
    }

    /**
     * The canonical key of a submit_sm_resp message_id.
     *
     * @throws IllegalArgumentException if the id is null, blank or longer than {@link #MAX_LENGTH} after trimming
     */
    public String fromSubmitResponse(String raw) {
        return normalize(submitResponseFormat, raw);
    }

    /**
     * The canonical key of a receipt's message id.
     *
     * @throws IllegalArgumentException if the id is null, blank or longer than {@link #MAX_LENGTH} after trimming
     */
    public String fromReceipt(String raw) {
        return normalize(receiptFormat, raw);
    }

    /** Whether the id, once trimmed, is non-empty and at most {@link #MAX_LENGTH} characters. */
    public static boolean isAcceptable(String raw) {
        if (raw == null) {
            return false;
        }
        String trimmed = raw.trim();
        return !trimmed.isEmpty() && trimmed.length() <= MAX_LENGTH;
    }

    /** The canonical key of an id written in the given format (see the type's documentation). */
    public static String normalize(MessageIdFormat format, String raw) {
        Objects.requireNonNull(format, "format");
        if (!isAcceptable(raw)) {
            throw new IllegalArgumentException(raw == null
                    ? "message id is null"
                    : "message id is blank or longer than " + MAX_LENGTH + " characters (length " + raw.length() + ")");
        }
        String id = raw.trim();
        switch (format) {
            case TEXT :
                return id;
            case TEXT_IGNORE_CASE :
                return id.toLowerCase(Locale.ROOT);
            case DECIMAL :
                return DECIMAL_DIGITS.matcher(id).matches() ? new BigInteger(id, 10).toString() : id.toLowerCase(Locale.ROOT);
            case HEX :
                return HEX_DIGITS.matcher(id).matches() ? new BigInteger(id, 16).toString() : id.toLowerCase(Locale.ROOT);
            default :
                throw new AssertionError(format);
        }
    }
}

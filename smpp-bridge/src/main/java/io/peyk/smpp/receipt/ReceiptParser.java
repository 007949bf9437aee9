package io.peyk.smpp.receipt;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.peyk.smpp.pdu.EsmClass;
import io.peyk.smpp.pdu.MessageState;

/**
 * Parses delivery receipts from what the session layer knows of a deliver_sm ({@link ReceiptPdu}).
 * <p>
 * Rules:
 * <ul>
 * <li>Only a deliver_sm whose esm_class says SMSC delivery receipt or intermediate notification is parsed.</li>
 * <li>TLVs win over text: receipted_message_id for the id, message_state for the state (a value outside 1..9 is
 * ignored), network_error_code (exactly 3 octets, otherwise ignored).</li>
 * <li>The text (octets read as ISO-8859-1, at most {@link #MAX_TEXT} considered) is parsed tolerantly: keys
 * {@code id sub dlvrd submit date done date stat err text} in any case and order, {@code submit date},
 * {@code submit_date} and {@code submitdate} alike, optional spaces around {@code :}; a value is the first
 * whitespace-delimited token after its key; unknown vendor keys are ignored; for a key present more than once the
 * first occurrence wins (so a key quoted inside a trailing {@code text:} cannot override a real field). Dates are
 * {@code YYMMDDhhmm} or {@code YYMMDDhhmmss} (years 2000-2099); an invalid date is dropped. The {@code text:} value is
 * never returned.</li>
 * <li>A receipt without a usable message id (blank or longer than {@link MessageIdNormalizer#MAX_LENGTH}) cannot be
 * matched to anything and yields empty; a receipt with an id but no state gets {@link MessageState#UNKNOWN}.</li>
 * </ul>
 */
public final class ReceiptParser {

    /** Number of leading text characters examined. */
    public static final int MAX_TEXT = 1024;

    private static final int MAX_ERR_LENGTH = 16;
    private static final int MAX_COUNT_DIGITS = 9;

    private enum Key {
        ID, SUB, DLVRD, SUBMIT_DATE, DONE_DATE, STAT, ERR, TEXT
    }

    private static final Pattern KEY = Pattern.compile(
            "(?<![A-Za-z0-9_])(id|sub|dlvrd|submit[ _]*date|done[ _]*date|stat|err|text)[ \\t]*:",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private ReceiptParser() {
    }

    /** The receipt, or empty when the PDU is not a receipt or carries no usable message id. */
    public static Optional<DeliveryReceipt> parse(ReceiptPdu pdu) {
        if (!EsmClass.isReceipt(pdu.esmClass()) && !EsmClass.isIntermediateNotification(pdu.esmClass())) {
            return Optional.empty();
        }
        Map<Key, String> text = fields(pdu.shortMessage());
        boolean tlvUsed = false;
        boolean textUsed = false;

        String id = null;
        Optional<String> tlvId = pdu.receiptedMessageIdTlv();
        if (tlvId.isPresent() && MessageIdNormalizer.isAcceptable(tlvId.get())) {
            id = tlvId.get().trim();
            tlvUsed = true;
        } else if (text.containsKey(Key.ID) && MessageIdNormalizer.isAcceptable(text.get(Key.ID))) {
            id = text.get(Key.ID);
            textUsed = true;
        }
        if (id == null) {
            return Optional.empty();
        }

        MessageState state = MessageState.UNKNOWN;
        Optional<MessageState> tlvState = pdu.messageStateTlv().isPresent()
                ? MessageState.ofValue(pdu.messageStateTlv().getAsInt())
                : Optional.empty();
        Optional<MessageState> textState = MessageState.ofStat(text.get(Key.STAT));
        if (tlvState.isPresent()) {
            state = tlvState.get();
            tlvUsed = true;
        } else if (textState.isPresent()) {
            state = textState.get();
            textUsed = true;
        }

        Optional<NetworkError> networkError = pdu.networkErrorCodeTlv().filter(b -> b.length == 3)
                .map(b -> new NetworkError(b[0] & 0xFF, ((b[1] & 0xFF) << 8) | (b[2] & 0xFF)));
        tlvUsed |= networkError.isPresent();

        Optional<String> err = Optional.ofNullable(text.get(Key.ERR)).filter(e -> e.length() <= MAX_ERR_LENGTH);
        Optional<LocalDateTime> submitDate = date(text.get(Key.SUBMIT_DATE));
        Optional<LocalDateTime> doneDate = date(text.get(Key.DONE_DATE));
        OptionalInt submitted = count(text.get(Key.SUB));
        OptionalInt delivered = count(text.get(Key.DLVRD));
        textUsed |= err.isPresent() || submitDate.isPresent() || doneDate.isPresent() || submitted.isPresent()
                || delivered.isPresent();

        DeliveryReceipt.Source source = tlvUsed && textUsed
                ? DeliveryReceipt.Source.BOTH
                : tlvUsed ? DeliveryReceipt.Source.TLV : DeliveryReceipt.Source.TEXT;
        return Optional.of(new DeliveryReceipt(id, state, err, networkError, submitDate, doneDate, submitted, delivered,
                source));
    }

    /** First token of each known key's value (first occurrence wins); {@code text} is located but never kept. */
    private static Map<Key, String> fields(byte[] octets) {
        int length = Math.min(octets.length, MAX_TEXT);
        String s = new String(octets, 0, length, StandardCharsets.ISO_8859_1);
        Map<Key, String> out = new EnumMap<>(Key.class);
        Matcher m = KEY.matcher(s);
        Key key = null;
        int valueStart = -1;
        while (m.find()) {
            if (key != null) {
                put(out, key, s.substring(valueStart, m.start()));
            }
            key = keyOf(m.group(1));
            valueStart = m.end();
        }
        if (key != null) {
            put(out, key, s.substring(valueStart));
        }
        out.remove(Key.TEXT);
        return out;
    }

    private static void put(Map<Key, String> out, Key key, String region) {
        if (key == Key.TEXT || out.containsKey(key)) {
            return;
        }
        String trimmed = region.trim();
        if (trimmed.isEmpty()) {
            return;
        }
        int end = 0;
        while (end < trimmed.length() && !Character.isWhitespace(trimmed.charAt(end)) && trimmed.charAt(end) > ' ') {
            end++;
        }
        out.put(key, trimmed.substring(0, end));
    }

    private static Key keyOf(String raw) {
        String k = raw.toLowerCase(Locale.ROOT).replace(" ", "").replace("_", "");
        switch (k) {
            case "id" :
                return Key.ID;
            case "sub" :
                return Key.SUB;
            case "dlvrd" :
                return Key.DLVRD;
            case "submitdate" :
                return Key.SUBMIT_DATE;
            case "donedate" :
                return Key.DONE_DATE;
            case "stat" :
                return Key.STAT;
            case "err" :
                return Key.ERR;
            case "text" :
                return Key.TEXT;
            default :
                throw new AssertionError(raw);
        }
    }

    private static Optional<LocalDateTime> date(String token) {
        if (token == null || (token.length() != 10 && token.length() != 12) || !DIGITS.matcher(token).matches()) {
            return Optional.empty();
        }
        try {
            int second = token.length() == 12 ? Integer.parseInt(token.substring(10, 12)) : 0;
            return Optional.of(LocalDateTime.of(2000 + Integer.parseInt(token.substring(0, 2)),
                    Integer.parseInt(token.substring(2, 4)), Integer.parseInt(token.substring(4, 6)),
                    Integer.parseInt(token.substring(6, 8)), Integer.parseInt(token.substring(8, 10)), second));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static OptionalInt count(String token) {
        if (token == null || token.length() > MAX_COUNT_DIGITS || !DIGITS.matcher(token).matches()) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Integer.parseInt(token));
    }
}

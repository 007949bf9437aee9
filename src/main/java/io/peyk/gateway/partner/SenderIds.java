package io.peyk.gateway.partner;

import java.util.regex.Pattern;

/**
 * The forms a partner's sender id may take: an E.164 long number ({@code +} and 8 to 15 digits, no leading zero), a
 * short code (3 to 8 digits) or an alphanumeric name (1 to 11 of {@code A-Z a-z 0-9} and inner spaces, with at least one
 * letter, so that it cannot be mistaken for a number).
 */
public final class SenderIds {

    public static final int MAX_LENGTH = 16;

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");
    private static final Pattern SHORT_CODE = Pattern.compile("[0-9]{3,8}");
    private static final Pattern ALPHANUMERIC = Pattern.compile("(?=.*[A-Za-z])[A-Za-z0-9](?:[A-Za-z0-9 ]{0,9}[A-Za-z0-9])?");

    private SenderIds() {
    }

    /** The form of {@code senderId}. */
    public static Kind kindOf(String senderId) {
        if (senderId == null || senderId.length() > MAX_LENGTH) {
            return Kind.INVALID;
        }
        if (E164.matcher(senderId).matches()) {
            return Kind.E164;
        }
        if (SHORT_CODE.matcher(senderId).matches()) {
            return Kind.SHORT_CODE;
        }
        if (ALPHANUMERIC.matcher(senderId).matches()) {
            return Kind.ALPHANUMERIC;
        }
        return Kind.INVALID;
    }

    public static boolean isValid(String senderId) {
        return kindOf(senderId) != Kind.INVALID;
    }

    /** The form of a sender id, which decides its SMPP type of number. */
    public enum Kind {
        E164, SHORT_CODE, ALPHANUMERIC, INVALID
    }
}

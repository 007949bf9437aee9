package io.peyk.smpp.encoding;

/**
 * UCS-2 as SMPP carries it with {@code data_coding 8}: UTF-16 big-endian code units, no byte order mark.
 *
 * <p>
 * Code units are copied as they are: a surrogate pair becomes 4 octets and an unpaired surrogate is kept (not replaced),
 * so encoding then decoding always gives back the same {@code String}. Decoding an odd number of octets appends U+FFFD
 * for the incomplete trailing octet rather than failing.
 */
public final class Ucs2 {

    /** Upper bound on octets handled by one call (the largest SMPP payload, message_payload, is 65,535 octets). */
    public static final int MAX_OCTETS = 65_535;

    /** Upper bound on UTF-16 code units encoded by one call. */
    public static final int MAX_UNITS = MAX_OCTETS / 2;

    /** Character appended for an odd trailing octet. */
    public static final char REPLACEMENT = '\uFFFD';

    private Ucs2() {
    }

    /**
     * Encodes to UTF-16BE without BOM.
     *
     * @throws IllegalArgumentException if longer than {@value #MAX_UNITS} code units
     */
    public static byte[] encode(CharSequence text) {
        int n = text.length();
        if (n > MAX_UNITS) {
            throw new IllegalArgumentException("text longer than " + MAX_UNITS + " UTF-16 units: " + n);
        }
        byte[] out = new byte[2 * n];
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            out[2 * i] = (byte) (c >>> 8);
            out[2 * i + 1] = (byte) c;
        }
        return out;
    }

    /**
     * Decodes UTF-16BE; an odd trailing octet becomes U+FFFD. A leading BOM is not stripped (SMPP must not send one).
     *
     * @throws IllegalArgumentException if longer than {@value #MAX_OCTETS} octets
     */
    public static String decode(byte[] bytes) {
        if (bytes.length > MAX_OCTETS) {
            throw new IllegalArgumentException("more than " + MAX_OCTETS + " octets: " + bytes.length);
        }
        int units = bytes.length / 2;
        char[] chars = new char[units + (bytes.length & 1)];
        for (int i = 0; i < units; i++) {
            chars[i] = (char) (((bytes[2 * i] & 0xFF) << 8) | (bytes[2 * i + 1] & 0xFF));
        }
        if ((bytes.length & 1) != 0) {
            chars[units] = REPLACEMENT;
        }
        return new String(chars);
    }
}

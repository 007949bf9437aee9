package io.peyk.smpp.encoding;

import java.util.Arrays;

/**
 * The GSM 03.38 default alphabet with its extension table, in the unpacked form SMPP carries with
 * {@code data_coding 0} (one septet per octet) and in the packed 7-bit form of the air interface.
 *
 * <p>
 * Extension characters ({@code ^ { } \ [ ~ ] | €} and form feed) are ESC (0x1B) followed by a code, so they count as 2
 * septets. {@code @} is septet 0x00: encoded text is never a C string. U+001B itself is not encodable (it would be read
 * as an escape).
 *
 * <p>
 * Decoding is tolerant and never throws on content:
 * <ul>
 * <li>ESC followed by a code missing from the extension table decodes to that code's character in the default table (the
 * GSM 03.38 fallback), ESC ESC and a trailing ESC decode to a space;</li>
 * <li>an octet above 0x7F (not a septet) decodes to U+FFFD.</li>
 * </ul>
 */
public final class Gsm7 {

    /** The escape septet that prefixes extension-table codes. */
    public static final int ESC = 0x1B;

    /** Upper bound on septets handled by one call (the largest SMPP payload, message_payload, is 65,535 octets). */
    public static final int MAX_SEPTETS = 65_535;

    /** Character shown for octets that are not septets. */
    public static final char REPLACEMENT = '\uFFFD';

    /** Default alphabet, indexed by septet; index 0x1B (ESC) is never produced from text. */
    private static final String BASIC = "@\u00A3$\u00A5\u00E8\u00E9\u00F9\u00EC\u00F2\u00C7\n\u00D8\u00F8\r\u00C5\u00E5"
            + "\u0394_\u03A6\u0393\u039B\u03A9\u03A0\u03A8\u03A3\u0398\u039E\u001B\u00C6\u00E6\u00DF\u00C9"
            + " !\"#\u00A4%&'()*+,-./"
            + "0123456789:;<=>?"
            + "\u00A1ABCDEFGHIJKLMNOPQRSTUVWXYZ\u00C4\u00D6\u00D1\u00DC\u00A7"
            + "\u00BFabcdefghijklmnopqrstuvwxyz\u00E4\u00F6\u00F1\u00FC\u00E0";

    /** Extension table: characters and their codes after ESC. */
    private static final String EXT_CHARS = "\f^{}\\[~]|\u20AC";
    private static final byte[] EXT_CODES = {0x0A, 0x14, 0x28, 0x29, 0x2F, 0x3C, 0x3D, 0x3E, 0x40, 0x65};

    private static final char[] EXT_DECODE = new char[128];
    private static final int LOOKUP_SIZE = 0x20AD; // one past the highest mapped char, U+20AC
    private static final byte[] BASIC_ENCODE = new byte[LOOKUP_SIZE];
    private static final byte[] EXT_ENCODE = new byte[LOOKUP_SIZE];

    static {
        if (BASIC.length() != 128 || EXT_CHARS.length() != EXT_CODES.length) {
            throw new ExceptionInInitializerError("GSM 03.38 tables malformed");
        }
        Arrays.fill(BASIC_ENCODE, (byte) -1);
        Arrays.fill(EXT_ENCODE, (byte) -1);
        for (int septet = 0; septet < 128; septet++) {
            if (septet != ESC) {
                BASIC_ENCODE[BASIC.charAt(septet)] = (byte) septet;
            }
        }
        for (int i = 0; i < EXT_CODES.length; i++) {
            EXT_ENCODE[EXT_CHARS.charAt(i)] = EXT_CODES[i];
            EXT_DECODE[EXT_CODES[i]] = EXT_CHARS.charAt(i);
        }
    }

    private Gsm7() {
    }

    /** Septets needed for one char: 1 (default table), 2 (extension table) or 0 if not encodable. */
    public static int charSeptets(char c) {
        if (c >= LOOKUP_SIZE) {
            return 0;
        }
        if (BASIC_ENCODE[c] >= 0) {
            return 1;
        }
        return EXT_ENCODE[c] >= 0 ? 2 : 0;
    }

    /** Index of the first char that is not encodable, or -1 if the whole text is. */
    public static int firstUnencodable(CharSequence text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            if (charSeptets(text.charAt(i)) == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Whether every char of {@code text} is in the default alphabet or its extension table. */
    public static boolean canEncode(CharSequence text) {
        return firstUnencodable(text) < 0;
    }

    /**
     * Septets the text occupies (extension characters count 2).
     *
     * @throws IllegalArgumentException if a char is not encodable (the message names its index)
     */
    public static int septets(CharSequence text) {
        int total = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            int s = charSeptets(text.charAt(i));
            if (s == 0) {
                throw unencodable(i);
            }
            total += s;
        }
        return total;
    }

    /**
     * Encodes to unpacked septets, one per octet (what SMPP carries with data_coding 0).
     *
     * @throws IllegalArgumentException if a char is not encodable (the message names its index) or the result would
     *     exceed {@value #MAX_SEPTETS} septets
     */
    public static byte[] encode(CharSequence text) {
        if (text.length() > MAX_SEPTETS) {
            throw new IllegalArgumentException("text longer than " + MAX_SEPTETS + " chars: " + text.length());
        }
        int size = septets(text);
        if (size > MAX_SEPTETS) {
            throw new IllegalArgumentException("text needs " + size + " septets, limit " + MAX_SEPTETS);
        }
        byte[] out = new byte[size];
        int o = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            byte basic = BASIC_ENCODE[c];
            if (basic >= 0) {
                out[o++] = basic;
            } else {
                out[o++] = ESC;
                out[o++] = EXT_ENCODE[c];
            }
        }
        return out;
    }

    /**
     * Decodes unpacked septets (one per octet) tolerantly, see the class documentation.
     *
     * @throws IllegalArgumentException if longer than {@value #MAX_SEPTETS} octets
     */
    public static String decode(byte[] unpacked) {
        checkSize(unpacked.length);
        StringBuilder sb = new StringBuilder(unpacked.length);
        for (int i = 0; i < unpacked.length; i++) {
            int s = unpacked[i] & 0xFF;
            if (s > 0x7F) {
                sb.append(REPLACEMENT);
            } else if (s != ESC) {
                sb.append(BASIC.charAt(s));
            } else if (i + 1 == unpacked.length) {
                sb.append(' ');
            } else {
                int code = unpacked[++i] & 0xFF;
                if (code > 0x7F) {
                    sb.append(REPLACEMENT);
                } else if (code == ESC) {
                    sb.append(' ');
                } else if (EXT_DECODE[code] != 0) {
                    sb.append(EXT_DECODE[code]);
                } else {
                    sb.append(BASIC.charAt(code));
                }
            }
        }
        return sb.toString();
    }

    /**
     * Packs septets into the 7-bit form, least significant bit first, after {@code fillBits} zero bits (0..6; used
     * after a UDH so the first septet starts on a septet boundary). The result has
     * {@code ceil((fillBits + 7 * septets.length) / 8)} octets.
     *
     * @throws IllegalArgumentException on a value above 0x7F, fill bits outside 0..6, or more than
     *     {@value #MAX_SEPTETS} septets
     */
    public static byte[] pack(byte[] septets, int fillBits) {
        checkFillBits(fillBits);
        checkSize(septets.length);
        byte[] out = new byte[(fillBits + 7 * septets.length + 7) / 8];
        int bit = fillBits;
        for (int i = 0; i < septets.length; i++) {
            int s = septets[i] & 0xFF;
            if (s > 0x7F) {
                throw new IllegalArgumentException("not a septet at index " + i);
            }
            int idx = bit >>> 3;
            int shift = bit & 7;
            out[idx] |= (byte) (s << shift);
            if (shift > 1) {
                out[idx + 1] |= (byte) (s >>> (8 - shift));
            }
            bit += 7;
        }
        return out;
    }

    /**
     * Unpacks {@code septetCount} septets from the 7-bit form, skipping {@code fillBits} leading bits. The count is
     * needed because 7 spare bits at the end are indistinguishable from a trailing {@code @}.
     *
     * @throws IllegalArgumentException if {@code packed} is too short, fill bits are outside 0..6, or the count is
     *     negative or above {@value #MAX_SEPTETS}
     */
    public static byte[] unpack(byte[] packed, int septetCount, int fillBits) {
        checkFillBits(fillBits);
        if (septetCount < 0) {
            throw new IllegalArgumentException("negative septet count: " + septetCount);
        }
        checkSize(septetCount);
        if ((long) fillBits + 7L * septetCount > 8L * packed.length) {
            throw new IllegalArgumentException(
                    packed.length + " octets cannot hold " + septetCount + " septets after " + fillBits + " fill bits");
        }
        byte[] out = new byte[septetCount];
        int bit = fillBits;
        for (int i = 0; i < septetCount; i++) {
            int idx = bit >>> 3;
            int shift = bit & 7;
            int s = (packed[idx] & 0xFF) >>> shift;
            if (shift > 1) {
                s |= (packed[idx + 1] & 0xFF) << (8 - shift);
            }
            out[i] = (byte) (s & 0x7F);
            bit += 7;
        }
        return out;
    }

    private static void checkFillBits(int fillBits) {
        if (fillBits < 0 || fillBits > 6) {
            throw new IllegalArgumentException("fill bits must be in 0..6: " + fillBits);
        }
    }

    private static void checkSize(int septets) {
        if (septets > MAX_SEPTETS) {
            throw new IllegalArgumentException("more than " + MAX_SEPTETS + " septets: " + septets);
        }
    }

    private static IllegalArgumentException unencodable(int index) {
        return new IllegalArgumentException("char at index " + index + " is not in the GSM 03.38 alphabet");
    }
}

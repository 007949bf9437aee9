package io.peyk.smpp.segment;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.peyk.smpp.encoding.Gsm7;
import io.peyk.smpp.encoding.TextEncoding;
import io.peyk.smpp.encoding.Ucs2;

/**
 * Splits an outgoing text into SMPP PDUs.
 *
 * <p>
 * Rules:
 * <ul>
 * <li>GSM-7 is chosen when every char is in the default alphabet or its extension table, else UCS-2. GSM-7 bodies are
 * unpacked (one septet per octet, the SMPP norm; see {@link Gsm7#pack} for connectors that need packing).</li>
 * <li>A text that fits one message (160 septets / 70 units) is one PDU without UDH, whatever the mode.</li>
 * <li>Otherwise parts hold up to 153 / 67 units ({@link ConcatMode#UDH_8BIT_REF}, {@link ConcatMode#SAR_TLV}) or 152 /
 * 66 ({@link ConcatMode#UDH_16BIT_REF}), filled greedily. An escape pair (GSM-7 extension char) or a surrogate pair is
 * never split: the part ends one unit early. An unpaired surrogate counts as one unit.</li>
 * <li>{@link ConcatMode#MESSAGE_PAYLOAD} gives one PDU with the whole text; its billable count is the
 * {@link ConcatMode#UDH_8BIT_REF} part count.</li>
 * <li>An empty text is accepted and gives one PDU with an empty body (rejecting empty texts is the API's job).</li>
 * <li>{@code maxParts} (1..{@value #MAX_PARTS}) bounds the billable count in every mode; it is checked before any body is
 * encoded.</li>
 * </ul>
 */
public final class Segmenter {

    /** Largest {@code maxParts}: the UDH and sar_total_segments carry the total in one octet. */
    public static final int MAX_PARTS = Segment.MAX_TOTAL;

    private static final byte[] NO_UDH = new byte[0];

    private Segmenter() {
    }

    /** GSM-7 if every char fits the GSM 03.38 default alphabet plus extension table, else UCS-2. */
    public static TextEncoding choose(CharSequence text) {
        return Gsm7.canEncode(text) ? TextEncoding.GSM7 : TextEncoding.UCS2;
    }

    /**
     * Segments {@code text} in the encoding {@link #choose} picks.
     *
     * @param reference concatenation reference; masked per {@link ConcatMode#wireReference}
     * @param maxParts most billable segments allowed, 1..{@value #MAX_PARTS}
     * @throws TooManySegmentsException if more than {@code maxParts} segments are needed
     * @throws IllegalArgumentException if {@code maxParts} is out of range
     */
    public static SegmentedText segment(String text, ConcatMode mode, int reference, int maxParts) {
        return segment(text, choose(text), mode, reference, maxParts);
    }

    /**
     * Segments {@code text} in a forced encoding.
     *
     * @param reference concatenation reference; masked per {@link ConcatMode#wireReference}
     * @param maxParts most billable segments allowed, 1..{@value #MAX_PARTS}
     * @throws TooManySegmentsException if more than {@code maxParts} segments are needed
     * @throws IllegalArgumentException if {@code maxParts} is out of range or the text is not encodable in GSM-7 when
     *     that is forced (the message names the char index)
     */
    public static SegmentedText segment(String text, TextEncoding encoding, ConcatMode mode, int reference,
            int maxParts) {
        if (maxParts < 1 || maxParts > MAX_PARTS) {
            throw new IllegalArgumentException("maxParts must be in 1.." + MAX_PARTS + ": " + maxParts);
        }
        int totalUnits = totalUnits(text, encoding, mode);
        int perPart = encoding.unitsPerPart(mode.partOverheadOctets());
        int billable = totalUnits <= encoding.singleMessageUnits() ? 1 : split(text, encoding, perPart, null);
        if (billable > maxParts) {
            throw new TooManySegmentsException(billable, maxParts);
        }
        int wireRef = mode.wireReference(reference);
        if (billable == 1 || mode == ConcatMode.MESSAGE_PAYLOAD) {
            Segment only = new Segment(1, 1, NO_UDH, encode(text, encoding), totalUnits);
            return new SegmentedText(encoding, mode, wireRef, List.of(only), billable);
        }
        int[] ends = new int[billable];
        split(text, encoding, perPart, ends);
        List<Segment> segments = new ArrayList<>(billable);
        int start = 0;
        for (int k = 0; k < billable; k++) {
            String part = text.substring(start, ends[k]);
            byte[] body = encode(part, encoding);
            int units = encoding == TextEncoding.GSM7 ? body.length : part.length();
            segments.add(new Segment(k + 1, billable, udh(mode, wireRef, billable, k + 1), body, units));
            start = ends[k];
        }
        return new SegmentedText(encoding, mode, wireRef, segments, billable);
    }

    /** Billable segments {@code text} needs in the encoding {@link #choose} picks; allocates nothing. */
    public static int countSegments(String text, ConcatMode mode) {
        return countSegments(text, choose(text), mode);
    }

    /**
     * Billable segments {@code text} needs in a forced encoding; allocates nothing. Equals
     * {@code segment(...).billableSegments()} for any {@code maxParts} that does not throw.
     *
     * @throws IllegalArgumentException if GSM-7 is forced and the text is not encodable
     */
    public static int countSegments(String text, TextEncoding encoding, ConcatMode mode) {
        int totalUnits = totalUnits(text, encoding, mode);
        if (totalUnits <= encoding.singleMessageUnits()) {
            return 1;
        }
        return split(text, encoding, encoding.unitsPerPart(mode.partOverheadOctets()), null);
    }

    private static int totalUnits(String text, TextEncoding encoding, ConcatMode mode) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(mode, "mode");
        return encoding == TextEncoding.GSM7 ? Gsm7.septets(text) : text.length();
    }

    /**
     * Greedy split into parts of at most {@code perPart} units, atomic items never split. Returns the part count and,
     * when {@code ends} is given, stores each part's exclusive end char index.
     */
    private static int split(String text, TextEncoding encoding, int perPart, int[] ends) {
        int n = text.length();
        int parts = 0;
        int i = 0;
        while (i < n) {
            int used = 0;
            while (i < n) {
                int width = encoding == TextEncoding.GSM7 ? Gsm7.charSeptets(text.charAt(i)) : ucs2Width(text, i);
                if (used + width > perPart) {
                    break;
                }
                used += width;
                // a GSM-7 char is one Java char whatever its width; a UCS-2 item's width is its char count
                i += encoding == TextEncoding.GSM7 ? 1 : width;
            }
            if (ends != null) {
                ends[parts] = i;
            }
            parts++;
        }
        return parts;
    }

    private static int ucs2Width(String text, int i) {
        return Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(i + 1)) ? 2 : 1;
    }

    private static byte[] encode(String text, TextEncoding encoding) {
        return encoding == TextEncoding.GSM7 ? Gsm7.encode(text) : Ucs2.encode(text);
    }

    private static byte[] udh(ConcatMode mode, int ref, int total, int seq) {
        switch (mode) {
            case UDH_8BIT_REF :
                return new byte[]{0x05, 0x00, 0x03, (byte) ref, (byte) total, (byte) seq};
            case UDH_16BIT_REF :
                return new byte[]{0x06, 0x08, 0x04, (byte) (ref >>> 8), (byte) ref, (byte) total, (byte) seq};
            default :
                return NO_UDH;
        }
    }
}

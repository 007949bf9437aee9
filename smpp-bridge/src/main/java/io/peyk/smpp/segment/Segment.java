package io.peyk.smpp.segment;

import java.util.Arrays;

/**
 * One PDU's worth of an outgoing text: its position, optional concatenation UDH and encoded body. Immutable: arrays are
 * copied in and out.
 *
 * @param seq 1-based position
 * @param total number of PDUs of the text (1..255)
 * @param udh concatenation UDH including its length octet, empty when none
 * @param body encoded text without UDH (unpacked septets for GSM-7, UTF-16BE for UCS-2)
 * @param units septets (GSM-7) or UTF-16 code units (UCS-2) in {@code body}
 */
public record Segment(int seq, int total, byte[] udh, byte[] body, int units) {

    /** Largest total: the concatenation UDH and sar_total_segments hold it in one octet. */
    public static final int MAX_TOTAL = 255;

    public Segment {
        if (total < 1 || total > MAX_TOTAL) {
            throw new IllegalArgumentException("total must be in 1.." + MAX_TOTAL + ": " + total);
        }
        if (seq < 1 || seq > total) {
            throw new IllegalArgumentException("seq must be in 1.." + total + ": " + seq);
        }
        if (units < 0) {
            throw new IllegalArgumentException("negative units: " + units);
        }
        udh = udh.clone();
        body = body.clone();
    }

    /** A copy of the UDH (empty when none). */
    @Override
    public byte[] udh() {
        return udh.clone();
    }

    /** A copy of the encoded body. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** Whether a UDH is present (esm_class UDHI 0x40 must then be set). */
    public boolean hasUdh() {
        return udh.length > 0;
    }

    /** The short_message octets: UDH followed by body. */
    public byte[] shortMessage() {
        byte[] out = Arrays.copyOf(udh, udh.length + body.length);
        System.arraycopy(body, 0, out, udh.length, body.length);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Segment other && other.seq == seq && other.total == total && other.units == units
                && Arrays.equals(other.udh, udh) && Arrays.equals(other.body, body);
    }

    @Override
    public int hashCode() {
        int h = seq;
        h = 31 * h + total;
        h = 31 * h + units;
        h = 31 * h + Arrays.hashCode(udh);
        return 31 * h + Arrays.hashCode(body);
    }

    /** Shows the UDH in hex but not the body (message content is not logged). */
    @Override
    public String toString() {
        StringBuilder hex = new StringBuilder();
        for (byte b : udh) {
            hex.append(Character.forDigit((b >>> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return "Segment[seq=" + seq + ", total=" + total + ", udh=" + hex + ", bodyOctets=" + body.length + ", units="
                + units + "]";
    }
}

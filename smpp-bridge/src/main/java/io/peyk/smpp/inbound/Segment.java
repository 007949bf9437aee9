package io.peyk.smpp.inbound;

import java.util.Arrays;

import io.peyk.smpp.pdu.EsmClass;

/**
 * How one part is concatenated, read from its UDH (IEI 0x00 or 0x08) or its SAR TLVs, with its body (user data
 * without UDH). A part whose UDH or SAR values are inconsistent is a single, malformed part keeping its raw octets.
 */
record Segment(Scheme scheme, int ref, int total, int seq, byte[] body, boolean malformed) {

    /** Where the concatenation information came from. */
    enum Scheme {
        /** Not concatenated. */
        SINGLE,
        /** UDH IEI 0x00, 8-bit reference. */
        UDH_8,
        /** UDH IEI 0x08, 16-bit reference. */
        UDH_16,
        /** sar_msg_ref_num, sar_total_segments, sar_segment_seqnum TLVs. */
        SAR
    }

    static final int IEI_CONCAT_8 = 0x00;
    static final int IEI_CONCAT_16 = 0x08;
    static final int MAX_SEGMENTS = 255;

    boolean isConcatenated() {
        return scheme != Scheme.SINGLE;
    }

    static Segment of(InboundPart part) {
        byte[] data = part.userData();
        if (EsmClass.hasUdhi(part.esmClass())) {
            return fromUdh(data);
        }
        if (part.sarRef().isPresent() || part.sarTotal().isPresent() || part.sarSeq().isPresent()) {
            if (part.sarRef().isEmpty() || part.sarTotal().isEmpty() || part.sarSeq().isEmpty()) {
                return malformed(data);
            }
            int ref = part.sarRef().getAsInt();
            if (ref < 0 || ref > 0xFFFF) {
                return malformed(data);
            }
            return concatenated(Scheme.SAR, ref, part.sarTotal().getAsInt(), part.sarSeq().getAsInt(), data, data);
        }
        return single(data);
    }

    private static Segment fromUdh(byte[] data) {
        if (data.length < 1) {
            return malformed(data);
        }
        int headerEnd = 1 + (data[0] & 0xFF);
        if (headerEnd > data.length) {
            return malformed(data);
        }
        byte[] body = Arrays.copyOfRange(data, headerEnd, data.length);
        int i = 1;
        while (i < headerEnd) {
            if (i + 2 > headerEnd) {
                return malformed(data);
            }
            int iei = data[i] & 0xFF;
            int length = data[i + 1] & 0xFF;
            int valueStart = i + 2;
            if (valueStart + length > headerEnd) {
                return malformed(data);
            }
            if (iei == IEI_CONCAT_8) {
                if (length != 3) {
                    return malformed(data);
                }
                return concatenated(Scheme.UDH_8, data[valueStart] & 0xFF, data[valueStart + 1] & 0xFF,
                        data[valueStart + 2] & 0xFF, body, data);
            }
            if (iei == IEI_CONCAT_16) {
                if (length != 4) {
                    return malformed(data);
                }
                int ref = ((data[valueStart] & 0xFF) << 8) | (data[valueStart + 1] & 0xFF);
                return concatenated(Scheme.UDH_16, ref, data[valueStart + 2] & 0xFF, data[valueStart + 3] & 0xFF, body, data);
            }
            i = valueStart + length;
        }
        return single(body);
    }

    private static Segment concatenated(Scheme scheme, int ref, int total, int seq, byte[] body, byte[] raw) {
        if (total < 1 || total > MAX_SEGMENTS || seq < 1 || seq > total) {
            return malformed(raw);
        }
        if (total == 1) {
            return single(body);
        }
        return new Segment(scheme, ref, total, seq, body, false);
    }

    private static Segment single(byte[] body) {
        return new Segment(Scheme.SINGLE, 0, 1, 1, body, false);
    }

    private static Segment malformed(byte[] raw) {
        return new Segment(Scheme.SINGLE, 0, 1, 1, raw, true);
    }
}

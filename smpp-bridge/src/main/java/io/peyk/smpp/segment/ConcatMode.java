package io.peyk.smpp.segment;

/**
 * How a text longer than one SMS is sent, a per-connector setting.
 */
public enum ConcatMode {

    /** Concatenation UDH with IEI 0x00 and an 8-bit reference: {@code 05 00 03 ref total seq}. */
    UDH_8BIT_REF(0x00, 6, 0xFF),
    /** Concatenation UDH with IEI 0x08 and a 16-bit reference: {@code 06 08 04 refHi refLo total seq}. */
    UDH_16BIT_REF(0x08, 7, 0xFFFF),
    /**
     * No UDH; the SMPP layer adds {@code sar_msg_ref_num} (0x020C, 16-bit), {@code sar_total_segments} (0x020E) and
     * {@code sar_segment_seqnum} (0x020F). Parts are sized as with a 6-octet UDH, which the SMSC will add.
     */
    SAR_TLV(-1, 6, 0xFFFF),
    /**
     * The whole text in one PDU in {@code message_payload} (0x0424, sm_length 0); the SMSC splits it, and the billable
     * count is what {@link #UDH_8BIT_REF} would produce.
     */
    MESSAGE_PAYLOAD(-1, 6, 0xFFFF);

    /** SMPP TLV tag of sar_msg_ref_num. */
    public static final int TAG_SAR_MSG_REF_NUM = 0x020C;
    /** SMPP TLV tag of sar_total_segments. */
    public static final int TAG_SAR_TOTAL_SEGMENTS = 0x020E;
    /** SMPP TLV tag of sar_segment_seqnum. */
    public static final int TAG_SAR_SEGMENT_SEQNUM = 0x020F;
    /** SMPP TLV tag of message_payload. */
    public static final int TAG_MESSAGE_PAYLOAD = 0x0424;

    private final int iei;
    private final int partOverheadOctets;
    private final int referenceMask;

    ConcatMode(int iei, int partOverheadOctets, int referenceMask) {
        this.iei = iei;
        this.partOverheadOctets = partOverheadOctets;
        this.referenceMask = referenceMask;
    }

    /** Whether parts carry a UDH (esm_class UDHI 0x40 must then be set). */
    public boolean usesUdh() {
        return iei >= 0;
    }

    /**
     * The information element identifier of the concatenation UDH.
     *
     * @throws IllegalStateException for modes without a UDH
     */
    public int iei() {
        if (iei < 0) {
            throw new IllegalStateException(this + " has no UDH");
        }
        return iei;
    }

    /** Length of the UDH in octets, length octet included (6 or 7), or 0 without a UDH. */
    public int udhLength() {
        return usesUdh() ? partOverheadOctets : 0;
    }

    /** Octets of user data a part gives up for concatenation, used to size parts (6, 7, 6, 6). */
    public int partOverheadOctets() {
        return partOverheadOctets;
    }

    /** The reference as carried on the wire: {@code reference & 0xFF} for 8-bit UDH, else {@code & 0xFFFF}. */
    public int wireReference(int reference) {
        return reference & referenceMask;
    }
}

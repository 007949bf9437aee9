package io.peyk.smpp.pdu;

import java.util.Optional;

/**
 * The optional parameter (TLV) tags the bridge reads or writes. Other tags exist on the wire; {@link #of(int)} returns
 * empty for them.
 */
public enum TlvTag {

    RECEIPTED_MESSAGE_ID(0x001E), USER_MESSAGE_REFERENCE(0x0204), SAR_MSG_REF_NUM(0x020C), SAR_TOTAL_SEGMENTS(
            0x020E), SAR_SEGMENT_SEQNUM(0x020F), NETWORK_ERROR_CODE(0x0423), MESSAGE_PAYLOAD(0x0424), MESSAGE_STATE(0x0427);

    private final short tag;

    TlvTag(int tag) {
        this.tag = (short) tag;
    }

    /** The 16-bit tag as on the wire. */
    public short tag() {
        return tag;
    }

    /** The tag as an unsigned int (0..0xFFFF). */
    public int code() {
        return tag & 0xFFFF;
    }

    /** The known tag for an unsigned 16-bit tag value, or empty. */
    public static Optional<TlvTag> of(int code) {
        for (TlvTag t : values()) {
            if (t.code() == code) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}

package io.peyk.smpp.pdu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TlvTagTest {

    @Test
    void tagsMatchTheSpecification() {
        assertThat(TlvTag.SAR_MSG_REF_NUM.code()).isEqualTo(0x020C);
        assertThat(TlvTag.SAR_TOTAL_SEGMENTS.code()).isEqualTo(0x020E);
        assertThat(TlvTag.SAR_SEGMENT_SEQNUM.code()).isEqualTo(0x020F);
        assertThat(TlvTag.MESSAGE_PAYLOAD.code()).isEqualTo(0x0424);
        assertThat(TlvTag.RECEIPTED_MESSAGE_ID.code()).isEqualTo(0x001E);
        assertThat(TlvTag.MESSAGE_STATE.code()).isEqualTo(0x0427);
        assertThat(TlvTag.NETWORK_ERROR_CODE.code()).isEqualTo(0x0423);
        assertThat(TlvTag.USER_MESSAGE_REFERENCE.code()).isEqualTo(0x0204);
        assertThat(TlvTag.MESSAGE_PAYLOAD.tag()).isEqualTo((short) 0x0424);
    }

    @Test
    void lookupByCode() {
        for (TlvTag t : TlvTag.values()) {
            assertThat(TlvTag.of(t.code())).contains(t);
        }
        assertThat(TlvTag.of(0x1403)).isEmpty();
        assertThat(TlvTag.of(0)).isEmpty();
    }
}

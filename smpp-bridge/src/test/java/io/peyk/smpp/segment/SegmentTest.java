package io.peyk.smpp.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.peyk.smpp.encoding.Hex;
import io.peyk.smpp.encoding.TextEncoding;

class SegmentTest {

    @Test
    void equalityComparesArrayContents() {
        Segment a = new Segment(1, 2, Hex.bytes("050003010201"), Hex.bytes("6162"), 2);
        Segment b = new Segment(1, 2, Hex.bytes("050003010201"), Hex.bytes("6162"), 2);
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(new Segment(1, 2, Hex.bytes("050003010201"), Hex.bytes("6163"), 2));
        assertThat(a).isNotEqualTo(new Segment(1, 2, Hex.bytes("050003020201"), Hex.bytes("6162"), 2));
        assertThat(a).isNotEqualTo(new Segment(2, 2, Hex.bytes("050003010201"), Hex.bytes("6162"), 2));
        assertThat(a).isNotEqualTo(new Segment(1, 2, Hex.bytes("050003010201"), Hex.bytes("6162"), 3));
    }

    @Test
    void arraysAreCopiedInAndOut() {
        byte[] udh = Hex.bytes("050003010201");
        byte[] body = Hex.bytes("6162");
        Segment s = new Segment(1, 2, udh, body, 2);
        udh[3] = 9;
        body[0] = 9;
        s.udh()[0] = 9;
        s.body()[1] = 9;
        s.shortMessage()[0] = 9;
        assertThat(Hex.of(s.shortMessage())).isEqualTo("0500030102016162");
        assertThat(s.hasUdh()).isTrue();
    }

    @Test
    void toStringShowsUdhButNotContent() {
        Segment s = new Segment(1, 2, Hex.bytes("050003AB0201"), Hex.bytes("6F74703A31323334"), 8);
        assertThat(s.toString()).contains("050003ab0201").contains("bodyOctets=8").doesNotContain("6f7470");
    }

    @Test
    void validatesPositions() {
        assertThatThrownBy(() -> new Segment(0, 1, new byte[0], new byte[0], 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Segment(3, 2, new byte[0], new byte[0], 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Segment(1, 256, new byte[0], new byte[0], 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Segment(1, 1, new byte[0], new byte[0], -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void segmentedTextValidatesAndCopiesItsList() {
        Segment one = new Segment(1, 1, new byte[0], Hex.bytes("61"), 1);
        List<Segment> list = new ArrayList<>(List.of(one));
        SegmentedText st = new SegmentedText(TextEncoding.GSM7, ConcatMode.MESSAGE_PAYLOAD, 0, list, 3);
        list.clear();
        assertThat(st.segments()).containsExactly(one);
        assertThatThrownBy(() -> st.segments().add(one)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new SegmentedText(TextEncoding.GSM7, ConcatMode.SAR_TLV, 0, List.of(), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SegmentedText(TextEncoding.GSM7, ConcatMode.SAR_TLV, 0, List.of(one), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

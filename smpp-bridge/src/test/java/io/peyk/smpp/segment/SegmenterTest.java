package io.peyk.smpp.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.peyk.smpp.encoding.Gsm7;
import io.peyk.smpp.encoding.Hex;
import io.peyk.smpp.encoding.TextEncoding;
import io.peyk.smpp.encoding.Ucs2;

class SegmenterTest {

    private static final String PERSIAN_10 = "سلام دنیا "; // 10 BMP chars
    private static final String EMOJI = "😀"; // U+1F600, D83D DE00

    private static List<Integer> units(SegmentedText st) {
        return st.segments().stream().map(Segment::units).toList();
    }

    @Test
    void choosesGsm7WhenEveryCharFitsElseUcs2() {
        assertThat(Segmenter.choose("Hello {world} €5 @home")).isEqualTo(TextEncoding.GSM7);
        assertThat(Segmenter.choose("")).isEqualTo(TextEncoding.GSM7);
        assertThat(Segmenter.choose("Your code: 1234 سلام")).isEqualTo(TextEncoding.UCS2);
        assertThat(Segmenter.choose("ok " + EMOJI)).isEqualTo(TextEncoding.UCS2);
        assertThat(Segmenter.choose("français")).isEqualTo(TextEncoding.UCS2); // ç is not in GSM 03.38
    }

    @Test
    void singleMessageHasNoUdh() {
        SegmentedText st = Segmenter.segment("a".repeat(160), ConcatMode.UDH_8BIT_REF, 1, 10);
        assertThat(st.encoding()).isEqualTo(TextEncoding.GSM7);
        assertThat(st.segments()).hasSize(1);
        assertThat(st.billableSegments()).isEqualTo(1);
        assertThat(st.hasUdh()).isFalse();
        Segment only = st.segments().get(0);
        assertThat(only.seq()).isEqualTo(1);
        assertThat(only.total()).isEqualTo(1);
        assertThat(only.hasUdh()).isFalse();
        assertThat(only.udh()).isEmpty();
        assertThat(only.units()).isEqualTo(160);
        assertThat(only.shortMessage()).isEqualTo(Gsm7.encode("a".repeat(160)));

        SegmentedText persian = Segmenter.segment("س".repeat(70), ConcatMode.UDH_16BIT_REF, 1, 10);
        assertThat(persian.encoding()).isEqualTo(TextEncoding.UCS2);
        assertThat(units(persian)).containsExactly(70);
        assertThat(persian.hasUdh()).isFalse();
    }

    @Test
    void shortPersianIsUcs2WithoutBom() {
        SegmentedText st = Segmenter.segment("سلام", ConcatMode.UDH_8BIT_REF, 0, 1);
        assertThat(Hex.of(st.segments().get(0).shortMessage())).isEqualTo("0633064406270645");
        assertThat(st.encoding().dataCoding()).isEqualTo(0x08);
    }

    @Test
    void gsm161CharsIsTwoParts153And8WithExactUdh() {
        String text = "0123456789".repeat(16) + "X";
        SegmentedText st = Segmenter.segment(text, ConcatMode.UDH_8BIT_REF, 0x2A, 10);
        assertThat(units(st)).containsExactly(153, 8);
        assertThat(st.billableSegments()).isEqualTo(2);
        assertThat(st.reference()).isEqualTo(0x2A);
        assertThat(st.hasUdh()).isTrue();
        assertThat(Hex.of(st.segments().get(0).udh())).isEqualTo("0500032A0201");
        assertThat(Hex.of(st.segments().get(1).shortMessage())).isEqualTo("0500032A0202" + "3334353637383958");
        assertThat(st.segments().get(0).shortMessage()).hasSize(6 + 153);
    }

    @Test
    void sixteenBitReferenceGives152PerPartWithExactUdh() {
        String text = "0123456789".repeat(16) + "X";
        SegmentedText st = Segmenter.segment(text, ConcatMode.UDH_16BIT_REF, 0x1234, 10);
        assertThat(units(st)).containsExactly(152, 9);
        assertThat(st.reference()).isEqualTo(0x1234);
        assertThat(Hex.of(st.segments().get(0).udh())).isEqualTo("06080412340201");
        assertThat(Hex.of(st.segments().get(1).shortMessage())).isEqualTo("06080412340202" + "323334353637383958");

        SegmentedText persian = Segmenter.segment(PERSIAN_10.repeat(20), ConcatMode.UDH_16BIT_REF, 7, 10);
        assertThat(units(persian)).containsExactly(66, 66, 66, 2);
    }

    @Test
    void gsm306IsTwoPartsAnd307IsThree() {
        assertThat(units(Segmenter.segment("x".repeat(306), ConcatMode.UDH_8BIT_REF, 1, 10))).containsExactly(153, 153);
        assertThat(units(Segmenter.segment("x".repeat(307), ConcatMode.UDH_8BIT_REF, 1, 10)))
                .containsExactly(153, 153, 1);
        assertThat(Segmenter.countSegments("x".repeat(306), ConcatMode.UDH_8BIT_REF)).isEqualTo(2);
        assertThat(Segmenter.countSegments("x".repeat(307), ConcatMode.UDH_8BIT_REF)).isEqualTo(3);
    }

    @Test
    void persian200CharsIsThreeParts67_67_66() {
        String text = PERSIAN_10.repeat(20);
        assertThat(text).hasSize(200);
        SegmentedText st = Segmenter.segment(text, ConcatMode.UDH_8BIT_REF, 0x17B, 10);
        assertThat(st.encoding()).isEqualTo(TextEncoding.UCS2);
        assertThat(units(st)).containsExactly(67, 67, 66);
        assertThat(st.segments()).extracting(s -> s.body().length).containsExactly(134, 134, 132);
        assertThat(st.reference()).isEqualTo(0x7B);
        assertThat(st.segments()).extracting(s -> Hex.of(s.udh())).containsExactly("0500037B0301", "0500037B0302",
                "0500037B0303");
        assertThat(st.segments()).allSatisfy(s -> assertThat(s.shortMessage().length).isLessThanOrEqualTo(140));
        StringBuilder joined = new StringBuilder();
        st.segments().forEach(s -> joined.append(Ucs2.decode(s.body())));
        assertThat(joined.toString()).isEqualTo(text);
    }

    @Test
    void ucs2PartShortMessageGolden() {
        String text = "س".repeat(67) + "سلام";
        SegmentedText st = Segmenter.segment(text, ConcatMode.UDH_8BIT_REF, 0x7B, 10);
        assertThat(units(st)).containsExactly(67, 4);
        assertThat(Hex.of(st.segments().get(1).shortMessage())).isEqualTo("0500037B0202" + "0633064406270645");
        assertThat(Hex.of(st.segments().get(0).shortMessage())).startsWith("0500037B0201" + "06330633")
                .hasSize(2 * (6 + 134));
    }

    @Test
    void escapePairAtSeptet153MovesToTheNextPart() {
        String text = "a".repeat(152) + "€" + "b".repeat(10);
        SegmentedText st = Segmenter.segment(text, ConcatMode.UDH_8BIT_REF, 1, 10);
        assertThat(units(st)).containsExactly(152, 12);
        assertThat(Hex.of(st.segments().get(1).body())).startsWith("1B6562");
        byte[] first = st.segments().get(0).body();
        assertThat(first[first.length - 1]).isEqualTo((byte) 'a');

        // one char earlier, the pair fits exactly at septets 152..153
        SegmentedText fits = Segmenter.segment("a".repeat(151) + "€" + "b".repeat(10), ConcatMode.UDH_8BIT_REF, 1, 10);
        assertThat(units(fits)).containsExactly(153, 10);
        assertThat(Hex.of(fits.segments().get(0).body())).endsWith("611B65");
    }

    @Test
    void extensionCharsCountTwoSeptetsTowardsTheSingleMessageLimit() {
        assertThat(units(Segmenter.segment("€".repeat(80), ConcatMode.UDH_8BIT_REF, 1, 10))).containsExactly(160);
        assertThat(units(Segmenter.segment("€".repeat(81), ConcatMode.UDH_8BIT_REF, 1, 10))).containsExactly(152, 10);
        assertThat(Segmenter.countSegments("€".repeat(81), ConcatMode.UDH_8BIT_REF)).isEqualTo(2);
    }

    @Test
    void surrogatePairStraddlingUnit67MovesWholeToTheNextPart() {
        String text = "ب".repeat(66) + EMOJI + "پ".repeat(10);
        SegmentedText st = Segmenter.segment(text, ConcatMode.UDH_8BIT_REF, 1, 10);
        assertThat(units(st)).containsExactly(66, 12);
        assertThat(Hex.of(st.segments().get(1).body())).startsWith("D83DDE00067E");
        assertThat(Hex.of(st.segments().get(0).body())).endsWith("0628");

        SegmentedText fits = Segmenter.segment("ب".repeat(65) + EMOJI + "پ".repeat(10), ConcatMode.UDH_8BIT_REF, 1, 10);
        assertThat(units(fits)).containsExactly(67, 10);
        assertThat(Hex.of(fits.segments().get(0).body())).endsWith("D83DDE00");

        // same with the 66-unit parts of the 16-bit reference
        SegmentedText sixteen = Segmenter.segment("ب".repeat(65) + EMOJI + "پ".repeat(10), ConcatMode.UDH_16BIT_REF, 1,
                10);
        assertThat(units(sixteen)).containsExactly(65, 12);
    }

    @Test
    void sarTlvPartsHaveNoUdhAndAreSizedLikeSixByteUdh() {
        String text = "0123456789".repeat(16) + "X";
        SegmentedText st = Segmenter.segment(text, ConcatMode.SAR_TLV, 0x12345, 10);
        assertThat(units(st)).containsExactly(153, 8);
        assertThat(st.hasUdh()).isFalse();
        assertThat(st.segments()).allSatisfy(s -> assertThat(s.hasUdh()).isFalse());
        assertThat(st.segments()).extracting(Segment::seq).containsExactly(1, 2);
        assertThat(st.segments()).extracting(Segment::total).containsExactly(2, 2);
        assertThat(st.reference()).isEqualTo(0x2345);
        assertThat(Hex.of(st.segments().get(1).shortMessage())).isEqualTo("3334353637383958");
        assertThat(units(Segmenter.segment(PERSIAN_10.repeat(20), ConcatMode.SAR_TLV, 1, 10))).containsExactly(67, 67,
                66);
    }

    @Test
    void messagePayloadIsOnePduBilledAsEightBitUdhParts() {
        String text = "0123456789".repeat(16) + "X";
        SegmentedText st = Segmenter.segment(text, ConcatMode.MESSAGE_PAYLOAD, 5, 10);
        assertThat(st.segments()).hasSize(1);
        assertThat(st.billableSegments()).isEqualTo(2);
        Segment only = st.segments().get(0);
        assertThat(only.hasUdh()).isFalse();
        assertThat(only.units()).isEqualTo(161);
        assertThat(only.body()).isEqualTo(Gsm7.encode(text));

        SegmentedText persian = Segmenter.segment(PERSIAN_10.repeat(20), ConcatMode.MESSAGE_PAYLOAD, 5, 10);
        assertThat(persian.segments()).hasSize(1);
        assertThat(persian.billableSegments()).isEqualTo(3);
        assertThat(persian.segments().get(0).body()).hasSize(400);
        assertThat(Segmenter.countSegments(PERSIAN_10.repeat(20), ConcatMode.MESSAGE_PAYLOAD)).isEqualTo(3);

        SegmentedText single = Segmenter.segment("hi", ConcatMode.MESSAGE_PAYLOAD, 5, 1);
        assertThat(single.billableSegments()).isEqualTo(1);
    }

    @Test
    void referenceIsMaskedPerMode() {
        String text = "x".repeat(200);
        SegmentedText eight = Segmenter.segment(text, ConcatMode.UDH_8BIT_REF, 0x1FF, 10);
        assertThat(eight.reference()).isEqualTo(0xFF);
        assertThat(Hex.of(eight.segments().get(0).udh())).isEqualTo("050003FF0201");
        SegmentedText sixteen = Segmenter.segment(text, ConcatMode.UDH_16BIT_REF, -1, 10);
        assertThat(sixteen.reference()).isEqualTo(0xFFFF);
        assertThat(Hex.of(sixteen.segments().get(1).udh())).isEqualTo("060804FFFF0202");
        SegmentedText low = Segmenter.segment(text, ConcatMode.UDH_16BIT_REF, 0x10002, 10);
        assertThat(Hex.of(low.segments().get(0).udh())).isEqualTo("06080400020201");
    }

    @Test
    void tooManySegmentsIsRejectedWithCounts() {
        assertThatThrownBy(() -> Segmenter.segment("x".repeat(307), ConcatMode.UDH_8BIT_REF, 1, 2))
                .isInstanceOfSatisfying(TooManySegmentsException.class, e -> {
                    assertThat(e.needed()).isEqualTo(3);
                    assertThat(e.allowed()).isEqualTo(2);
                    assertThat(e).hasMessageContaining("3").hasMessageContaining("2");
                });
        assertThatThrownBy(() -> Segmenter.segment(PERSIAN_10.repeat(20), ConcatMode.MESSAGE_PAYLOAD, 1, 2))
                .isInstanceOfSatisfying(TooManySegmentsException.class, e -> assertThat(e.needed()).isEqualTo(3));
        // a huge text is refused before anything is encoded
        assertThatThrownBy(() -> Segmenter.segment("x".repeat(1_000_000), ConcatMode.SAR_TLV, 1, 255))
                .isInstanceOfSatisfying(TooManySegmentsException.class,
                        e -> assertThat(e.needed()).isEqualTo((1_000_000 + 152) / 153));
        assertThat(Segmenter.segment("x".repeat(306), ConcatMode.UDH_8BIT_REF, 1, 2).segments()).hasSize(2);
        assertThat(Segmenter.segment("x".repeat(153 * 255), ConcatMode.UDH_8BIT_REF, 1, 255).segments()).hasSize(255);
    }

    @Test
    void maxPartsMustBeInRange() {
        assertThatThrownBy(() -> Segmenter.segment("x", ConcatMode.UDH_8BIT_REF, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).isNotInstanceOf(TooManySegmentsException.class);
        assertThatThrownBy(() -> Segmenter.segment("x", ConcatMode.UDH_8BIT_REF, 1, 256))
                .isInstanceOf(IllegalArgumentException.class).isNotInstanceOf(TooManySegmentsException.class);
    }

    @Test
    void forcedEncoding() {
        SegmentedText ucs2 = Segmenter.segment("hi@", TextEncoding.UCS2, ConcatMode.UDH_8BIT_REF, 1, 1);
        assertThat(ucs2.encoding()).isEqualTo(TextEncoding.UCS2);
        assertThat(Hex.of(ucs2.segments().get(0).body())).isEqualTo("006800690040");
        assertThat(Segmenter.countSegments("x".repeat(71), TextEncoding.UCS2, ConcatMode.UDH_8BIT_REF)).isEqualTo(2);
        assertThatThrownBy(() -> Segmenter.segment("ok سلام", TextEncoding.GSM7, ConcatMode.UDH_8BIT_REF, 1, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("index 3");
        assertThatThrownBy(() -> Segmenter.countSegments("ok سلام", TextEncoding.GSM7, ConcatMode.UDH_8BIT_REF))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("index 3");
    }

    @Test
    void emptyTextIsOneEmptySegment() {
        for (ConcatMode mode : ConcatMode.values()) {
            SegmentedText st = Segmenter.segment("", mode, 1, 1);
            assertThat(st.encoding()).isEqualTo(TextEncoding.GSM7);
            assertThat(st.segments()).containsExactly(new Segment(1, 1, new byte[0], new byte[0], 0));
            assertThat(st.billableSegments()).isEqualTo(1);
            assertThat(Segmenter.countSegments("", mode)).isEqualTo(1);
        }
    }

    @Test
    void atSignsAreEncodedAsZeroAndKept() {
        SegmentedText st = Segmenter.segment("@".repeat(161), ConcatMode.UDH_8BIT_REF, 1, 2);
        assertThat(units(st)).containsExactly(153, 8);
        assertThat(st.segments().get(1).body()).containsOnly(0).hasSize(8);
    }

    @Test
    void concatModeProperties() {
        assertThat(ConcatMode.UDH_8BIT_REF.iei()).isEqualTo(0x00);
        assertThat(ConcatMode.UDH_16BIT_REF.iei()).isEqualTo(0x08);
        assertThat(ConcatMode.UDH_8BIT_REF.udhLength()).isEqualTo(6);
        assertThat(ConcatMode.UDH_16BIT_REF.udhLength()).isEqualTo(7);
        assertThat(ConcatMode.SAR_TLV.udhLength()).isZero();
        assertThat(ConcatMode.MESSAGE_PAYLOAD.usesUdh()).isFalse();
        assertThatThrownBy(ConcatMode.SAR_TLV::iei).isInstanceOf(IllegalStateException.class);
        assertThat(ConcatMode.TAG_SAR_MSG_REF_NUM).isEqualTo(0x020C);
        assertThat(ConcatMode.TAG_SAR_TOTAL_SEGMENTS).isEqualTo(0x020E);
        assertThat(ConcatMode.TAG_SAR_SEGMENT_SEQNUM).isEqualTo(0x020F);
        assertThat(ConcatMode.TAG_MESSAGE_PAYLOAD).isEqualTo(0x0424);
    }
}

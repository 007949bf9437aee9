package io.peyk.smpp.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;

import org.junit.jupiter.api.Test;

import io.peyk.smpp.encoding.DecodedText.Alphabet;
import io.peyk.smpp.encoding.DecodedText.Binary;
import io.peyk.smpp.encoding.DecodedText.Text;

class TextDecoderTest {

    private static Text text(int dataCoding, String hex) {
        DecodedText decoded = TextDecoder.decode(dataCoding, Hex.bytes(hex));
        assertThat(decoded).isInstanceOf(Text.class);
        assertThat(decoded.dataCoding()).isEqualTo(dataCoding);
        return (Text) decoded;
    }

    private static Binary binary(int dataCoding, String hex) {
        DecodedText decoded = TextDecoder.decode(dataCoding, Hex.bytes(hex));
        assertThat(decoded).isInstanceOf(Binary.class);
        assertThat(decoded.dataCoding()).isEqualTo(dataCoding);
        return (Binary) decoded;
    }

    @Test
    void smppSpecificValues() {
        assertThat(text(0x00, "48 00 1B 65")).isEqualTo(new Text(0x00, Alphabet.GSM7, false, "H@€"));
        assertThat(text(0x01, "48 69 80")).isEqualTo(new Text(0x01, Alphabet.IA5, false, "Hi\uFFFD"));
        assertThat(text(0x03, "43 61 66 E9")).isEqualTo(new Text(0x03, Alphabet.LATIN1, false, "Café"));
        assertThat(text(0x06, "B0 B1")).isEqualTo(new Text(0x06, Alphabet.CYRILLIC, false, "\u0410\u0411"));
        assertThat(text(0x07, "E0 E1")).isEqualTo(new Text(0x07, Alphabet.HEBREW, false, "\u05D0\u05D1"));
        assertThat(text(0x08, "0633064406270645")).isEqualTo(new Text(0x08, Alphabet.UCS2, false, "سلام"));
        assertThat(binary(0x02, "00FF10").hex()).isEqualTo("00ff10");
        assertThat(binary(0x04, "CAFE").bytes()).isEqualTo(Hex.bytes("CAFE"));
    }

    @Test
    void undecodedSmppValuesFallBackToLatin1MarkedAssumed() {
        for (int dc : new int[]{0x05, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F}) {
            assertThat(text(dc, "41 E9")).isEqualTo(new Text(dc, Alphabet.LATIN1, true, "Aé"));
        }
    }

    @Test
    void generalDataCodingGroups() {
        assertThat(text(0x10, "41 00").alphabet()).isEqualTo(Alphabet.GSM7); // GSM-7, class 0 (flash)
        assertThat(text(0x11, "41 00").text()).isEqualTo("A@");
        assertThat(binary(0x14, "41").bytes()).isEqualTo(Hex.bytes("41")); // 8-bit, class 0
        assertThat(binary(0x16, "41").dataCoding()).isEqualTo(0x16);
        assertThat(text(0x18, "0633")).isEqualTo(new Text(0x18, Alphabet.UCS2, false, "س")); // UCS-2 flash
        assertThat(text(0x1C, "41")).isEqualTo(new Text(0x1C, Alphabet.LATIN1, true, "A")); // reserved alphabet
        assertThat(binary(0x20, "41").dataCoding()).isEqualTo(0x20); // compressed
        assertThat(binary(0x38, "41").dataCoding()).isEqualTo(0x38); // compressed UCS-2
        // automatic deletion group 01xx xxxx, same alphabet bits
        assertThat(text(0x40, "41").alphabet()).isEqualTo(Alphabet.GSM7);
        assertThat(binary(0x44, "41").dataCoding()).isEqualTo(0x44);
        assertThat(text(0x48, "0633").text()).isEqualTo("س");
        assertThat(binary(0x60, "41").dataCoding()).isEqualTo(0x60);
    }

    @Test
    void reservedMessageWaitingAndClassGroups() {
        assertThat(text(0x80, "E9")).isEqualTo(new Text(0x80, Alphabet.LATIN1, true, "é"));
        assertThat(text(0xBF, "E9").assumed()).isTrue();
        assertThat(text(0xC0, "1B65").text()).isEqualTo("€");
        assertThat(text(0xD8, "00").text()).isEqualTo("@");
        assertThat(text(0xE0, "0633").alphabet()).isEqualTo(Alphabet.UCS2);
        assertThat(text(0xEF, "0633").text()).isEqualTo("س");
        assertThat(text(0xF0, "41").alphabet()).isEqualTo(Alphabet.GSM7);
        assertThat(text(0xF1, "00").text()).isEqualTo("@");
        assertThat(binary(0xF4, "41").dataCoding()).isEqualTo(0xF4);
        assertThat(binary(0xF5, "41").dataCoding()).isEqualTo(0xF5);
        assertThat(binary(0xFF, "41").dataCoding()).isEqualTo(0xFF);
        assertThat(text(0xFB, "41").alphabet()).isEqualTo(Alphabet.GSM7);
    }

    @Test
    void everyDataCodingDecodesArbitraryOctetsWithoutThrowing() {
        Random random = new Random(7);
        for (int dc = 0; dc <= 0xFF; dc++) {
            for (int run = 0; run < 50; run++) {
                byte[] body = new byte[random.nextInt(300)];
                random.nextBytes(body);
                DecodedText decoded = TextDecoder.decode(dc, body);
                assertThat(decoded.dataCoding()).isEqualTo(dc);
                if (decoded instanceof Binary b) {
                    assertThat(b.bytes()).isEqualTo(body);
                }
            }
        }
    }

    @Test
    void rejectsOutOfRangeArguments() {
        assertThatThrownBy(() -> TextDecoder.decode(-1, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TextDecoder.decode(0x100, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TextDecoder.decode(0x04, new byte[TextDecoder.MAX_BODY_OCTETS + 1]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void binaryIsAValueAndImmutable() {
        byte[] source = Hex.bytes("0102");
        Binary b = new Binary(0x04, source);
        source[0] = 9;
        assertThat(b.bytes()).isEqualTo(Hex.bytes("0102"));
        b.bytes()[1] = 9;
        assertThat(b.bytes()).isEqualTo(Hex.bytes("0102"));
        assertThat(b).isEqualTo(new Binary(0x04, Hex.bytes("0102"))).hasSameHashCodeAs(new Binary(0x04, Hex.bytes("0102")));
        assertThat(b).isNotEqualTo(new Binary(0x02, Hex.bytes("0102")));
        assertThat(b).isNotEqualTo(new Binary(0x04, Hex.bytes("0103")));
    }

    @Test
    void toStringDoesNotExposeContent() {
        assertThat(new Binary(0x04, Hex.bytes("DEADBEEF")).toString()).doesNotContainIgnoringCase("dead")
                .contains("length=4");
        assertThat(new Text(0x08, Alphabet.UCS2, false, "secret-otp-1234").toString()).doesNotContain("secret")
                .doesNotContain("1234").contains("UCS2");
    }
}

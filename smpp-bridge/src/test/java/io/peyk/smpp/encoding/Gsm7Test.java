package io.peyk.smpp.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;

import org.junit.jupiter.api.Test;

class Gsm7Test {

    /** The default alphabet in septet order, 0x00..0x7F without 0x1B (ESC), written independently of the class. */
    private static final String DEFAULT_TABLE = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    @Test
    void encodesBasicTextOneSeptetPerOctet() {
        assertThat(Hex.of(Gsm7.encode("Hello World"))).isEqualTo("48656C6C6F20576F726C64");
        assertThat(Hex.of(Gsm7.encode("Peyk 2024?"))).isEqualTo("5065796B20323032343F");
    }

    @Test
    void atSignIsZeroAndIsNotATerminator() {
        assertThat(Hex.of(Gsm7.encode("@"))).isEqualTo("00");
        assertThat(Hex.of(Gsm7.encode("a@b@"))).isEqualTo("61006200");
        assertThat(Gsm7.decode(Hex.bytes("61 00 62 00"))).isEqualTo("a@b@");
        assertThat(Gsm7.decode(Hex.bytes("00 00 00"))).isEqualTo("@@@");
    }

    @Test
    void encodesExtensionCharactersAsEscapePairs() {
        assertThat(Hex.of(Gsm7.encode("{"))).isEqualTo("1B28");
        assertThat(Hex.of(Gsm7.encode("€"))).isEqualTo("1B65");
        assertThat(Hex.of(Gsm7.encode("["))).isEqualTo("1B3C");
        assertThat(Hex.of(Gsm7.encode("a{b€["))).isEqualTo("611B28621B651B3C");
        assertThat(Hex.of(Gsm7.encode("^{}\\[~]|€\f"))).isEqualTo("1B141B281B291B2F1B3C1B3D1B3E1B401B651B0A");
        assertThat(Gsm7.septets("^{}\\[~]|€\f")).isEqualTo(20);
        assertThat(Gsm7.septets("a€b")).isEqualTo(4);
    }

    @Test
    void wholeDefaultTableEncodesToItsSeptetValues() {
        byte[] encoded = Gsm7.encode(DEFAULT_TABLE);
        assertThat(encoded).hasSize(127);
        int expected = 0;
        for (byte b : encoded) {
            if (expected == 0x1B) {
                expected++;
            }
            assertThat(b & 0xFF).isEqualTo(expected++);
        }
        assertThat(Gsm7.decode(encoded)).isEqualTo(DEFAULT_TABLE);
    }

    @Test
    void greekAndAccentedSpotChecks() {
        assertThat(Hex.of(Gsm7.encode("ΔΩΣ"))).isEqualTo("101518");
        assertThat(Hex.of(Gsm7.encode("Çà§¡¿"))).isEqualTo("097F5F4060");
    }

    @Test
    void rejectsCharactersOutsideTheAlphabetNamingTheIndex() {
        assertThat(Gsm7.canEncode("hello {world} €5")).isTrue();
        assertThat(Gsm7.canEncode("")).isTrue();
        assertThat(Gsm7.canEncode("سلام")).isFalse();
        assertThat(Gsm7.canEncode("ç")).isFalse(); // only capital Ç is in the table
        assertThat(Gsm7.canEncode("a\u001Bb")).isFalse(); // a raw ESC would be misread as an escape
        assertThat(Gsm7.canEncode("😀")).isFalse();
        assertThat(Gsm7.firstUnencodable("abc`d")).isEqualTo(3);
        assertThat(Gsm7.firstUnencodable("abcd")).isEqualTo(-1);
        assertThatThrownBy(() -> Gsm7.encode("hi سلام")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("index 3");
        assertThatThrownBy(() -> Gsm7.septets("€€\u0627")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("index 2");
        assertThat(Gsm7.charSeptets('a')).isEqualTo(1);
        assertThat(Gsm7.charSeptets('€')).isEqualTo(2);
        assertThat(Gsm7.charSeptets('\u0627')).isZero();
        assertThat(Gsm7.charSeptets('\uFFFF')).isZero();
    }

    @Test
    void decodeIsTolerant() {
        // unknown extension code: the default-table character of that code
        assertThat(Gsm7.decode(Hex.bytes("1B 41 62"))).isEqualTo("Ab");
        // ESC ESC and a trailing ESC: a space
        assertThat(Gsm7.decode(Hex.bytes("61 1B 1B 62"))).isEqualTo("a b");
        assertThat(Gsm7.decode(Hex.bytes("61 1B"))).isEqualTo("a ");
        // octets that are not septets: U+FFFD
        assertThat(Gsm7.decode(Hex.bytes("61 80 FF"))).isEqualTo("a\uFFFD\uFFFD");
        assertThat(Gsm7.decode(Hex.bytes("1B C1 62"))).isEqualTo("\uFFFDb");
        assertThat(Gsm7.decode(Hex.bytes("1B 65 1B 0A"))).isEqualTo("€\f");
        assertThat(Gsm7.decode(new byte[0])).isEmpty();
    }

    @Test
    void packGoldenVectors() {
        byte[] hello = Gsm7.encode("hellohello");
        assertThat(Hex.of(Gsm7.pack(hello, 0))).isEqualTo("E8329BFD4697D9EC37");
        assertThat(Hex.of(Gsm7.pack(hello, 1))).isEqualTo("D06536FB8D2EB3D96F");
        assertThat(Hex.of(Gsm7.pack(hello, 6))).isEqualTo("00BACC66BFD16536FB0D");
        assertThat(Hex.of(Gsm7.pack(Gsm7.encode("hello"), 1))).isEqualTo("D06536FB0D");
        assertThat(Hex.of(Gsm7.pack(Gsm7.encode("€@"), 3))).isEqualTo("D89401");
        assertThat(Gsm7.pack(new byte[0], 0)).isEmpty();
    }

    @Test
    void unpackGoldenVectors() {
        assertThat(Gsm7.decode(Gsm7.unpack(Hex.bytes("E8329BFD4697D9EC37"), 10, 0))).isEqualTo("hellohello");
        assertThat(Gsm7.decode(Gsm7.unpack(Hex.bytes("D06536FB8D2EB3D96F"), 10, 1))).isEqualTo("hellohello");
        assertThat(Gsm7.decode(Gsm7.unpack(Hex.bytes("00BACC66BFD16536FB0D"), 10, 6))).isEqualTo("hellohello");
        assertThat(Gsm7.decode(Gsm7.unpack(Hex.bytes("D89401"), 3, 3))).isEqualTo("€@");
        // 8 septets fit 7 octets exactly; a count of 8 reads a trailing '@' from the spare bits
        byte[] seven = Gsm7.pack(Gsm7.encode("abcdefg"), 0);
        assertThat(seven).hasSize(7);
        assertThat(Gsm7.decode(Gsm7.unpack(seven, 7, 0))).isEqualTo("abcdefg");
        assertThat(Gsm7.decode(Gsm7.unpack(seven, 8, 0))).isEqualTo("abcdefg@");
    }

    @Test
    void packAndUnpackRejectBadArguments() {
        assertThatThrownBy(() -> Gsm7.pack(new byte[]{0x7F, (byte) 0x80}, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("index 1");
        assertThatThrownBy(() -> Gsm7.pack(new byte[1], 7)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Gsm7.pack(new byte[1], -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Gsm7.unpack(new byte[7], 9, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Gsm7.unpack(new byte[7], 8, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Gsm7.unpack(new byte[7], -1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Gsm7.pack(new byte[Gsm7.MAX_SEPTETS + 1], 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sizeLimitsAreEnforced() {
        assertThat(Gsm7.encode("a".repeat(Gsm7.MAX_SEPTETS))).hasSize(Gsm7.MAX_SEPTETS);
        assertThatThrownBy(() -> Gsm7.encode("a".repeat(Gsm7.MAX_SEPTETS + 1)))
                .isInstanceOf(IllegalArgumentException.class);
        // within the char limit but over the septet limit because of escape pairs
        assertThatThrownBy(() -> Gsm7.encode("€".repeat(Gsm7.MAX_SEPTETS / 2 + 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Gsm7.decode(new byte[Gsm7.MAX_SEPTETS + 1]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void packUnpackRoundTripProperty() {
        Random random = new Random(0x6A5_7L);
        for (int run = 0; run < 5_000; run++) {
            int n = random.nextInt(300);
            int fill = random.nextInt(7);
            byte[] septets = new byte[n];
            for (int i = 0; i < n; i++) {
                septets[i] = (byte) random.nextInt(128);
            }
            byte[] packed = Gsm7.pack(septets, fill);
            assertThat(packed).hasSize((fill + 7 * n + 7) / 8);
            if (packed.length > 0) {
                // fill bits are zero
                assertThat(packed[0] & ((1 << fill) - 1)).isZero();
            }
            assertThat(Gsm7.unpack(packed, n, fill)).isEqualTo(septets);
        }
    }

    @Test
    void encodeDecodeRoundTripProperty() {
        String alphabet = DEFAULT_TABLE + "^{}\\[~]|€\f";
        Random random = new Random(42);
        for (int run = 0; run < 3_000; run++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(400);
            int extended = 0;
            for (int i = 0; i < n; i++) {
                int k = random.nextInt(alphabet.length());
                if (k >= DEFAULT_TABLE.length()) {
                    extended++;
                }
                sb.append(alphabet.charAt(k));
            }
            String text = sb.toString();
            byte[] encoded = Gsm7.encode(text);
            assertThat(encoded).hasSize(n + extended);
            assertThat(Gsm7.septets(text)).isEqualTo(n + extended);
            assertThat(Gsm7.decode(encoded)).isEqualTo(text);
            assertThat(Gsm7.decode(Gsm7.unpack(Gsm7.pack(encoded, 0), encoded.length, 0))).isEqualTo(text);
        }
    }
}

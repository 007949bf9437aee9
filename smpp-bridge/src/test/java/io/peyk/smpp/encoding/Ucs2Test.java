package io.peyk.smpp.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Ucs2Test {

    @Test
    void persianIsUtf16BigEndianWithoutBom() {
        assertThat(Hex.of(Ucs2.encode("سلام"))).isEqualTo("0633064406270645");
        assertThat(Hex.of(Ucs2.encode("پیک ۱"))).isEqualTo("067E06CC06A9002006F1");
        assertThat(Ucs2.decode(Hex.bytes("0633064406270645"))).isEqualTo("سلام");
    }

    @Test
    void emojiIsASurrogatePair() {
        assertThat(Hex.of(Ucs2.encode("😀"))).isEqualTo("D83DDE00");
        assertThat(Ucs2.decode(Hex.bytes("D83DDE00"))).isEqualTo("😀");
    }

    @Test
    void unpairedSurrogatesRoundTripUnchanged() {
        String lone = "a\uD83Db\uDE00";
        assertThat(Hex.of(Ucs2.encode(lone))).isEqualTo("0061D83D0062DE00");
        assertThat(Ucs2.decode(Ucs2.encode(lone))).isEqualTo(lone);
    }

    @Test
    void oddTrailingOctetBecomesReplacementCharacter() {
        assertThat(Ucs2.decode(Hex.bytes("0633 06"))).isEqualTo("س\uFFFD");
        assertThat(Ucs2.decode(Hex.bytes("06"))).isEqualTo("\uFFFD");
        assertThat(Ucs2.decode(new byte[0])).isEmpty();
    }

    @Test
    void atSignAndNulAreKept() {
        assertThat(Hex.of(Ucs2.encode("@\u0000"))).isEqualTo("00400000");
        assertThat(Ucs2.decode(Hex.bytes("00400000"))).isEqualTo("@\u0000");
    }

    @Test
    void sizeLimitsAreEnforced() {
        assertThat(Ucs2.encode("x".repeat(Ucs2.MAX_UNITS))).hasSize(2 * Ucs2.MAX_UNITS);
        assertThatThrownBy(() -> Ucs2.encode("x".repeat(Ucs2.MAX_UNITS + 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ucs2.decode(new byte[Ucs2.MAX_OCTETS + 1]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

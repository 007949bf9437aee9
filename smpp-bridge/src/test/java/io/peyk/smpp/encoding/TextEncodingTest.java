package io.peyk.smpp.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextEncodingTest {

    @Test
    void capacitiesMatchTheReferenceTable() {
        assertThat(TextEncoding.GSM7.singleMessageUnits()).isEqualTo(160);
        assertThat(TextEncoding.GSM7.unitsPerPart6ByteUdh()).isEqualTo(153);
        assertThat(TextEncoding.GSM7.unitsPerPart7ByteUdh()).isEqualTo(152);
        assertThat(TextEncoding.UCS2.singleMessageUnits()).isEqualTo(70);
        assertThat(TextEncoding.UCS2.unitsPerPart6ByteUdh()).isEqualTo(67);
        assertThat(TextEncoding.UCS2.unitsPerPart7ByteUdh()).isEqualTo(66);
    }

    @Test
    void generalFormulaAgreesWithTheConstants() {
        for (TextEncoding e : TextEncoding.values()) {
            assertThat(e.unitsPerPart(0)).isEqualTo(e.singleMessageUnits());
            assertThat(e.unitsPerPart(6)).isEqualTo(e.unitsPerPart6ByteUdh());
            assertThat(e.unitsPerPart(7)).isEqualTo(e.unitsPerPart7ByteUdh());
            assertThat(e.unitsPerPart(TextEncoding.MAX_UDH_OCTETS)).isGreaterThanOrEqualTo(2);
        }
        assertThatThrownBy(() -> TextEncoding.GSM7.unitsPerPart(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TextEncoding.UCS2.unitsPerPart(TextEncoding.MAX_UDH_OCTETS + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dataCodingValues() {
        assertThat(TextEncoding.GSM7.dataCoding()).isEqualTo(0x00);
        assertThat(TextEncoding.UCS2.dataCoding()).isEqualTo(0x08);
        assertThat(TextEncoding.ofDataCoding(0x00)).isEqualTo(TextEncoding.GSM7);
        assertThat(TextEncoding.ofDataCoding(0x08)).isEqualTo(TextEncoding.UCS2);
        assertThatThrownBy(() -> TextEncoding.ofDataCoding(0x03)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0x3");
    }
}

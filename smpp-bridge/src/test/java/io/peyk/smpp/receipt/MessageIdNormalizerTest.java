package io.peyk.smpp.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;

class MessageIdNormalizerTest {

    @Test
    void hexResponseMatchesDecimalReceipt() {
        MessageIdNormalizer n = new MessageIdNormalizer(MessageIdFormat.HEX, MessageIdFormat.DECIMAL);
        assertThat(n.fromSubmitResponse("0A1B2C3D")).isEqualTo("169552957");
        assertThat(n.fromReceipt("169552957")).isEqualTo("169552957");
        assertThat(n.fromReceipt("0000169552957")).isEqualTo("169552957");
        assertThat(n.fromSubmitResponse("0a1b2c3d")).isEqualTo("169552957");
    }

    @Test
    void idsBeyondSixtyFourBits() {
        MessageIdNormalizer n = new MessageIdNormalizer(MessageIdFormat.HEX, MessageIdFormat.DECIMAL);
        assertThat(n.fromSubmitResponse("FFFFFFFFFFFFFFFFFF")).isEqualTo("4722366482869645213695");
        assertThat(n.fromReceipt("4722366482869645213695")).isEqualTo("4722366482869645213695");
    }

    @Test
    void hexBothSidesIgnoresCaseAndLeadingZeros() {
        MessageIdNormalizer n = MessageIdNormalizer.of(MessageIdFormat.HEX);
        assertThat(n.fromSubmitResponse("00ab12")).isEqualTo(n.fromReceipt("AB12")).isEqualTo("43794");
        assertThat(n.fromReceipt(" 0 ")).isEqualTo("0");
    }

    @Test
    void textIsTrimmedAndCaseSensitive() {
        MessageIdNormalizer n = MessageIdNormalizer.of(MessageIdFormat.TEXT);
        assertThat(n.fromSubmitResponse(" Ab-12\u0000")).isEqualTo("Ab-12");
        assertThat(n.fromReceipt("ab-12")).isNotEqualTo(n.fromSubmitResponse("Ab-12"));
        assertThat(n.fromReceipt("007")).isEqualTo("007");
    }

    @Test
    void textIgnoreCaseLowerCases() {
        MessageIdNormalizer n = MessageIdNormalizer.of(MessageIdFormat.TEXT_IGNORE_CASE);
        assertThat(n.fromSubmitResponse("Ab-12")).isEqualTo(n.fromReceipt(" AB-12 ")).isEqualTo("ab-12");
    }

    @Test
    void unparseableNumericIdsFallBackToLowerCaseText() {
        MessageIdNormalizer n = new MessageIdNormalizer(MessageIdFormat.HEX, MessageIdFormat.DECIMAL);
        assertThat(n.fromSubmitResponse("0xAB")).isEqualTo("0xab");
        assertThat(n.fromSubmitResponse("G12")).isEqualTo("g12");
        assertThat(n.fromReceipt("12AB")).isEqualTo("12ab");
        assertThat(n.fromReceipt("-12")).isEqualTo("-12");
        assertThat(n.fromReceipt("+12")).isEqualTo("+12");
        // non-ASCII digits are not numbers here (BigInteger alone would accept them)
        assertThat(n.fromReceipt("\u06F1\u06F2")).isEqualTo("\u06F1\u06F2");
    }

    @Test
    void lengthIsCapped() {
        MessageIdNormalizer n = MessageIdNormalizer.of(MessageIdFormat.TEXT);
        String max = "x".repeat(MessageIdNormalizer.MAX_LENGTH);
        assertThat(n.fromReceipt(max)).isEqualTo(max);
        assertThat(n.fromReceipt("  " + max + "  ")).isEqualTo(max);
        assertThatThrownBy(() -> n.fromReceipt(max + "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("65");
        assertThatThrownBy(() -> n.fromReceipt("   ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> n.fromSubmitResponse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void formatPairsThatCanNeverMatchAreRejected() {
        assertThatThrownBy(() -> new MessageIdNormalizer(MessageIdFormat.TEXT, MessageIdFormat.DECIMAL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TEXT").hasMessageContaining("DECIMAL");
        assertThatThrownBy(() -> new MessageIdNormalizer(MessageIdFormat.HEX, MessageIdFormat.TEXT_IGNORE_CASE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MessageIdNormalizer(MessageIdFormat.TEXT, MessageIdFormat.TEXT_IGNORE_CASE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new MessageIdNormalizer(MessageIdFormat.DECIMAL, MessageIdFormat.HEX).receiptFormat())
                .isEqualTo(MessageIdFormat.HEX);
    }

    @Test
    void anyNumberWrittenInEitherBaseMeetsOnOneKey() {
        Random random = new Random(42L);
        MessageIdNormalizer hexToDec = new MessageIdNormalizer(MessageIdFormat.HEX, MessageIdFormat.DECIMAL);
        MessageIdNormalizer decToHex = new MessageIdNormalizer(MessageIdFormat.DECIMAL, MessageIdFormat.HEX);
        for (int i = 0; i < 5_000; i++) {
            BigInteger value = new BigInteger(1 + random.nextInt(160), random);
            String hex = "0".repeat(random.nextInt(4)) + value.toString(16);
            hex = random.nextBoolean() ? hex.toUpperCase(Locale.ROOT) : hex;
            String dec = "0".repeat(random.nextInt(4)) + value.toString(10);
            String key = value.toString();
            assertThat(hexToDec.fromSubmitResponse(hex)).as(hex).isEqualTo(key);
            assertThat(hexToDec.fromReceipt(dec)).as(dec).isEqualTo(key);
            assertThat(decToHex.fromSubmitResponse(dec)).isEqualTo(key);
            assertThat(decToHex.fromReceipt(hex)).isEqualTo(key);
            if (!value.equals(BigInteger.ZERO)) {
                assertThat(key.charAt(0)).isNotEqualTo('0');
            }
        }
    }
}

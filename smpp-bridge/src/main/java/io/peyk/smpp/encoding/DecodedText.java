package io.peyk.smpp.encoding;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A received SMPP body interpreted by its {@code data_coding}: either {@link Text} or, for 8-bit data and compressed
 * text, {@link Binary}.
 */
public sealed interface DecodedText permits DecodedText.Text, DecodedText.Binary {

    /** The {@code data_coding} value the body arrived with (0..255). */
    int dataCoding();

    /** The alphabet a text body was read with. */
    enum Alphabet {
        /** GSM 03.38 default alphabet, unpacked. */
        GSM7,
        /** IA5 (ASCII); octets above 0x7F become U+FFFD. */
        IA5,
        /** ISO-8859-1. */
        LATIN1,
        /** ISO-8859-5 (SMPP data_coding 0x06). */
        CYRILLIC,
        /** ISO-8859-8 (SMPP data_coding 0x07). */
        HEBREW,
        /** UCS-2 / UTF-16BE. */
        UCS2
    }

    /**
     * A body decoded as text.
     *
     * @param dataCoding the data_coding received
     * @param alphabet the alphabet applied
     * @param assumed true when the data_coding is reserved or not supported and {@code alphabet} is a fallback
     *     guess, so the text may be wrong
     * @param text the decoded text
     */
    record Text(int dataCoding, Alphabet alphabet, boolean assumed, String text) implements DecodedText {

        public Text {
            Objects.requireNonNull(alphabet, "alphabet");
            Objects.requireNonNull(text, "text");
        }

        /** Omits the text itself (message content is not logged). */
        @Override
        public String toString() {
            return "Text[dataCoding=0x" + Integer.toHexString(dataCoding) + ", alphabet=" + alphabet + ", assumed="
                    + assumed + ", length=" + text.length() + "]";
        }
    }

    /**
     * A body left as octets (8-bit data or compressed text); immutable (the array is copied in and out).
     *
     * @param dataCoding the data_coding received
     * @param bytes the body octets
     */
    record Binary(int dataCoding, byte[] bytes) implements DecodedText {

        public Binary {
            bytes = bytes.clone();
        }

        /** A copy of the octets. */
        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        /** The octets as lower-case hex, without separators. */
        public String hex() {
            return HexFormat.of().formatHex(bytes);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Binary other && other.dataCoding == dataCoding && Arrays.equals(other.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return 31 * dataCoding + Arrays.hashCode(bytes);
        }

        /** Omits the octets themselves (message content is not logged). */
        @Override
        public String toString() {
            return "Binary[dataCoding=0x" + Integer.toHexString(dataCoding) + ", length=" + bytes.length + "]";
        }
    }
}

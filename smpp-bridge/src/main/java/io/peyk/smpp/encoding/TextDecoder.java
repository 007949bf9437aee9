package io.peyk.smpp.encoding;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import io.peyk.smpp.encoding.DecodedText.Alphabet;

/**
 * Interprets a received {@code short_message} / {@code message_payload} by its SMPP {@code data_coding}.
 *
 * <table>
 * <caption>data_coding handling</caption>
 * <tr>
 * <th>data_coding</th>
 * <th>result</th>
 * </tr>
 * <tr>
 * <td>0x00</td>
 * <td>GSM 03.38, unpacked ({@link Gsm7#decode})</td>
 * </tr>
 * <tr>
 * <td>0x01</td>
 * <td>IA5/ASCII</td>
 * </tr>
 * <tr>
 * <td>0x02, 0x04</td>
 * <td>binary</td>
 * </tr>
 * <tr>
 * <td>0x03</td>
 * <td>Latin-1</td>
 * </tr>
 * <tr>
 * <td>0x06, 0x07</td>
 * <td>ISO-8859-5, ISO-8859-8</td>
 * </tr>
 * <tr>
 * <td>0x08</td>
 * <td>UCS-2 ({@link Ucs2#decode})</td>
 * </tr>
 * <tr>
 * <td>0x05, 0x09..0x0F</td>
 * <td>Latin-1, marked assumed (JIS, pictogram, ISO-2022-JP, Kanji, KS C 5601 and reserved
 * values are not decoded)</td>
 * </tr>
 * <tr>
 * <td>0x10..0x7F</td>
 * <td>GSM 03.38 general data coding groups: bit 5 (compressed) gives binary; else bits 3..2:
 * 00 GSM-7, 01 binary, 10 UCS-2, 11 (reserved) Latin-1 assumed</td>
 * </tr>
 * <tr>
 * <td>0x80..0xBF</td>
 * <td>reserved groups: Latin-1, assumed</td>
 * </tr>
 * <tr>
 * <td>0xC0..0xDF</td>
 * <td>message waiting groups: GSM-7</td>
 * </tr>
 * <tr>
 * <td>0xE0..0xEF</td>
 * <td>message waiting group: UCS-2</td>
 * </tr>
 * <tr>
 * <td>0xF0..0xFF</td>
 * <td>data coding/message class: bit 2 set gives binary, else GSM-7</td>
 * </tr>
 * </table>
 *
 * The body must not include a UDH; strip it first.
 */
public final class TextDecoder {

    /** Largest body accepted (the largest SMPP payload, message_payload, is 65,535 octets). */
    public static final int MAX_BODY_OCTETS = 65_535;

    private static final Charset ISO_8859_5 = Charset.forName("ISO-8859-5");
    private static final Charset ISO_8859_8 = Charset.forName("ISO-8859-8");

    private TextDecoder() {
    }

    /**
     * Decodes {@code body} according to {@code dataCoding}, see the class documentation.
     *
     * @throws IllegalArgumentException if {@code dataCoding} is outside 0..255 or the body exceeds
     *     {@value #MAX_BODY_OCTETS} octets
     */
    public static DecodedText decode(int dataCoding, byte[] body) {
        if (dataCoding < 0 || dataCoding > 0xFF) {
            throw new IllegalArgumentException("data_coding must be in 0..255: " + dataCoding);
        }
        if (body.length > MAX_BODY_OCTETS) {
            throw new IllegalArgumentException("body longer than " + MAX_BODY_OCTETS + " octets: " + body.length);
        }
        if (dataCoding < 0x10) {
            return smppSpecific(dataCoding, body);
        }
        if (dataCoding < 0x80) {
            if ((dataCoding & 0x20) != 0) {
                return new DecodedText.Binary(dataCoding, body);
            }
            switch ((dataCoding >>> 2) & 0x03) {
                case 0 :
                    return gsm7(dataCoding, body);
                case 1 :
                    return new DecodedText.Binary(dataCoding, body);
                case 2 :
                    return ucs2(dataCoding, body);
                default :
                    return latin1(dataCoding, body, true);
            }
        }
        if (dataCoding < 0xC0) {
            return latin1(dataCoding, body, true);
        }
        if (dataCoding < 0xE0) {
            return gsm7(dataCoding, body);
        }
        if (dataCoding < 0xF0) {
            return ucs2(dataCoding, body);
        }
        return (dataCoding & 0x04) != 0 ? new DecodedText.Binary(dataCoding, body) : gsm7(dataCoding, body);
    }

    private static DecodedText smppSpecific(int dataCoding, byte[] body) {
        switch (dataCoding) {
            case 0x00 :
                return gsm7(dataCoding, body);
            case 0x01 :
                return ia5(dataCoding, body);
            case 0x02 :
            case 0x04 :
                return new DecodedText.Binary(dataCoding, body);
            case 0x03 :
                return latin1(dataCoding, body, false);
            case 0x06 :
                return new DecodedText.Text(dataCoding, Alphabet.CYRILLIC, false, new String(body, ISO_8859_5));
            case 0x07 :
                return new DecodedText.Text(dataCoding, Alphabet.HEBREW, false, new String(body, ISO_8859_8));
            case 0x08 :
                return ucs2(dataCoding, body);
            default :
                return latin1(dataCoding, body, true);
        }
    }

    private static DecodedText gsm7(int dataCoding, byte[] body) {
        return new DecodedText.Text(dataCoding, Alphabet.GSM7, false, Gsm7.decode(body));
    }

    private static DecodedText ucs2(int dataCoding, byte[] body) {
        return new DecodedText.Text(dataCoding, Alphabet.UCS2, false, Ucs2.decode(body));
    }

    private static DecodedText latin1(int dataCoding, byte[] body, boolean assumed) {
        return new DecodedText.Text(dataCoding, Alphabet.LATIN1, assumed, new String(body, StandardCharsets.ISO_8859_1));
    }

    private static DecodedText ia5(int dataCoding, byte[] body) {
        char[] chars = new char[body.length];
        for (int i = 0; i < body.length; i++) {
            int b = body[i] & 0xFF;
            chars[i] = b < 0x80 ? (char) b : '\uFFFD';
        }
        return new DecodedText.Text(dataCoding, Alphabet.IA5, false, new String(chars));
    }
}

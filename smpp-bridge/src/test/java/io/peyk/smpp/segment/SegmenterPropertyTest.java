package io.peyk.smpp.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.peyk.smpp.encoding.DecodedText;
import io.peyk.smpp.encoding.Gsm7;
import io.peyk.smpp.encoding.TextDecoder;
import io.peyk.smpp.encoding.TextEncoding;
import io.peyk.smpp.encoding.Ucs2;

class SegmenterPropertyTest {

    private static final String GSM_BASIC = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ @£$¥èéÇΔΩ_!?.,:;\n\r";
    private static final String GSM_EXT = "^{}\\[~]|€\f";
    private static final String DIGITS = "0123456789";
    private static final String PERSIAN = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی۰۱۲۳۴۵۶۷۸۹ ";
    private static final int RUNS = 4_000;

    /** Builds a text of about {@code length} UTF-16 units from a profile so that GSM-7 texts are common. */
    private static String randomText(Random random, int length) {
        int profile = random.nextInt(5);
        StringBuilder sb = new StringBuilder(length + 1);
        while (sb.length() < length) {
            int pick = random.nextInt(100);
            switch (profile) {
                case 0 -> sb.append(pick < 80 ? pickFrom(random, GSM_BASIC) : pickFrom(random, DIGITS));
                case 1 -> sb.append(pick < 60 ? pickFrom(random, GSM_BASIC) : pickFrom(random, GSM_EXT));
                case 2 -> sb.append(pick < 85 ? pickFrom(random, PERSIAN) : pickFrom(random, DIGITS));
                case 3 -> {
                    if (pick < 30) {
                        sb.append(pickFrom(random, PERSIAN));
                    } else if (pick < 55) {
                        sb.append(pickFrom(random, GSM_BASIC));
                    } else if (pick < 70) {
                        sb.append(pickFrom(random, GSM_EXT));
                    } else if (pick < 85) {
                        sb.appendCodePoint(0x1F600 + random.nextInt(0x50));
                    } else {
                        sb.append(pickFrom(random, DIGITS));
                    }
                }
                default -> {
                    if (pick < 50) {
                        sb.appendCodePoint(0x1F300 + random.nextInt(0x300));
                    } else {
                        sb.append(pickFrom(random, PERSIAN));
                    }
                }
            }
        }
        return sb.toString();
    }

    private static char pickFrom(Random random, String pool) {
        return pool.charAt(random.nextInt(pool.length()));
    }

    private static int widthAt(TextEncoding encoding, String text, int i) {
        if (encoding == TextEncoding.GSM7) {
            return Gsm7.charSeptets(text.charAt(i));
        }
        return Character.isHighSurrogate(text.charAt(i)) ? 2 : 1;
    }

    @Test
    void segmentsRoundTripAndRespectLimits() {
        Random random = new Random(20_240_601L);
        int multipart = 0;
        int gsm = 0;
        for (int run = 0; run < RUNS; run++) {
            String text = randomText(random, random.nextInt(1201));
            int reference = random.nextInt();
            for (ConcatMode mode : ConcatMode.values()) {
                SegmentedText st = Segmenter.segment(text, mode, reference, Segmenter.MAX_PARTS);
                check(text, mode, reference, st);
                if (st.billableSegments() > 1) {
                    multipart++;
                }
                if (st.encoding() == TextEncoding.GSM7) {
                    gsm++;
                }
            }
        }
        // the generator exercises both encodings and long texts
        assertThat(multipart).isGreaterThan(RUNS);
        assertThat(gsm).isGreaterThan(RUNS);
    }

    private static void check(String text, ConcatMode mode, int reference, SegmentedText st) {
        TextEncoding encoding = st.encoding();
        assertThat(encoding).isEqualTo(Gsm7.canEncode(text) ? TextEncoding.GSM7 : TextEncoding.UCS2);
        assertThat(st.mode()).isEqualTo(mode);
        assertThat(Segmenter.countSegments(text, mode)).isEqualTo(st.billableSegments());
        assertThat(st.reference()).isEqualTo(mode == ConcatMode.UDH_8BIT_REF ? reference & 0xFF : reference & 0xFFFF);

        List<Segment> segments = st.segments();
        int totalUnits = encoding == TextEncoding.GSM7 ? Gsm7.septets(text) : text.length();
        boolean single = totalUnits <= encoding.singleMessageUnits();
        int perPart = mode == ConcatMode.UDH_16BIT_REF
                ? encoding.unitsPerPart7ByteUdh()
                : encoding.unitsPerPart6ByteUdh();

        if (mode == ConcatMode.MESSAGE_PAYLOAD) {
            assertThat(segments).hasSize(1);
            assertThat(st.billableSegments())
                    .isEqualTo(Segmenter.segment(text, ConcatMode.UDH_8BIT_REF, 0, Segmenter.MAX_PARTS).segments().size());
        } else {
            assertThat(st.billableSegments()).isEqualTo(segments.size());
        }
        if (single) {
            assertThat(st.billableSegments()).isEqualTo(1);
        }

        StringBuilder joined = new StringBuilder();
        int offset = 0;
        for (int k = 0; k < segments.size(); k++) {
            Segment s = segments.get(k);
            byte[] body = s.body();
            DecodedText decoded = TextDecoder.decode(encoding.dataCoding(), body);
            String part = ((DecodedText.Text) decoded).text();
            assertThat(part).isEqualTo(encoding == TextEncoding.GSM7 ? Gsm7.decode(body) : Ucs2.decode(body));
            joined.append(part);

            assertThat(s.seq()).isEqualTo(k + 1);
            assertThat(s.total()).isEqualTo(segments.size());
            int units = encoding == TextEncoding.GSM7 ? Gsm7.septets(part) : part.length();
            assertThat(s.units()).isEqualTo(units);
            assertThat(body).hasSize(encoding == TextEncoding.GSM7 ? units : 2 * units);

            boolean multiPdu = segments.size() > 1;
            if (mode != ConcatMode.MESSAGE_PAYLOAD) {
                assertThat(units).isLessThanOrEqualTo(multiPdu ? perPart : encoding.singleMessageUnits());
                byte[] udh = s.udh();
                if (encoding == TextEncoding.UCS2) {
                    assertThat(udh.length + body.length).isLessThanOrEqualTo(140);
                } else {
                    // a UDH of n octets occupies ceil(8n / 7) septets of the 160
                    int udhSeptets = (8 * (multiPdu ? mode.partOverheadOctets() : 0) + 6) / 7;
                    assertThat(units + udhSeptets).isLessThanOrEqualTo(160);
                }
                checkUdh(mode, reference, segments.size(), k + 1, udh);
            }
            if (!part.isEmpty()) {
                assertThat(Character.isLowSurrogate(part.charAt(0))).as("starts with low surrogate").isFalse();
                assertThat(Character.isHighSurrogate(part.charAt(part.length() - 1))).as("ends with high surrogate")
                        .isFalse();
            }
            if (body.length > 0 && encoding == TextEncoding.GSM7) {
                assertThat(body[body.length - 1]).as("ends with ESC").isNotEqualTo((byte) Gsm7.ESC);
            }
            offset += part.length();
            // greedy: a part other than the last is full up to one atomic item
            if (k < segments.size() - 1) {
                assertThat(units + widthAt(encoding, text, offset)).isGreaterThan(perPart);
            }
        }
        assertThat(joined.toString()).isEqualTo(text);

        if (!single && text.codePoints().allMatch(cp -> cp < 0x10000 && Gsm7.charSeptets((char) cp) != 2)) {
            // no 2-unit items: the count is plain arithmetic
            assertThat(st.billableSegments()).isEqualTo((totalUnits + perPart - 1) / perPart);
        }
    }

    private static void checkUdh(ConcatMode mode, int reference, int total, int seq, byte[] udh) {
        if (total == 1 || !mode.usesUdh()) {
            assertThat(udh).isEmpty();
        } else if (mode == ConcatMode.UDH_8BIT_REF) {
            assertThat(udh).containsExactly(0x05, 0x00, 0x03, reference & 0xFF, total, seq);
        } else {
            assertThat(udh).containsExactly(0x06, 0x08, 0x04, (reference >>> 8) & 0xFF, reference & 0xFF, total, seq);
        }
    }
}

package io.peyk.smpp.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.peyk.smpp.encoding.Hex;

class InboundReassemblerTest {

    private static final Instant T0 = Instant.parse("2024-06-01T10:00:00Z");
    private static final int UCS2 = 8;
    private static final int UDHI = 0x40;

    private static InboundReassembler reassembler() {
        return new InboundReassembler(100, Duration.ofMinutes(5));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] udh8(int ref, int total, int seq) {
        return new byte[]{0x05, 0x00, 0x03, (byte) ref, (byte) total, (byte) seq};
    }

    private static byte[] udh16(int ref, int total, int seq) {
        return new byte[]{0x06, 0x08, 0x04, (byte) (ref >> 8), (byte) ref, (byte) total, (byte) seq};
    }

    private static InboundPart udhPart(String from, byte[] shortMessage, Instant at) {
        return InboundPart.of(from, "3000", UCS2, UDHI, shortMessage, at);
    }

    @Test
    void twoPartGoldenBytes() {
        InboundReassembler r = reassembler();
        // "سلام" in UCS-2 split in two parts with an 8-bit reference 0x2a
        OfferResult first = r.offer(udhPart("+989121234567", Hex.bytes("050003 2a 02 02 06270645"), T0));
        assertThat(first.message()).isEmpty();
        OfferResult second = r.offer(udhPart("+989121234567", Hex.bytes("050003 2a 02 01 06330644"), T0.plusSeconds(1)));
        InboundMessage m = second.message().orElseThrow();
        assertThat(Hex.of(m.body())).isEqualTo("0633064406270645");
        assertThat(new String(m.body(), StandardCharsets.UTF_16BE)).isEqualTo("سلام");
        assertThat(m.parts()).isEqualTo(2);
        assertThat(m.expectedParts()).isEqualTo(2);
        assertThat(m.complete()).isTrue();
        assertThat(m.malformedHeader()).isFalse();
        assertThat(m.firstPartAt()).isEqualTo(T0);
        assertThat(m.completedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(r.pendingGroups()).isZero();
    }

    @Test
    void threePartPersianUcs2OutOfOrder() {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 200) {
            sb.append("سلام دنیا، پیک پیامک را می‌رساند. ");
        }
        String text = sb.substring(0, 200);
        byte[] ucs2 = text.getBytes(StandardCharsets.UTF_16BE);
        assertThat(ucs2).hasSize(400);
        assertThat(Hex.of(ucs2)).doesNotStartWith("FEFF");
        byte[][] bodies = {java.util.Arrays.copyOfRange(ucs2, 0, 134), java.util.Arrays.copyOfRange(ucs2, 134, 268),
                java.util.Arrays.copyOfRange(ucs2, 268, 400)};
        InboundReassembler r = reassembler();
        assertThat(r.offer(udhPart("+989121234567", concat(udh8(0xA7, 3, 3), bodies[2]), T0)).message()).isEmpty();
        assertThat(r.offer(udhPart("+989121234567", concat(udh8(0xA7, 3, 1), bodies[0]), T0.plusMillis(5))).message())
                .isEmpty();
        InboundMessage m = r.offer(udhPart("+989121234567", concat(udh8(0xA7, 3, 2), bodies[1]), T0.plusMillis(9)))
                .message().orElseThrow();
        assertThat(new String(m.body(), StandardCharsets.UTF_16BE)).isEqualTo(text);
        assertThat(m.parts()).isEqualTo(3);
        assertThat(m.dataCoding()).isEqualTo(UCS2);
        assertThat(m.source()).isEqualTo("+989121234567");
        assertThat(m.destination()).isEqualTo("3000");
        assertThat(m.toString()).doesNotContain(text.substring(0, 4)).doesNotContain("0633");
    }

    @Test
    void sixteenBitReference() {
        InboundReassembler r = reassembler();
        assertThat(r.offer(udhPart("a", Hex.bytes("060804 1234 02 01 0041"), T0)).message()).isEmpty();
        // same low byte, different high byte: another group
        assertThat(r.offer(udhPart("a", Hex.bytes("060804 9934 02 02 0058"), T0)).message()).isEmpty();
        InboundMessage m = r.offer(udhPart("a", Hex.bytes("060804 1234 02 02 0042"), T0)).message().orElseThrow();
        assertThat(Hex.of(m.body())).isEqualTo("00410042");
        assertThat(r.pendingGroups()).isEqualTo(1);
    }

    @Test
    void otherInformationElementsAreSkipped() {
        InboundReassembler r = reassembler();
        // UDHL 0x0b: port addressing IE 05 04 (4 octets) then concat IE 00 03
        byte[] p1 = Hex.bytes("0b 05 04 0b84 23f0 00 03 07 02 01 6869");
        byte[] p2 = Hex.bytes("0b 05 04 0b84 23f0 00 03 07 02 02 2121");
        assertThat(r.offer(InboundPart.of("a", "b", 4, UDHI, p1, T0)).message()).isEmpty();
        assertThat(Hex.of(r.offer(InboundPart.of("a", "b", 4, UDHI, p2, T0)).message().orElseThrow().body()))
                .isEqualTo("68692121");
    }

    @Test
    void udhWithoutConcatenationIsASingleMessageWithoutHeader() {
        InboundMessage m = reassembler().offer(InboundPart.of("a", "b", 4, UDHI, Hex.bytes("06 05 04 0b84 23f0 cafe"), T0))
                .message().orElseThrow();
        assertThat(Hex.of(m.body())).isEqualTo("CAFE");
        assertThat(m.malformedHeader()).isFalse();
    }

    @Test
    void sarTlvs() {
        InboundReassembler r = reassembler();
        assertThat(r.offer(InboundPart.withSar("a", "b", 0, Hex.bytes("6869"), 0x0102, 2, 2, T0)).message()).isEmpty();
        InboundMessage m = r.offer(InboundPart.withSar("a", "b", 0, Hex.bytes("4142"), 0x0102, 2, 1, T0)).message()
                .orElseThrow();
        assertThat(Hex.of(m.body())).isEqualTo("41426869");
        assertThat(m.dataCoding()).isZero();
    }

    @Test
    void messagePayloadReplacesShortMessage() {
        InboundPart part = new InboundPart("a", "b", 0, 0, new byte[0], OptionalInt.empty(), OptionalInt.empty(),
                OptionalInt.empty(), Optional.of(Hex.bytes("616263")), T0);
        assertThat(Hex.of(reassembler().offer(part).message().orElseThrow().body())).isEqualTo("616263");
    }

    @Test
    void nonConcatenatedPartComesBackAtOnce() {
        InboundMessage m = reassembler().offer(InboundPart.of("a", "b", 0, 0, Hex.bytes("48656c6c6f"), T0)).message()
                .orElseThrow();
        assertThat(Hex.of(m.body())).isEqualTo("48656C6C6F");
        assertThat(m.parts()).isEqualTo(1);
        assertThat(m.complete()).isTrue();
        assertThat(m.firstPartAt()).isEqualTo(T0).isEqualTo(m.completedAt());
    }

    @Test
    void onePartConcatenationIsASingleMessage() {
        InboundMessage m = reassembler().offer(udhPart("a", Hex.bytes("050003 01 01 01 0041"), T0)).message().orElseThrow();
        assertThat(Hex.of(m.body())).isEqualTo("0041");
        assertThat(m.malformedHeader()).isFalse();
    }

    @Test
    void duplicatePartIsIgnored() {
        InboundReassembler r = reassembler();
        assertThat(r.offer(udhPart("a", Hex.bytes("050003 05 02 01 0041"), T0)).message()).isEmpty();
        assertThat(r.offer(udhPart("a", Hex.bytes("050003 05 02 01 0058"), T0)).message()).isEmpty();
        assertThat(r.pendingGroups()).isEqualTo(1);
        InboundMessage m = r.offer(udhPart("a", Hex.bytes("050003 05 02 02 0042"), T0)).message().orElseThrow();
        assertThat(Hex.of(m.body())).isEqualTo("00410042");
        assertThat(m.parts()).isEqualTo(2);
    }

    @Test
    void lateDuplicateOfACompletedMessageIsIgnored() {
        InboundReassembler r = new InboundReassembler(10, Duration.ofSeconds(60));
        r.offer(udhPart("a", Hex.bytes("050003 05 02 01 0041"), T0));
        assertThat(r.offer(udhPart("a", Hex.bytes("050003 05 02 02 0042"), T0)).message()).isPresent();
        // the SMSC retransmits part 2 (our deliver_sm_resp was late)
        assertThat(r.offer(udhPart("a", Hex.bytes("050003 05 02 02 0042"), T0.plusSeconds(10)))).isEqualTo(
                new OfferResult(Optional.empty(), List.of()));
        assertThat(r.pendingGroups()).isZero();
        assertThat(r.duplicatesIgnored()).isEqualTo(1);
        assertThat(r.expire(T0.plusSeconds(600))).isEmpty();
    }

    @Test
    void reusedReferenceWithOtherContentIsANewMessage() {
        InboundReassembler r = new InboundReassembler(10, Duration.ofSeconds(60));
        r.offer(udhPart("a", Hex.bytes("050003 05 02 01 0041"), T0));
        r.offer(udhPart("a", Hex.bytes("050003 05 02 02 0042"), T0));
        assertThat(r.offer(udhPart("a", Hex.bytes("050003 05 02 01 0058"), T0.plusSeconds(1))).message()).isEmpty();
        assertThat(r.offer(udhPart("a", Hex.bytes("050003 05 02 02 0042"), T0.plusSeconds(1))).message())
                .hasValueSatisfying(m -> assertThat(m.body()).isEqualTo(Hex.bytes("00580042")));
    }

    @Test
    void sameOctetsAfterTheTimeoutAreANewGroup() {
        InboundReassembler r = new InboundReassembler(10, Duration.ofSeconds(60));
        r.offer(udhPart("a", Hex.bytes("050003 05 02 01 0041"), T0));
        r.offer(udhPart("a", Hex.bytes("050003 05 02 02 0042"), T0));
        assertThat(r.offer(udhPart("a", Hex.bytes("050003 05 02 02 0042"), T0.plusSeconds(60))).message()).isEmpty();
        assertThat(r.pendingGroups()).isEqualTo(1);
    }

    @Test
    void interleavedGroupsFromTwoSenders() {
        InboundReassembler r = reassembler();
        assertThat(r.offer(udhPart("+98911", Hex.bytes("050003 01 02 01 0041"), T0)).message()).isEmpty();
        assertThat(r.offer(udhPart("+98912", Hex.bytes("050003 01 02 02 0059"), T0)).message()).isEmpty();
        assertThat(r.offer(udhPart("+98912", Hex.bytes("050003 01 02 01 0058"), T0)).message().orElseThrow().body())
                .isEqualTo(Hex.bytes("00580059"));
        InboundMessage a = r.offer(udhPart("+98911", Hex.bytes("050003 01 02 02 0042"), T0)).message().orElseThrow();
        assertThat(a.source()).isEqualTo("+98911");
        assertThat(a.body()).isEqualTo(Hex.bytes("00410042"));
    }

    @Test
    void sameReferenceWithDifferentTotalIsAnotherGroup() {
        InboundReassembler r = reassembler();
        r.offer(udhPart("a", Hex.bytes("050003 01 02 01 0041"), T0));
        r.offer(udhPart("a", Hex.bytes("050003 01 03 01 0041"), T0));
        assertThat(r.pendingGroups()).isEqualTo(2);
    }

    @Test
    void expiryHandsOutIncompleteGroupsAsPartialMessages() {
        InboundReassembler r = new InboundReassembler(10, Duration.ofSeconds(60));
        r.offer(udhPart("a", Hex.bytes("050003 01 03 01 0041"), T0));
        r.offer(udhPart("a", Hex.bytes("050003 01 03 03 0043"), T0.plusSeconds(30)));
        r.offer(udhPart("b", Hex.bytes("050003 01 02 01 0058"), T0.plusSeconds(20)));
        assertThat(r.expire(T0.plusSeconds(59))).isEmpty();
        List<InboundMessage> expired = r.expire(T0.plusSeconds(60));
        assertThat(expired).hasSize(1);
        InboundMessage m = expired.get(0);
        assertThat(m.complete()).isFalse();
        assertThat(m.parts()).isEqualTo(2);
        assertThat(m.expectedParts()).isEqualTo(3);
        assertThat(m.body()).isEqualTo(Hex.bytes("00410043"));
        assertThat(m.firstPartAt()).isEqualTo(T0);
        assertThat(m.completedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(r.pendingGroups()).isEqualTo(1);
        assertThat(r.expire(T0.plusSeconds(80))).singleElement().satisfies(b -> assertThat(b.source()).isEqualTo("b"));
        assertThat(r.pendingGroups()).isZero();
    }

    @Test
    void evictionAtTheBoundReturnsTheOldestGroup() {
        InboundReassembler r = new InboundReassembler(2, Duration.ofMinutes(5));
        assertThat(r.offer(udhPart("a", Hex.bytes("050003 01 02 01 0041"), T0)).evicted()).isEmpty();
        assertThat(r.offer(udhPart("b", Hex.bytes("050003 01 02 01 0042"), T0)).evicted()).isEmpty();
        // a part of an existing group never evicts
        assertThat(r.offer(udhPart("b", Hex.bytes("050003 01 02 01 0042"), T0)).evicted()).isEmpty();
        OfferResult third = r.offer(udhPart("c", Hex.bytes("050003 01 02 01 0043"), T0.plusSeconds(3)));
        assertThat(third.message()).isEmpty();
        assertThat(third.evicted()).singleElement().satisfies(m -> {
            assertThat(m.source()).isEqualTo("a");
            assertThat(m.complete()).isFalse();
            assertThat(m.body()).isEqualTo(Hex.bytes("0041"));
            assertThat(m.completedAt()).isEqualTo(T0.plusSeconds(3));
        });
        assertThat(r.pendingGroups()).isEqualTo(2);
        // a's second part now opens a new group and evicts b
        OfferResult late = r.offer(udhPart("a", Hex.bytes("050003 01 02 02 0044"), T0.plusSeconds(4)));
        assertThat(late.evicted()).singleElement().satisfies(m -> assertThat(m.source()).isEqualTo("b"));
    }

    @Test
    void invalidUdhIsASingleFlaggedPartWithRawBytes() {
        InboundReassembler r = reassembler();
        byte[][] invalid = {Hex.bytes("09 00 03 01 02 01 0041"), // UDHL beyond body
                Hex.bytes(""), // UDHI with no octets
                Hex.bytes("05 00 04 01 02 01 00"), // IE length beyond header
                Hex.bytes("04 00 02 01 02 0041"), // concat IE with wrong length
                Hex.bytes("05 00 03 01 02 03 0041"), // seq > total
                Hex.bytes("05 00 03 01 00 00 0041"), // total 0
                Hex.bytes("01 00 0041")}; // IE header cut
        for (byte[] raw : invalid) {
            InboundMessage m = r.offer(udhPart("a", raw, T0)).message().orElseThrow();
            assertThat(m.malformedHeader()).as(Hex.of(raw)).isTrue();
            assertThat(m.body()).isEqualTo(raw);
            assertThat(m.complete()).isTrue();
        }
        assertThat(r.pendingGroups()).isZero();
    }

    @Test
    void incompleteSarIsASingleFlaggedPart() {
        InboundPart part = new InboundPart("a", "b", 0, 0, Hex.bytes("41"), OptionalInt.of(1), OptionalInt.empty(),
                OptionalInt.of(1), Optional.empty(), T0);
        InboundMessage m = reassembler().offer(part).message().orElseThrow();
        assertThat(m.malformedHeader()).isTrue();
        assertThat(m.body()).isEqualTo(Hex.bytes("41"));
    }

    @Test
    void constructionIsValidated() {
        assertThatThrownBy(() -> new InboundReassembler(0, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InboundReassembler(1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InboundPart.of("a", "b", 0, 0, new byte[256], T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InboundPart.of("a", "b", 256, 0, new byte[1], T0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void partsAreCopiedDefensively() {
        byte[] raw = Hex.bytes("0041");
        InboundPart part = InboundPart.of("a", "b", UCS2, 0, raw, T0);
        raw[1] = 0x58;
        assertThat(part.shortMessage()).isEqualTo(Hex.bytes("0041"));
        part.shortMessage()[1] = 0x58;
        assertThat(part.shortMessage()).isEqualTo(Hex.bytes("0041"));
        assertThat(part).isEqualTo(InboundPart.of("a", "b", UCS2, 0, Hex.bytes("0041"), T0));
    }

    @Test
    void randomInterleavedMessagesAllReassemble() {
        Random random = new Random(1234L);
        for (int round = 0; round < 200; round++) {
            InboundReassembler r = new InboundReassembler(1_000, Duration.ofMinutes(5));
            List<byte[]> expected = new ArrayList<>();
            List<InboundPart> parts = new ArrayList<>();
            int duplicates = 0;
            int messages = 1 + random.nextInt(20);
            for (int msg = 0; msg < messages; msg++) {
                String from = "+98912" + msg;
                int total = 1 + random.nextInt(8);
                int ref = random.nextInt(0x10000);
                int scheme = random.nextInt(3);
                ByteArrayOutputStream whole = new ByteArrayOutputStream();
                for (int seq = 1; seq <= total; seq++) {
                    byte[] body = new byte[random.nextInt(134)];
                    random.nextBytes(body);
                    whole.writeBytes(body);
                    InboundPart part;
                    if (scheme == 0) {
                        part = InboundPart.of(from, "3000", UCS2, UDHI, concat(udh8(ref, total, seq), body), T0);
                    } else if (scheme == 1) {
                        part = InboundPart.of(from, "3000", UCS2, UDHI, concat(udh16(ref, total, seq), body), T0);
                    } else {
                        part = InboundPart.withSar(from, "3000", UCS2, body, ref, total, seq, T0);
                    }
                    parts.add(part);
                    if (total > 1 && random.nextInt(4) == 0) {
                        parts.add(part);
                        duplicates++;
                    }
                }
                expected.add(whole.toByteArray());
            }
            Collections.shuffle(parts, random);
            List<InboundMessage> done = new ArrayList<>();
            for (InboundPart p : parts) {
                OfferResult result = r.offer(p);
                assertThat(result.evicted()).isEmpty();
                result.message().ifPresent(done::add);
            }
            assertThat(done).hasSize(messages);
            assertThat(r.pendingGroups()).isZero();
            assertThat(r.duplicatesIgnored()).isEqualTo(duplicates);
            for (InboundMessage m : done) {
                int index = Integer.parseInt(m.source().substring(6));
                assertThat(m.body()).isEqualTo(expected.get(index));
                assertThat(m.complete()).isTrue();
                assertThat(m.malformedHeader()).isFalse();
            }
        }
    }
}

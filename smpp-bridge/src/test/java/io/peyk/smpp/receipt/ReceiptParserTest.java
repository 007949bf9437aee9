package io.peyk.smpp.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.peyk.smpp.encoding.Hex;
import io.peyk.smpp.pdu.MessageState;

class ReceiptParserTest {

    private static final int RECEIPT = 0x04;

    private static DeliveryReceipt text(String s) {
        return ReceiptParser.parse(ReceiptPdu.ofText(RECEIPT, s.getBytes(StandardCharsets.ISO_8859_1))).orElseThrow();
    }

    @Test
    void standardAppendixB() {
        DeliveryReceipt r = text(
                "id:1234567890 sub:001 dlvrd:001 submit date:2401151230 done date:2401151231 stat:DELIVRD err:000 text:Salam donya");
        assertThat(r.messageId()).isEqualTo("1234567890");
        assertThat(r.state()).isEqualTo(MessageState.DELIVERED);
        assertThat(r.errorCode()).contains("000");
        assertThat(r.submitted()).hasValue(1);
        assertThat(r.delivered()).hasValue(1);
        assertThat(r.submitDate()).contains(LocalDateTime.of(2024, 1, 15, 12, 30));
        assertThat(r.doneDate()).contains(LocalDateTime.of(2024, 1, 15, 12, 31));
        assertThat(r.networkError()).isEmpty();
        assertThat(r.source()).isEqualTo(DeliveryReceipt.Source.TEXT);
        assertThat(r.toString()).doesNotContain("Salam");
    }

    @Test
    void standardReceiptFromGoldenOctets() {
        // "id:0A1B sub:001 dlvrd:000 stat:UNDELIV err:013" as octets
        byte[] octets = Hex.bytes("69643a30413142 207375623a303031 20646c7672643a303030 20737461743a554e44454c4956"
                + " 206572723a303133");
        DeliveryReceipt r = ReceiptParser.parse(ReceiptPdu.ofText(0x04, octets)).orElseThrow();
        assertThat(r.messageId()).isEqualTo("0A1B");
        assertThat(r.state()).isEqualTo(MessageState.UNDELIVERABLE);
        assertThat(r.errorCode()).contains("013");
        assertThat(r.delivered()).hasValue(0);
    }

    @Test
    void reorderedFields() {
        DeliveryReceipt r = text("stat:EXPIRED err:027 done date:2312312359 id:abc-9 submit date:2312311200 dlvrd:000 sub:001");
        assertThat(r.messageId()).isEqualTo("abc-9");
        assertThat(r.state()).isEqualTo(MessageState.EXPIRED);
        assertThat(r.errorCode()).contains("027");
        assertThat(r.doneDate()).contains(LocalDateTime.of(2023, 12, 31, 23, 59));
        assertThat(r.submitDate()).contains(LocalDateTime.of(2023, 12, 31, 12, 0));
        assertThat(r.submitted()).hasValue(1);
        assertThat(r.delivered()).hasValue(0);
    }

    @Test
    void lowerCaseUnderscoresExtraSpacesAndSeconds() {
        DeliveryReceipt r = text("ID : 77  Submit_date:240115123005   DONE_DATE: 240115123107 Stat: undeliv  Err:1  ");
        assertThat(r.messageId()).isEqualTo("77");
        assertThat(r.state()).isEqualTo(MessageState.UNDELIVERABLE);
        assertThat(r.errorCode()).contains("1");
        assertThat(r.submitDate()).contains(LocalDateTime.of(2024, 1, 15, 12, 30, 5));
        assertThat(r.doneDate()).contains(LocalDateTime.of(2024, 1, 15, 12, 31, 7));
    }

    @Test
    void missingSubAndDlvrdAndDates() {
        DeliveryReceipt r = text("id:55 stat:DELIVRD");
        assertThat(r.messageId()).isEqualTo("55");
        assertThat(r.state()).isEqualTo(MessageState.DELIVERED);
        assertThat(r.submitted()).isEmpty();
        assertThat(r.delivered()).isEmpty();
        assertThat(r.submitDate()).isEmpty();
        assertThat(r.doneDate()).isEmpty();
        assertThat(r.errorCode()).isEmpty();
    }

    @Test
    void hexIdWithLeadingZerosIsKeptRawAndNormalisedByTheNormalizer() {
        DeliveryReceipt r = text("id:000000FF1A sub:001 dlvrd:001 stat:DELIVRD err:000 text:");
        assertThat(r.messageId()).isEqualTo("000000FF1A");
        assertThat(MessageIdNormalizer.of(MessageIdFormat.HEX).fromReceipt(r.messageId()))
                .isEqualTo(MessageIdNormalizer.of(MessageIdFormat.HEX).fromSubmitResponse("ff1a"));
    }

    @Test
    void vendorExtrasAndTextAreIgnored() {
        DeliveryReceipt r = text("id:9 sub:001 dlvrd:001 submit date:2401151230 done date:2401151231 stat:DELIVRD err:000"
                + " imsi:432111234567890 mccmnc:43211 text:secret id:666 stat:REJECTD");
        assertThat(r.messageId()).isEqualTo("9");
        assertThat(r.state()).isEqualTo(MessageState.DELIVERED);
        assertThat(r.toString()).doesNotContain("secret");
    }

    @Test
    void keysInsideOtherWordsAreNotKeys() {
        DeliveryReceipt r = text("msgid:1 smsc_id:2 id:3 substat:REJECTD stat:ACCEPTD");
        assertThat(r.messageId()).isEqualTo("3");
        assertThat(r.state()).isEqualTo(MessageState.ACCEPTED);
    }

    @Test
    void tlvOnlyWithEmptyShortMessage() {
        ReceiptPdu pdu = new ReceiptPdu(RECEIPT, new byte[0], Optional.of("A1B2"), OptionalInt.of(2),
                Optional.of(Hex.bytes("03 00 0b")));
        DeliveryReceipt r = ReceiptParser.parse(pdu).orElseThrow();
        assertThat(r.messageId()).isEqualTo("A1B2");
        assertThat(r.state()).isEqualTo(MessageState.DELIVERED);
        assertThat(r.networkError()).contains(new NetworkError(3, 11));
        assertThat(r.source()).isEqualTo(DeliveryReceipt.Source.TLV);
        assertThat(r.errorCode()).isEmpty();
    }

    @Test
    void networkErrorCodeIsBigEndianAndNeedsThreeOctets() {
        ReceiptPdu ok = new ReceiptPdu(RECEIPT, new byte[0], Optional.of("1"), OptionalInt.empty(),
                Optional.of(Hex.bytes("01 ff fe")));
        assertThat(ReceiptParser.parse(ok).orElseThrow().networkError()).contains(new NetworkError(1, 0xFFFE));
        ReceiptPdu bad = new ReceiptPdu(RECEIPT, new byte[0], Optional.of("1"), OptionalInt.empty(),
                Optional.of(Hex.bytes("03 00")));
        assertThat(ReceiptParser.parse(bad).orElseThrow().networkError()).isEmpty();
        assertThat(ReceiptParser.parse(bad).orElseThrow().state()).isEqualTo(MessageState.UNKNOWN);
    }

    @Test
    void tlvIdWinsOverTextId() {
        ReceiptPdu pdu = new ReceiptPdu(RECEIPT, "id:111 stat:DELIVRD err:000".getBytes(StandardCharsets.US_ASCII),
                Optional.of("6F"), OptionalInt.empty(), Optional.empty());
        DeliveryReceipt r = ReceiptParser.parse(pdu).orElseThrow();
        assertThat(r.messageId()).isEqualTo("6F");
        assertThat(r.state()).isEqualTo(MessageState.DELIVERED);
        assertThat(r.source()).isEqualTo(DeliveryReceipt.Source.BOTH);
    }

    @Test
    void tlvStateWinsOverTextStat() {
        ReceiptPdu pdu = new ReceiptPdu(RECEIPT, "id:111 stat:DELIVRD".getBytes(StandardCharsets.US_ASCII),
                Optional.empty(), OptionalInt.of(5), Optional.empty());
        DeliveryReceipt r = ReceiptParser.parse(pdu).orElseThrow();
        assertThat(r.messageId()).isEqualTo("111");
        assertThat(r.state()).isEqualTo(MessageState.UNDELIVERABLE);
        assertThat(r.source()).isEqualTo(DeliveryReceipt.Source.BOTH);
    }

    @Test
    void unknownTlvStateFallsBackToText() {
        ReceiptPdu pdu = new ReceiptPdu(RECEIPT, "id:1 stat:REJECTD".getBytes(StandardCharsets.US_ASCII), Optional.empty(),
                OptionalInt.of(42), Optional.empty());
        assertThat(ReceiptParser.parse(pdu).orElseThrow().state()).isEqualTo(MessageState.REJECTED);
    }

    @Test
    void blankTlvIdFallsBackToText() {
        ReceiptPdu pdu = new ReceiptPdu(RECEIPT, "id:12 stat:DELIVRD".getBytes(StandardCharsets.US_ASCII), Optional.of(" "),
                OptionalInt.empty(), Optional.empty());
        assertThat(ReceiptParser.parse(pdu).orElseThrow().messageId()).isEqualTo("12");
    }

    @Test
    void idWithoutStateIsUnknownState() {
        assertThat(text("id:12 err:000").state()).isEqualTo(MessageState.UNKNOWN);
        assertThat(text("id:12 stat:WHATEVER").state()).isEqualTo(MessageState.UNKNOWN);
    }

    @Test
    void noIdMeansNoReceipt() {
        assertThat(ReceiptParser.parse(ReceiptPdu.ofText(RECEIPT, "stat:DELIVRD err:000".getBytes(StandardCharsets.US_ASCII))))
                .isEmpty();
        assertThat(ReceiptParser.parse(ReceiptPdu.ofText(RECEIPT, "id: stat:DELIVRD".getBytes(StandardCharsets.US_ASCII))))
                .isEmpty();
        assertThat(ReceiptParser.parse(ReceiptPdu.ofText(RECEIPT, new byte[0]))).isEmpty();
        assertThat(ReceiptParser.parse(ReceiptPdu.ofText(RECEIPT, "hello there".getBytes(StandardCharsets.US_ASCII))))
                .isEmpty();
        String tooLong = "id:" + "9".repeat(MessageIdNormalizer.MAX_LENGTH + 1) + " stat:DELIVRD";
        assertThat(ReceiptParser.parse(ReceiptPdu.ofText(RECEIPT, tooLong.getBytes(StandardCharsets.US_ASCII)))).isEmpty();
    }

    @Test
    void onlyReceiptsAndIntermediateNotificationsAreParsed() {
        byte[] octets = "id:1 stat:DELIVRD".getBytes(StandardCharsets.US_ASCII);
        assertThat(ReceiptParser.parse(ReceiptPdu.ofText(0x00, octets))).isEmpty();
        assertThat(ReceiptParser.parse(ReceiptPdu.ofText(0x40, octets))).isEmpty();
        assertThat(ReceiptParser.parse(ReceiptPdu.ofText(0x08, octets))).isEmpty();
        assertThat(ReceiptParser.parse(ReceiptPdu.ofText(0x04, octets))).isPresent();
        assertThat(ReceiptParser.parse(ReceiptPdu.ofText(0x20, "id:1 stat:ENROUTE".getBytes(StandardCharsets.US_ASCII))))
                .hasValueSatisfying(r -> assertThat(r.state()).isEqualTo(MessageState.ENROUTE));
    }

    @Test
    void invalidDatesAndCountsAreDropped() {
        DeliveryReceipt r = text("id:1 sub:abc dlvrd:1234567890 submit date:2413321299 done date:24011512 stat:DELIVRD");
        assertThat(r.submitted()).isEmpty();
        assertThat(r.delivered()).isEmpty();
        assertThat(r.submitDate()).isEmpty();
        assertThat(r.doneDate()).isEmpty();
        assertThat(r.state()).isEqualTo(MessageState.DELIVERED);
    }

    @Test
    void generatedReceiptsInAnyOrderAndCaseParse() {
        Random random = new Random(7L);
        MessageState[] states = MessageState.values();
        for (int i = 0; i < 3_000; i++) {
            String id = Long.toHexString(random.nextLong() & Long.MAX_VALUE);
            MessageState state = states[random.nextInt(states.length)];
            int sub = random.nextInt(1000);
            LocalDateTime done = LocalDateTime.of(2000 + random.nextInt(100), 1 + random.nextInt(12), 1 + random.nextInt(28),
                    random.nextInt(24), random.nextInt(60));
            String[] fields = {"id:" + id, "sub:" + String.format("%03d", sub), "stat:" + state.stat(),
                    "done date:" + String.format("%02d%02d%02d%02d%02d", done.getYear() % 100, done.getMonthValue(),
                            done.getDayOfMonth(), done.getHour(), done.getMinute()),
                    "err:" + String.format("%03d", random.nextInt(1000)), "vendor" + random.nextInt(9) + ":x"};
            for (int j = fields.length - 1; j > 0; j--) {
                int k = random.nextInt(j + 1);
                String t = fields[j];
                fields[j] = fields[k];
                fields[k] = t;
            }
            StringBuilder sb = new StringBuilder();
            for (String f : fields) {
                String sep = " ".repeat(1 + random.nextInt(3));
                String field = f;
                if (random.nextBoolean()) {
                    // upper-case the key only: the id value is case-sensitive
                    int colon = field.indexOf(':');
                    field = field.substring(0, colon).toUpperCase(java.util.Locale.ROOT) + field.substring(colon);
                }
                sb.append(field).append(sep);
            }
            sb.append("text:").append("id:0 stat:DELETED");
            DeliveryReceipt r = text(sb.toString());
            assertThat(r.messageId()).as(sb.toString()).isEqualTo(id);
            assertThat(r.state()).as(sb.toString()).isEqualTo(state);
            assertThat(r.submitted()).hasValue(sub);
            assertThat(r.doneDate()).contains(done);
        }
    }
}

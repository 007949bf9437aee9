package io.peyk.smpp.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.cloudhopper.commons.charset.CharsetUtil;
import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.pdu.DeliverSm;
import com.cloudhopper.smpp.pdu.SubmitSm;
import com.cloudhopper.smpp.tlv.Tlv;
import com.cloudhopper.smpp.type.Address;
import com.cloudhopper.smpp.util.SmppUtil;

import io.peyk.smpp.BridgeConfig;
import io.peyk.smpp.BridgeEvent.InboundSms;
import io.peyk.smpp.BridgeEvent.MessageFinal;
import io.peyk.smpp.BridgeEvent.PartFailed;
import io.peyk.smpp.BridgeEvent.PartReceipt;
import io.peyk.smpp.BridgeEvent.PartReturned;
import io.peyk.smpp.BridgeEvent.PartSubmitted;
import io.peyk.smpp.BridgeEvent.UnmatchedReceipt;
import io.peyk.smpp.BridgeFixture;
import io.peyk.smpp.ConnectorConfig;
import io.peyk.smpp.InMemoryPartIdStore;
import io.peyk.smpp.OutboundSms;
import io.peyk.smpp.RecordingListener;
import io.peyk.smpp.SmppBridge;
import io.peyk.smpp.SubmitHandle;
import io.peyk.smpp.TestTexts;
import io.peyk.smpp.encoding.TextEncoding;
import io.peyk.smpp.interop.CloudhopperSmsc.ReceiptStyle;
import io.peyk.smpp.interop.CloudhopperSmsc.Submit;
import io.peyk.smpp.pdu.MessageState;
import io.peyk.smpp.receipt.MessageIdFormat;

/**
 * The bridge (jSMPP) bound over loopback TCP to an SMSC built on Cloudhopper SMPP (Netty 3): every byte it sends is decoded
 * by Cloudhopper's own PDU decoder and charsets, and every receipt and MO it receives was encoded by them.
 */
class CloudhopperInteropTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final HexFormat HEX = HexFormat.of();
    private static final Address MSISDN = new Address(SmppConstants.TON_INTERNATIONAL, SmppConstants.NPI_E164,
            "989121234567");
    private static final Address SHORT_CODE = new Address(SmppConstants.TON_NETWORK, SmppConstants.NPI_E164, "3000");

    /** The running pair; closed bridge first, then the server. */
    private record Pair(CloudhopperSmsc smsc, SmppBridge bridge, RecordingListener events) implements AutoCloseable {

        @Override
        public void close() {
            try {
                bridge.close();
            } finally {
                smsc.close();
            }
        }
    }

    private static Pair start(UnaryOperator<ConnectorConfig.Builder> tune) throws Exception {
        CloudhopperSmsc smsc = CloudhopperSmsc.start();
        RecordingListener events = new RecordingListener();
        // The connector as an operator would set it up for this SMSC: hex ids in responses, decimal in receipts.
        ConnectorConfig connector = tune.apply(BridgeFixture.fastConnector("ch", smsc.port())
                .systemId(CloudhopperSmsc.SYSTEM_ID).password(CloudhopperSmsc.PASSWORD)
                .idFormats(MessageIdFormat.HEX, MessageIdFormat.DECIMAL)).build();
        // A short grace: a receipt the bridge failed to match would be reported as unmatched within the test.
        BridgeConfig config = BridgeFixture.withGrace(BridgeConfig.of(List.of(connector)), Duration.ofMillis(300));
        SmppBridge bridge;
        try {
            bridge = SmppBridge.start(config, new InMemoryPartIdStore(1_000), events);
        } catch (RuntimeException e) {
            smsc.close();
            throw e;
        }
        Pair pair = new Pair(smsc, bridge, events);
        await().atMost(WAIT).until(() -> bridge.status().get("ch").up() && smsc.bound());
        return pair;
    }

    @ParameterizedTest
    @EnumSource(ReceiptStyle.class)
    void persianLongMessageReachesCloudhopperAsThreeUdhPartsAndItsPerPartReceiptsMapBack(ReceiptStyle style)
            throws Exception {
        try (Pair p = start(UnaryOperator.identity())) {
            p.smsc().receiptStyle(style);
            SubmitHandle handle = p.bridge().submit(OutboundSms.of("m-fa", "3000", "+989351112233", TestTexts.PERSIAN_200));
            assertThat(handle.encoding()).isEqualTo(TextEncoding.UCS2);
            assertThat(handle.billableSegments()).isEqualTo(3);

            await().atMost(WAIT).until(() -> p.events().of(MessageFinal.class).size() == 1
                    && p.smsc().deliverSmRespStatuses().size() == 3);

            // What Cloudhopper decoded off the wire.
            List<Submit> submits = p.smsc().submits();
            assertThat(submits).hasSize(3);
            assertThat(p.smsc().bindTypes()).containsExactly(SmppBindType.TRANSCEIVER);
            int ref = submits.get(0).pdu().getShortMessage()[3] & 0xFF;
            List<Submit> ordered = submits.stream()
                    .sorted(Comparator.comparingInt(s -> s.pdu().getShortMessage()[5] & 0xFF)).toList();
            StringBuilder reassembled = new StringBuilder();
            List<Integer> units = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                SubmitSm pdu = ordered.get(i).pdu();
                assertThat(pdu.getDataCoding()).isEqualTo(SmppConstants.DATA_CODING_UCS2);
                assertThat(pdu.getEsmClass()).isEqualTo(SmppConstants.ESM_CLASS_UDHI_MASK);
                assertThat(SmppUtil.isUserDataHeaderIndicatorEnabled(pdu.getEsmClass())).isTrue();
                assertThat(SmppUtil.isSmscDeliveryReceiptRequested(pdu.getRegisteredDelivery())).isTrue();
                assertThat(pdu.getSourceAddress().getAddress()).isEqualTo("3000");
                assertThat(pdu.getDestAddress().getTon()).isEqualTo(SmppConstants.TON_INTERNATIONAL);
                assertThat(pdu.getDestAddress().getNpi()).isEqualTo(SmppConstants.NPI_E164);
                assertThat(pdu.getDestAddress().getAddress()).isEqualTo("989351112233");
                assertThat(pdu.getOptionalParameterCount()).isZero();

                byte[] sm = pdu.getShortMessage();
                assertThat(pdu.getShortMessageLength()).isEqualTo(sm.length);
                assertThat(HEX.formatHex(sm, 0, 6)).isEqualTo(String.format("050003%02x03%02x", ref, i + 1));
                byte[] body = java.util.Arrays.copyOfRange(sm, 6, sm.length);
                assertThat(body.length % 2).isZero();
                assertThat(HEX.formatHex(body, 0, 2)).isNotEqualToIgnoringCase("feff").isNotEqualToIgnoringCase("fffe");
                units.add(body.length / 2);
                reassembled.append(CharsetUtil.decode(body, CharsetUtil.CHARSET_UCS_2));
            }
            assertThat(units).containsExactly(67, 67, 66);
            assertThat(reassembled.toString()).isEqualTo(TestTexts.PERSIAN_200);

            // Hex upper-case in submit_sm_resp and decimal in the receipts normalise to the same key on the bridge.
            List<String> decimalIds = ordered.stream().map(Submit::receiptId).toList();
            assertThat(ordered).allSatisfy(s -> assertThat(s.responseId()).matches("[0-9A-F]+")
                    .isNotEqualTo(s.receiptId()).containsPattern("[A-F]"));
            assertThat(p.events().of(PartSubmitted.class)).extracting(PartSubmitted::seq, PartSubmitted::smscMessageId)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(1, decimalIds.get(0)),
                            org.assertj.core.groups.Tuple.tuple(2, decimalIds.get(1)),
                            org.assertj.core.groups.Tuple.tuple(3, decimalIds.get(2)));
            assertThat(p.events().of(PartReceipt.class)).hasSize(3).allSatisfy(r -> {
                assertThat(r.messageRef()).isEqualTo("m-fa");
                assertThat(r.connector()).isEqualTo("ch");
                assertThat(r.total()).isEqualTo(3);
                assertThat(r.state()).isEqualTo(MessageState.DELIVERED);
                assertThat(r.smscMessageId()).isEqualTo(decimalIds.get(r.seq() - 1));
            }).extracting(PartReceipt::seq).containsExactlyInAnyOrder(1, 2, 3);
            assertThat(p.events().of(MessageFinal.class)).singleElement().satisfies(m -> {
                assertThat(m.messageRef()).isEqualTo("m-fa");
                assertThat(m.state()).isEqualTo(MessageState.DELIVERED);
            });
            assertThat(p.events().of(UnmatchedReceipt.class)).isEmpty();
            assertThat(p.events().of(PartFailed.class)).isEmpty();
            assertThat(p.bridge().stats().receiptsMatched()).isEqualTo(3);
            assertThat(p.bridge().stats().receiptsUnmatched()).isZero();
            assertThat(p.bridge().stats().receiptsUnparseable()).isZero();

            // Every receipt went out after its submit_sm_resp, and the bridge acknowledged each with ESME_ROK.
            List<String> wire = p.smsc().wireLog();
            for (Submit s : ordered) {
                assertThat(wire.indexOf("resp:" + s.responseId())).isNotNegative()
                        .isLessThan(wire.indexOf("dlr:" + s.receiptId()));
            }
            assertThat(p.smsc().deliverSmRespStatuses()).containsExactly(0, 0, 0);
            assertThat(p.smsc().errors()).isEmpty();
        }
    }

    @Test
    void withoutIdNormalisationTheSameReceiptsStayUnmatchedButAreReportedNotDropped() throws Exception {
        // Control for the test above: hex "C0FFEE00A0" and decimal "828927508640" compared as opaque text never match.
        try (Pair p = start(c -> c.idFormats(MessageIdFormat.TEXT, MessageIdFormat.TEXT))) {
            p.bridge().submit(OutboundSms.of("t-1", "Peyk", "+989121234567", "ping"));

            await().atMost(WAIT).until(() -> p.events().of(UnmatchedReceipt.class).size() == 1);
            Submit submit = p.smsc().submits().get(0);
            assertThat(p.events().of(PartSubmitted.class)).singleElement()
                    .satisfies(s -> assertThat(s.smscMessageId()).isEqualTo(submit.responseId()));
            assertThat(p.events().of(UnmatchedReceipt.class)).singleElement().satisfies(u -> {
                assertThat(u.smscMessageId()).isEqualTo(submit.receiptId());
                assertThat(u.state()).isEqualTo(MessageState.DELIVERED);
            });
            assertThat(p.events().of(PartReceipt.class)).isEmpty();
            assertThat(p.events().of(MessageFinal.class)).isEmpty();
            assertThat(p.bridge().stats().receiptsUnmatched()).isEqualTo(1);
        }
    }

    @Test
    void gsm7TextWithExtensionCharactersArrivesAsDataCodingZeroAndCloudhopperDecodesIt() throws Exception {
        String text = "Price: 5€ [promo] {ok}";
        try (Pair p = start(UnaryOperator.identity())) {
            SubmitHandle handle = p.bridge().submit(OutboundSms.of("g-1", "Peyk", "+989121234567", text));
            assertThat(handle.encoding()).isEqualTo(TextEncoding.GSM7);

            await().atMost(WAIT).until(() -> p.events().of(MessageFinal.class).size() == 1);
            assertThat(p.smsc().submits()).singleElement().satisfies(s -> {
                SubmitSm pdu = s.pdu();
                assertThat(pdu.getDataCoding()).isEqualTo(SmppConstants.DATA_CODING_DEFAULT);
                assertThat(pdu.getEsmClass()).isZero();
                assertThat(pdu.getSourceAddress().getTon()).isEqualTo(SmppConstants.TON_ALPHANUMERIC);
                assertThat(pdu.getSourceAddress().getAddress()).isEqualTo("Peyk");
                // Unpacked GSM 03.38: € = 1B 65, [ = 1B 3C, ] = 1B 3E, { = 1B 28, } = 1B 29.
                assertThat(HEX.formatHex(pdu.getShortMessage()))
                        .isEqualTo("50726963653a20351b65201b3c70726f6d6f1b3e201b286f6b1b29");
                assertThat(CharsetUtil.decode(pdu.getShortMessage(), CharsetUtil.CHARSET_GSM)).isEqualTo(text);
                assertThat(pdu.getShortMessage()).isEqualTo(CharsetUtil.encode(text, CharsetUtil.CHARSET_GSM));
            });
            assertThat(p.events().of(MessageFinal.class).get(0).state()).isEqualTo(MessageState.DELIVERED);
            assertThat(p.events().of(UnmatchedReceipt.class)).isEmpty();
            assertThat(p.smsc().errors()).isEmpty();
        }
    }

    @Test
    void longGsm7TextNeverSplitsAnEscapePairAndEachPartDecodesOnItsOwnInCloudhopper() throws Exception {
        // 152 septets then '€' (2 septets): the escape pair must move whole into part 2 (153 septets per part).
        String text = "a".repeat(152) + "€" + "b".repeat(100) + "[x]";
        try (Pair p = start(UnaryOperator.identity())) {
            SubmitHandle handle = p.bridge().submit(OutboundSms.of("g-2", "Peyk", "+989121234567", text));
            assertThat(handle.encoding()).isEqualTo(TextEncoding.GSM7);
            assertThat(handle.billableSegments()).isEqualTo(2);

            await().atMost(WAIT).until(() -> p.events().of(MessageFinal.class).size() == 1);
            List<Submit> ordered = p.smsc().submits().stream()
                    .sorted(Comparator.comparingInt(s -> s.pdu().getShortMessage()[5] & 0xFF)).toList();
            assertThat(ordered).hasSize(2);
            StringBuilder reassembled = new StringBuilder();
            List<Integer> septets = new ArrayList<>();
            for (Submit s : ordered) {
                byte[] sm = s.pdu().getShortMessage();
                assertThat(s.pdu().getDataCoding()).isZero();
                assertThat(s.pdu().getEsmClass()).isEqualTo(SmppConstants.ESM_CLASS_UDHI_MASK);
                byte[] body = java.util.Arrays.copyOfRange(sm, 6, sm.length);
                assertThat(body[body.length - 1]).isNotEqualTo((byte) 0x1B);
                septets.add(body.length);
                reassembled.append(CharsetUtil.decode(body, CharsetUtil.CHARSET_GSM));
            }
            assertThat(septets).containsExactly(152, 107);
            assertThat(reassembled.toString()).isEqualTo(text);
            assertThat(p.events().of(MessageFinal.class).get(0).state()).isEqualTo(MessageState.DELIVERED);
        }
    }

    @Test
    void concatenatedUcs2MoFromCloudhopperArrivesAsOneInboundSms() throws Exception {
        String text = TestTexts.PERSIAN_200.substring(0, 120);
        byte[] ucs2 = CharsetUtil.encode(text, CharsetUtil.CHARSET_UCS_2);
        assertThat(ucs2).hasSize(240);
        List<byte[]> parts = List.of(udh8(0x5A, 2, 1, java.util.Arrays.copyOfRange(ucs2, 0, 134)),
                udh8(0x5A, 2, 2, java.util.Arrays.copyOfRange(ucs2, 134, 240)));
        try (Pair p = start(UnaryOperator.identity())) {
            List<Integer> statuses = p.smsc().send(udhMos(parts));

            assertThat(statuses).containsExactly(0, 0);
            await().atMost(WAIT).until(() -> p.events().of(InboundSms.class).size() == 1);
            InboundSms mo = p.events().of(InboundSms.class).get(0);
            assertThat(mo.text()).isEqualTo(text);
            assertThat(mo.parts()).isEqualTo(2);
            assertThat(mo.complete()).isTrue();
            assertThat(mo.source()).isEqualTo("+989121234567");
            assertThat(mo.destination()).isEqualTo("3000");
            assertThat(mo.dataCoding()).isEqualTo(8);
            assertThat(mo.connector()).isEqualTo("ch");
            assertThat(p.events().of(PartReceipt.class)).isEmpty();
            assertThat(p.events().of(UnmatchedReceipt.class)).isEmpty();
        }
    }

    @Test
    void moWithSixteenBitReferenceArrivingOutOfOrderIsReassembledInSequence() throws Exception {
        String text = TestTexts.PERSIAN_200;
        byte[] ucs2 = CharsetUtil.encode(text, CharsetUtil.CHARSET_UCS_2);
        // IEI 0x08 (7-byte UDH): 66 UTF-16 units per part.
        List<byte[]> parts = List.of(udh16(0x1234, 4, 4, java.util.Arrays.copyOfRange(ucs2, 396, 400)),
                udh16(0x1234, 4, 2, java.util.Arrays.copyOfRange(ucs2, 132, 264)),
                udh16(0x1234, 4, 1, java.util.Arrays.copyOfRange(ucs2, 0, 132)),
                udh16(0x1234, 4, 3, java.util.Arrays.copyOfRange(ucs2, 264, 396)));
        try (Pair p = start(UnaryOperator.identity())) {
            List<Integer> statuses = p.smsc().send(udhMos(parts));

            assertThat(statuses).containsExactly(0, 0, 0, 0);
            await().atMost(WAIT).until(() -> p.events().of(InboundSms.class).size() == 1);
            InboundSms mo = p.events().of(InboundSms.class).get(0);
            assertThat(mo.text()).isEqualTo(text);
            assertThat(mo.parts()).isEqualTo(4);
            assertThat(mo.complete()).isTrue();
        }
    }

    @Test
    void closingTheBridgeUnbindsFromCloudhopperWithNothingHandedBackAndNoThreadLeft() throws Exception {
        Set<Long> before = threadIds();
        Pair p = start(UnaryOperator.identity());
        try {
            p.bridge().submit(OutboundSms.of("c-1", "Peyk", "+989121234567", "bye"));
            await().atMost(WAIT).until(() -> p.events().of(MessageFinal.class).size() == 1);
            p.bridge().close();
            await().atMost(WAIT).until(() -> !p.smsc().bound());
            // An orderly unbind reached Cloudhopper, then the connection closed and the session was destroyed.
            assertThat(p.smsc().wireLog()).contains("req:unbind", "destroyed").doesNotContain("unexpectedly-closed");
            assertThat(p.events().of(PartReturned.class)).isEmpty();
            assertThat(p.smsc().errors()).isEmpty();
            await().atMost(WAIT).until(() -> bridgeThreads(before).isEmpty());
        } finally {
            p.close();
        }
    }

    @Test
    void moConcatenatedWithSarTlvsInsteadOfUdhIsReassembled() throws Exception {
        String text = TestTexts.PERSIAN_200.substring(0, 100);
        byte[] ucs2 = CharsetUtil.encode(text, CharsetUtil.CHARSET_UCS_2);
        List<DeliverSm> pdus = new ArrayList<>();
        int[][] ranges = {{0, 134}, {134, 200}};
        for (int i = 0; i < 2; i++) {
            DeliverSm pdu = CloudhopperSmsc.mo(MSISDN, SHORT_CODE, SmppConstants.DATA_CODING_UCS2, (byte) 0,
                    java.util.Arrays.copyOfRange(ucs2, ranges[i][0], ranges[i][1]));
            pdu.addOptionalParameter(new Tlv(SmppConstants.TAG_SAR_MSG_REF_NUM, new byte[]{0x01, 0x2C}));
            pdu.addOptionalParameter(new Tlv(SmppConstants.TAG_SAR_TOTAL_SEGMENTS, new byte[]{2}));
            pdu.addOptionalParameter(new Tlv(SmppConstants.TAG_SAR_SEGMENT_SEQNUM, new byte[]{(byte) (i + 1)}));
            pdus.add(pdu);
        }
        try (Pair p = start(UnaryOperator.identity())) {
            assertThat(p.smsc().send(pdus)).containsExactly(0, 0);

            await().atMost(WAIT).until(() -> p.events().of(InboundSms.class).size() == 1);
            InboundSms mo = p.events().of(InboundSms.class).get(0);
            assertThat(mo.text()).isEqualTo(text);
            assertThat(mo.parts()).isEqualTo(2);
            assertThat(mo.complete()).isTrue();
        }
    }

    @Test
    void moCarriedWholeInMessagePayloadIsDecoded() throws Exception {
        String text = TestTexts.PERSIAN_200;
        DeliverSm pdu = CloudhopperSmsc.mo(MSISDN, SHORT_CODE, SmppConstants.DATA_CODING_UCS2, (byte) 0, new byte[0]);
        pdu.addOptionalParameter(
                new Tlv(SmppConstants.TAG_MESSAGE_PAYLOAD, CharsetUtil.encode(text, CharsetUtil.CHARSET_UCS_2)));
        try (Pair p = start(UnaryOperator.identity())) {
            assertThat(p.smsc().send(List.of(pdu))).containsExactly(0);

            await().atMost(WAIT).until(() -> p.events().of(InboundSms.class).size() == 1);
            assertThat(p.events().of(InboundSms.class).get(0).text()).isEqualTo(text);
        }
    }

    @Test
    void gsmMoWithCommercialAtAndExtensionCharactersIsNotCutAtTheZeroOctet() throws Exception {
        // '@' is 0x00 in GSM 03.38: a decoder treating short_message as a C string would stop there.
        String text = "@home: 5€ {x} ^|~ \\ [ok]";
        byte[] gsm = CharsetUtil.encode(text, CharsetUtil.CHARSET_GSM);
        assertThat(gsm[0]).isZero();
        try (Pair p = start(UnaryOperator.identity())) {
            assertThat(p.smsc().send(List.of(CloudhopperSmsc.mo(MSISDN, SHORT_CODE,
                    SmppConstants.DATA_CODING_DEFAULT, (byte) 0, gsm)))).containsExactly(0);

            await().atMost(WAIT).until(() -> p.events().of(InboundSms.class).size() == 1);
            InboundSms mo = p.events().of(InboundSms.class).get(0);
            assertThat(mo.text()).isEqualTo(text);
            assertThat(mo.dataCoding()).isZero();
        }
    }

    @Test
    void theBridgeAnswersCloudhoppersEnquireLinkAndRebindsAfterCloudhopperUnbindsIt() throws Exception {
        Set<Long> before = threadIds();
        try (Pair p = start(UnaryOperator.identity())) {
            assertThat(p.smsc().enquireLink()).isZero();

            p.smsc().unbindEsme();
            await().atMost(WAIT).until(() -> p.smsc().bindTypes().size() == 2 && p.smsc().bound()
                    && p.bridge().status().get("ch").up());
            assertThat(p.smsc().enquireLink()).isZero();

            // The new bind carries traffic.
            p.bridge().submit(OutboundSms.of("r-1", "Peyk", "+989121234567", "after rebind"));
            await().atMost(WAIT).until(() -> p.events().of(MessageFinal.class).size() == 1);
            assertThat(p.events().of(MessageFinal.class).get(0).state()).isEqualTo(MessageState.DELIVERED);
            assertThat(p.smsc().errors()).isEmpty();
            // Exactly one session's worth of jSMPP threads: the first session's were released on rebind.
            assertThat(bridgeThreads(before)).filteredOn(n -> n.startsWith("PDUReaderWorker-")).hasSize(1);
            assertThat(bridgeThreads(before)).filteredOn(n -> n.startsWith("EnquireLinkSender-")).hasSize(1);
            p.bridge().close();
            await().atMost(WAIT).until(() -> bridgeThreads(before).isEmpty());
        }
    }

    private static Set<Long> threadIds() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getId).collect(Collectors.toSet());
    }

    /** Live threads started since {@code before} that belong to the bridge's connector "ch" or to its jSMPP sessions. */
    private static List<String> bridgeThreads(Set<Long> before) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> !before.contains(t.getId())).map(Thread::getName)
                .filter(n -> n.startsWith("peyk-smpp-ch-") || n.startsWith("PDUReaderWorker-")
                        || n.startsWith("EnquireLinkSender-"))
                .sorted().toList();
    }

    private static List<DeliverSm> udhMos(List<byte[]> shortMessages) throws Exception {
        List<DeliverSm> pdus = new ArrayList<>();
        for (byte[] sm : shortMessages) {
            pdus.add(CloudhopperSmsc.mo(MSISDN, SHORT_CODE, SmppConstants.DATA_CODING_UCS2,
                    SmppConstants.ESM_CLASS_UDHI_MASK, sm));
        }
        return pdus;
    }

    private static byte[] udh8(int ref, int total, int seq, byte[] body) {
        byte[] sm = new byte[6 + body.length];
        sm[0] = 0x05;
        sm[1] = 0x00;
        sm[2] = 0x03;
        sm[3] = (byte) ref;
        sm[4] = (byte) total;
        sm[5] = (byte) seq;
        System.arraycopy(body, 0, sm, 6, body.length);
        return sm;
    }

    private static byte[] udh16(int ref, int total, int seq, byte[] body) {
        byte[] sm = new byte[7 + body.length];
        sm[0] = 0x06;
        sm[1] = 0x08;
        sm[2] = 0x04;
        sm[3] = (byte) (ref >>> 8);
        sm[4] = (byte) ref;
        sm[5] = (byte) total;
        sm[6] = (byte) seq;
        System.arraycopy(body, 0, sm, 7, body.length);
        return sm;
    }
}

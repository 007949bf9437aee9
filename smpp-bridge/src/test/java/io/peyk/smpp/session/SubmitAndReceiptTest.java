package io.peyk.smpp.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.peyk.smpp.BridgeConfig;
import io.peyk.smpp.BridgeEvent.MessageFinal;
import io.peyk.smpp.BridgeEvent.PartReceipt;
import io.peyk.smpp.BridgeEvent.PartSubmitted;
import io.peyk.smpp.BridgeEvent.UnmatchedReceipt;
import io.peyk.smpp.BridgeFixture;
import io.peyk.smpp.InMemoryPartIdStore;
import io.peyk.smpp.OutboundSms;
import io.peyk.smpp.RecordingListener;
import io.peyk.smpp.SmppBridge;
import io.peyk.smpp.SubmitHandle;
import io.peyk.smpp.TestTexts;
import io.peyk.smpp.delivery.MultipartReceiptPolicy;
import io.peyk.smpp.encoding.TextEncoding;
import io.peyk.smpp.pdu.MessageState;
import io.peyk.smpp.receipt.MessageIdFormat;
import io.peyk.smpp.segment.ConcatMode;
import io.peyk.smpp.simulator.ReceiptParts;
import io.peyk.smpp.simulator.ReceiptStyle;
import io.peyk.smpp.simulator.ReceivedSubmit;
import io.peyk.smpp.simulator.SimulatedIdFormat;
import io.peyk.smpp.simulator.SmscSimulator;

/** Submits over real loopback SMPP to the simulator, and receipts coming back to the message they belong to. */
class SubmitAndReceiptTest {

    @Test
    void gsm7TextIsSubmittedWithReceiptRequestedAndItsReceiptMapsBack() throws Exception {
        try (BridgeFixture f = BridgeFixture.start()) {
            SubmitHandle handle = f.bridge.submit(OutboundSms.of("m-1", "Peyk", "+989121234567", "Hello {world}"));

            assertThat(handle.encoding()).isEqualTo(TextEncoding.GSM7);
            assertThat(handle.billableSegments()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(5)).until(() -> !f.events.of(MessageFinal.class).isEmpty());

            ReceivedSubmit pdu = f.smsc.received().get(0);
            assertThat(pdu.destinationAddr()).isEqualTo("989121234567");
            assertThat(pdu.destinationTon()).isEqualTo(1);
            assertThat(pdu.sourceAddr()).isEqualTo("Peyk");
            assertThat(pdu.sourceTon()).isEqualTo(5);
            assertThat(pdu.dataCoding()).isZero();
            assertThat(pdu.registeredDelivery()).isEqualTo(1);
            assertThat(pdu.hasUdh()).isFalse();
            // GSM 03.38 unpacked, '{' and '}' as escape pairs 1B 28 / 1B 29
            assertThat(HexFormat.of().formatHex(pdu.shortMessage())).isEqualTo("48656c6c6f201b28776f726c641b29");

            PartSubmitted submitted = f.events.of(PartSubmitted.class).get(0);
            PartReceipt receipt = f.events.of(PartReceipt.class).get(0);
            assertThat(receipt.messageRef()).isEqualTo("m-1");
            assertThat(receipt.smscMessageId()).isEqualTo(submitted.smscMessageId());
            assertThat(receipt.state()).isEqualTo(MessageState.DELIVERED);
            assertThat(f.events.of(MessageFinal.class)).singleElement()
                    .satisfies(m -> assertThat(m.state()).isEqualTo(MessageState.DELIVERED));
        }
    }

    @Test
    void persianTextOf200CharactersGoesAsThreeUcs2PartsWithUdhAndIsDeliveredWhenAllPartsAre() throws Exception {
        try (BridgeFixture f = BridgeFixture.start()) {
            SubmitHandle handle = f.bridge.submit(OutboundSms.of("m-fa", "3000", "+989351112233", TestTexts.PERSIAN_200));

            assertThat(handle.encoding()).isEqualTo(TextEncoding.UCS2);
            assertThat(handle.billableSegments()).isEqualTo(3);
            await().atMost(Duration.ofSeconds(5)).until(() -> f.events.of(MessageFinal.class).size() == 1);

            List<ReceivedSubmit> pdus = f.smsc.received();
            assertThat(pdus).hasSize(3).allSatisfy(p -> {
                assertThat(p.dataCoding()).isEqualTo(8);
                assertThat(p.esmClass() & 0x40).isEqualTo(0x40);
                assertThat(p.shortMessage()[0]).isEqualTo((byte) 5);
            });
            int ref = pdus.get(0).shortMessage()[3] & 0xFF;
            StringBuilder text = new StringBuilder();
            List<ReceivedSubmit> ordered = pdus.stream().sorted((a, b) -> a.shortMessage()[5] - b.shortMessage()[5]).toList();
            int[] units = new int[3];
            for (int i = 0; i < 3; i++) {
                byte[] sm = ordered.get(i).shortMessage();
                assertThat(HexFormat.of().formatHex(sm, 0, 6))
                        .isEqualTo(String.format("050003%02x03%02x", ref, i + 1));
                units[i] = (sm.length - 6) / 2;
                text.append(new String(sm, 6, sm.length - 6, StandardCharsets.UTF_16BE));
            }
            assertThat(units).containsExactly(67, 67, 66);
            assertThat(text.toString()).isEqualTo(TestTexts.PERSIAN_200);
            assertThat(f.events.of(PartReceipt.class)).hasSize(3).extracting(PartReceipt::seq).containsExactlyInAnyOrder(1, 2,
                    3);
            assertThat(f.events.of(MessageFinal.class).get(0).state()).isEqualTo(MessageState.DELIVERED);
        }
    }

    @Test
    void sarConnectorsCarryTheConcatenationInTlvsWithoutUdh() throws Exception {
        try (BridgeFixture f = BridgeFixture.start(c -> c.concatMode(ConcatMode.SAR_TLV))) {
            f.bridge.submit(OutboundSms.of("sar-1", "3000", "+989351112233", TestTexts.PERSIAN_200));
            await().atMost(Duration.ofSeconds(5)).until(() -> f.events.of(MessageFinal.class).size() == 1);

            List<ReceivedSubmit> pdus = f.smsc.received();
            assertThat(pdus).hasSize(3).allSatisfy(p -> {
                assertThat(p.hasUdh()).isFalse();
                assertThat(p.esmClass()).isZero();
                assertThat(p.tlvs().get(0x020E)).containsExactly(3);
            });
            int ref = ((pdus.get(0).tlvs().get(0x020C)[0] & 0xFF) << 8) | (pdus.get(0).tlvs().get(0x020C)[1] & 0xFF);
            StringBuilder text = new StringBuilder();
            pdus.stream().sorted((a, b) -> a.tlvs().get(0x020F)[0] - b.tlvs().get(0x020F)[0]).forEach(p -> {
                assertThat(p.tlvs().get(0x020C)).containsExactly((byte) (ref >> 8), (byte) ref);
                text.append(new String(p.shortMessage(), StandardCharsets.UTF_16BE));
            });
            assertThat(text.toString()).isEqualTo(TestTexts.PERSIAN_200);
        }
    }

    @Test
    void messagePayloadConnectorsSendTheWholeTextInOnePduButBillEveryAirPart() throws Exception {
        try (BridgeFixture f = BridgeFixture.start(c -> c.concatMode(ConcatMode.MESSAGE_PAYLOAD))) {
            SubmitHandle handle = f.bridge.submit(OutboundSms.of("pl-1", "3000", "+989351112233", TestTexts.PERSIAN_200));
            await().atMost(Duration.ofSeconds(5)).until(() -> f.events.of(MessageFinal.class).size() == 1);

            assertThat(handle.pdus()).isEqualTo(1);
            assertThat(handle.billableSegments()).isEqualTo(3);
            ReceivedSubmit pdu = f.smsc.received().get(0);
            assertThat(pdu.shortMessage()).isEmpty();
            assertThat(new String(pdu.tlvs().get(0x0424), StandardCharsets.UTF_16BE)).isEqualTo(TestTexts.PERSIAN_200);
            assertThat(pdu.dataCoding()).isEqualTo(8);
        }
    }

    @Test
    void sixteenBitReferenceUdhGivesSevenByteHeadersAnd66UnitParts() throws Exception {
        try (BridgeFixture f = BridgeFixture.start(c -> c.concatMode(ConcatMode.UDH_16BIT_REF))) {
            SubmitHandle handle = f.bridge.submit(OutboundSms.of("u16-1", "3000", "+989351112233", TestTexts.PERSIAN_200));
            await().atMost(Duration.ofSeconds(5)).until(() -> f.events.of(MessageFinal.class).size() == 1);

            assertThat(handle.pdus()).isEqualTo(4);
            assertThat(f.smsc.received()).hasSize(4).allSatisfy(p -> {
                assertThat(HexFormat.of().formatHex(p.shortMessage(), 0, 3)).isEqualTo("060804");
                assertThat(p.shortMessage()[5]).isEqualTo((byte) 4);
                assertThat((p.shortMessage().length - 7) / 2).isLessThanOrEqualTo(66);
            });
        }
    }

    @Test
    void hexIdsInResponsesAndDecimalIdsInReceiptsAreNormalisedToTheSameKey() throws Exception {
        try (BridgeFixture f = BridgeFixture.start(c -> c.idFormats(MessageIdFormat.HEX, MessageIdFormat.DECIMAL))) {
            f.smsc.idFormats(SimulatedIdFormat.HEX_LOWER_ZERO_PADDED, SimulatedIdFormat.DECIMAL_ZERO_PADDED)
                    .receiptStyle(ReceiptStyle.TEXT);
            for (int i = 0; i < 20; i++) {
                f.bridge.submit(OutboundSms.of("hex-" + i, "Peyk", "+989121234567", "ping " + i));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> f.events.of(PartReceipt.class).size() == 20);
            assertThat(f.events.of(UnmatchedReceipt.class)).isEmpty();
        }
    }

    @Test
    void theSameMismatchWithoutNormalisationLeavesReceiptsUnmatchedButKeptAndCounted() throws Exception {
        SmscSimulator smsc = SmscSimulator.start();
        RecordingListener events = new RecordingListener();
        BridgeConfig config = BridgeFixture.withGrace(
                BridgeConfig.of(List.of(BridgeFixture.fastConnector("smsc", smsc.port()).build())), Duration.ofMillis(300));
        smsc.idFormats(SimulatedIdFormat.HEX_UPPER, SimulatedIdFormat.DECIMAL).receiptStyle(ReceiptStyle.TEXT);
        try (smsc; SmppBridge bridge = SmppBridge.start(config, new InMemoryPartIdStore(100), events)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> bridge.status().get("smsc").up());
            bridge.submit(OutboundSms.of("x-1", "Peyk", "+989121234567", "ping"));

            await().atMost(Duration.ofSeconds(5)).until(() -> events.of(UnmatchedReceipt.class).size() == 1);
            assertThat(events.of(PartReceipt.class)).isEmpty();
            assertThat(bridge.stats().receiptsUnmatched()).isEqualTo(1);
        }
    }

    @Test
    void tlvOnlyReceiptsAndFailureStatesAreUnderstood() throws Exception {
        try (BridgeFixture f = BridgeFixture.start()) {
            f.smsc.receiptStyle(ReceiptStyle.TLV).receiptOutcome(MessageState.UNDELIVERABLE, "001");
            f.bridge.submit(OutboundSms.of("u-1", "Peyk", "+989121234567", "unlucky"));

            await().atMost(Duration.ofSeconds(5)).until(() -> f.events.of(MessageFinal.class).size() == 1);
            assertThat(f.events.of(MessageFinal.class).get(0).state()).isEqualTo(MessageState.UNDELIVERABLE);
        }
    }

    @Test
    void anSmscThatReceiptsOnlyTheLastPartStillFinishesTheMessageUnderTheAnyPartPolicy() throws Exception {
        try (BridgeFixture f = BridgeFixture.start(c -> c.receiptPolicy(MultipartReceiptPolicy.ANY_PART))) {
            f.smsc.receiptParts(ReceiptParts.LAST_PART_ONLY);
            f.bridge.submit(OutboundSms.of("last-1", "Peyk", "+989121234567", TestTexts.PERSIAN_200));

            await().atMost(Duration.ofSeconds(5)).until(() -> f.events.of(MessageFinal.class).size() == 1);
            assertThat(f.events.of(PartReceipt.class)).singleElement().satisfies(r -> assertThat(r.seq()).isEqualTo(3));
            assertThat(f.smsc.receiptsSent()).isEqualTo(1);
        }
    }

    @Test
    void receiptsSurviveARestartThroughThePartIdStore() throws Exception {
        InMemoryPartIdStore durable = new InMemoryPartIdStore(1_000);
        SmscSimulator smsc = SmscSimulator.start();
        smsc.receiptDelay(Duration.ofMillis(1_500));
        BridgeConfig config = BridgeConfig.of(List.of(BridgeFixture.fastConnector("smsc", smsc.port()).build()));
        try (smsc) {
            RecordingListener first = new RecordingListener();
            try (SmppBridge bridge = SmppBridge.start(config, durable, first)) {
                await().atMost(Duration.ofSeconds(5)).until(() -> bridge.status().get("smsc").up());
                bridge.submit(OutboundSms.of("restart-1", "Peyk", "+989121234567", "before restart"));
                await().atMost(Duration.ofSeconds(5)).until(() -> first.of(PartSubmitted.class).size() == 1);
            }
            RecordingListener second = new RecordingListener();
            try (SmppBridge bridge = SmppBridge.start(config, durable, second)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> second.of(PartReceipt.class).size() == 1);
                assertThat(second.of(PartReceipt.class).get(0).messageRef()).isEqualTo("restart-1");
            }
        }
    }
}

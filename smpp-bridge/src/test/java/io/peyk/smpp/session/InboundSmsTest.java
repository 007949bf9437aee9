package io.peyk.smpp.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.peyk.smpp.BridgeEvent.InboundSms;
import io.peyk.smpp.BridgeEvent.PartReceipt;
import io.peyk.smpp.BridgeFixture;
import io.peyk.smpp.TestTexts;

/** MO messages from the SMSC: decoded by data_coding and reassembled from their parts before they are handed on. */
class InboundSmsTest {

    @Test
    void aLongPersianMoIsReassembledFromItsUdhPartsAndDecoded() throws Exception {
        try (BridgeFixture f = BridgeFixture.start()) {
            String text = TestTexts.PERSIAN_200;
            f.smsc.injectMo("+989121234567", "3000", text);

            await().atMost(Duration.ofSeconds(5)).until(() -> f.events.of(InboundSms.class).size() == 1);
            InboundSms mo = f.events.of(InboundSms.class).get(0);
            assertThat(mo.text()).isEqualTo(text);
            assertThat(mo.parts()).isEqualTo(3);
            assertThat(mo.complete()).isTrue();
            assertThat(mo.source()).isEqualTo("+989121234567");
            assertThat(mo.destination()).isEqualTo("3000");
            assertThat(mo.dataCoding()).isEqualTo(8);
            assertThat(f.events.of(PartReceipt.class)).isEmpty();
        }
    }

    @Test
    void partsArrivingOutOfOrderAreReassembledInSequence() throws Exception {
        try (BridgeFixture f = BridgeFixture.start()) {
            byte[] one = udhPart(0x42, 3, 1, "اول ");
            byte[] two = udhPart(0x42, 3, 2, "دوم ");
            byte[] three = udhPart(0x42, 3, 3, "سوم");
            f.smsc.injectMoParts("+989121234567", "3000", (byte) 0x08, true, List.of(three, one, two));

            await().atMost(Duration.ofSeconds(5)).until(() -> f.events.of(InboundSms.class).size() == 1);
            assertThat(f.events.of(InboundSms.class).get(0).text()).isEqualTo("اول دوم سوم");
        }
    }

    @Test
    void aShortGsmMoIsHandedOnAtOnce() throws Exception {
        try (BridgeFixture f = BridgeFixture.start()) {
            f.smsc.injectMo("+989121234567", "3000", "STOP");

            await().atMost(Duration.ofSeconds(5)).until(() -> f.events.of(InboundSms.class).size() == 1);
            assertThat(f.events.of(InboundSms.class).get(0).text()).isEqualTo("STOP");
            assertThat(f.events.of(InboundSms.class).get(0).parts()).isEqualTo(1);
        }
    }

    private static byte[] udhPart(int ref, int total, int seq, String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_16BE);
        List<Byte> out = new ArrayList<>(List.of((byte) 5, (byte) 0, (byte) 3, (byte) ref, (byte) total, (byte) seq));
        byte[] result = new byte[6 + body.length];
        for (int i = 0; i < 6; i++) {
            result[i] = out.get(i);
        }
        System.arraycopy(body, 0, result, 6, body.length);
        return result;
    }
}

package io.peyk.smpp.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.peyk.smpp.BridgeEvent.BindStateChanged;
import io.peyk.smpp.BridgeEvent.MessageFinal;
import io.peyk.smpp.BridgeEvent.PartFailed;
import io.peyk.smpp.BridgeEvent.PartSubmitted;
import io.peyk.smpp.BridgeFixture;
import io.peyk.smpp.OutboundSms;
import io.peyk.smpp.pdu.CommandStatus;
import io.peyk.smpp.pdu.MessageState;
import io.peyk.smpp.simulator.ReceivedSubmit;

/** Window, throttling, error codes and the connector rate limit, against the simulator over loopback. */
class FlowControlTest {

    @Test
    void throttlingPausesTheBindAndRetriesInOrderWithoutLosingAMessage() throws Exception {
        try (BridgeFixture f = BridgeFixture.start(c -> c.windowSize(1))) {
            f.smsc.throttleEvery(3);
            int n = 30;
            for (int i = 0; i < n; i++) {
                f.bridge.submit(OutboundSms.of("t-" + i, "Peyk", "+989121234567", "msg " + i));
            }
            await().atMost(Duration.ofSeconds(15)).until(() -> f.events.of(PartSubmitted.class).size() == n);

            assertThat(f.events.of(PartFailed.class)).isEmpty();
            assertThat(f.events.of(BindStateChanged.class, e -> e.state() == BindState.THROTTLED)).isNotEmpty();
            List<String> acceptedOrder = f.smsc.received().stream().filter(r -> r.commandStatus() == 0)
                    .map(r -> new String(r.shortMessage())).toList();
            assertThat(acceptedOrder).containsExactlyElementsOf(
                    java.util.stream.IntStream.range(0, n).mapToObj(i -> "msg " + i).toList());
            assertThat(f.smsc.received().stream().filter(r -> r.commandStatus() == CommandStatus.ESME_RTHROTTLED.code()))
                    .hasSizeGreaterThanOrEqualTo(n / 3);
        }
    }

    @Test
    void theWindowFillsUpToItsSizeAndNeverBeyond() throws Exception {
        try (BridgeFixture f = BridgeFixture.start(c -> c.windowSize(3))) {
            f.smsc.responseDelay(Duration.ofMillis(30));
            int n = 30;
            for (int i = 0; i < n; i++) {
                f.bridge.submit(OutboundSms.of("w-" + i, "Peyk", "+989121234567", "window " + i));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> f.events.of(PartSubmitted.class).size() == n);

            assertThat(f.smsc.maxConcurrentSubmits()).isEqualTo(3);
        }
    }

    @Test
    void aPermanentErrorFailsOnlyThatMessageWithItsStatusRecorded() throws Exception {
        try (BridgeFixture f = BridgeFixture.start(c -> c.windowSize(1))) {
            f.smsc.failNext(1, CommandStatus.ESME_RINVDSTADR.code());
            f.bridge.submit(OutboundSms.of("bad", "Peyk", "+989121234567", "first"));
            f.bridge.submit(OutboundSms.of("good", "Peyk", "+989121234567", "second"));

            await().atMost(Duration.ofSeconds(5)).until(() -> f.events.of(MessageFinal.class).size() == 2);
            PartFailed failed = f.events.of(PartFailed.class).get(0);
            assertThat(failed.messageRef()).isEqualTo("bad");
            assertThat(failed.commandStatus()).isEqualTo(0x0B);
            assertThat(failed.reason()).contains("RINVDSTADR");
            assertThat(f.events.of(MessageFinal.class, m -> m.messageRef().equals("bad")).get(0).state())
                    .isEqualTo(MessageState.REJECTED);
            assertThat(f.events.of(MessageFinal.class, m -> m.messageRef().equals("good")).get(0).state())
                    .isEqualTo(MessageState.DELIVERED);
        }
    }

    @Test
    void transientErrorsBeyondTheRetryLimitFailThePart() throws Exception {
        try (BridgeFixture f = BridgeFixture.start(c -> c.windowSize(1).maxTransientRetries(2))) {
            f.smsc.failNext(3, CommandStatus.ESME_RMSGQFUL.code());
            f.bridge.submit(OutboundSms.of("full", "Peyk", "+989121234567", "queue full"));

            await().atMost(Duration.ofSeconds(5)).until(() -> f.events.of(PartFailed.class).size() == 1);
            assertThat(f.events.of(PartFailed.class).get(0).commandStatus()).isEqualTo(0x14);
            assertThat(f.smsc.submitCount()).isEqualTo(3);
        }
    }

    @Test
    void theConnectorRateLimitIsNeverExceeded() throws Exception {
        int tps = 40;
        try (BridgeFixture f = BridgeFixture.start(c -> c.binds(2).windowSize(10).maxSubmitsPerSecond(tps))) {
            int n = 100;
            for (int i = 0; i < n; i++) {
                f.bridge.submit(OutboundSms.of("r-" + i, "Peyk", "+989121234567", "rate " + i));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> f.events.of(PartSubmitted.class).size() == n);

            List<Instant> arrivals = f.smsc.received().stream().map(ReceivedSubmit::receivedAt).sorted().toList();
            // The limiter spaces sends 1/tps apart; arrivals are stamped when the simulator's thread picks the PDU up, so
            // scheduling jitter on a loaded 2-core machine can bunch two neighbours. Allow that, never a burst.
            for (int i = 0; i < arrivals.size(); i++) {
                Instant start = arrivals.get(i);
                long inWindow = arrivals.stream().filter(t -> !t.isBefore(start) && t.isBefore(start.plusSeconds(1))).count();
                assertThat(inWindow).isLessThanOrEqualTo(tps + 2);
            }
            Duration span = Duration.between(arrivals.get(0), arrivals.get(n - 1));
            assertThat(span).isGreaterThanOrEqualTo(Duration.ofMillis((n - 1) * 1000L / tps - 100));
        }
    }
}

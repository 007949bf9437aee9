package io.peyk.gateway.message;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.peyk.smpp.SmppBridge;
import io.quarkus.runtime.StartupEvent;

/**
 * {@code peyk_smpp_receipt_latency_seconds{connector}}: from the SMSC's acceptance of a part (submit_sm_resp) to its
 * delivery receipt, as a histogram, so an operator sees how long subscribers wait and alerts when an SMSC or network
 * slows down. Measured on whichever instance gets the receipt, from the submit time stored with the part.
 */
@ApplicationScoped
public class ReceiptLatency {

    /** Receipts can take days (a phone switched off); beyond this they all count in the last bucket. */
    static final Duration MAX_EXPECTED = Duration.ofDays(3);

    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    ReceiptLatency(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Every connector's series exists from the start, so dashboards show an empty histogram rather than nothing. */
    void register(@Observes StartupEvent event, SmppBridge bridge) {
        bridge.config().connectors().forEach(c -> timer(c.name()));
    }

    void record(String connector, OffsetDateTime submittedAt, Instant receiptAt) {
        if (submittedAt == null) {
            return; // the submit was not recorded (a crash between the two): no latency to tell
        }
        Duration latency = Duration.between(submittedAt.toInstant(), receiptAt);
        if (latency.isNegative()) {
            latency = Duration.ZERO; // clocks of two instances disagree slightly
        }
        timer(connector).record(latency);
    }

    private Timer timer(String connector) {
        return timers.computeIfAbsent(connector, c -> Timer.builder("peyk.smpp.receipt.latency").tag("connector", c)
                .description("From submit_sm_resp to the delivery receipt of a part").publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(100)).maximumExpectedValue(MAX_EXPECTED).register(registry));
    }
}

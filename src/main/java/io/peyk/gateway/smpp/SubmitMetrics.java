package io.peyk.gateway.smpp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.peyk.smpp.BridgeEvent;
import io.peyk.smpp.pdu.CommandStatus;

/**
 * {@code peyk_smpp_submits_total{connector, status}}: every part's final submit outcome by its SMPP command status,
 * {@code ESME_ROK} for accepted parts. The submit rate is the ESME_ROK series, the error rate by status all others.
 * Statuses outside SMPP 3.4's list are counted as {@code OTHER}, so a misbehaving SMSC cannot grow the series.
 */
@ApplicationScoped
public class SubmitMetrics {

    static final String OK = "ESME_ROK";
    static final String OTHER = "OTHER";

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    SubmitMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void on(BridgeEvent event) {
        if (event instanceof BridgeEvent.PartSubmitted e) {
            count(e.connector(), OK);
        } else if (event instanceof BridgeEvent.PartFailed e) {
            count(e.connector(), CommandStatus.of(e.commandStatus()).map(Enum::name).orElse(OTHER));
        }
    }

    /** Makes the accepted series exist from the start, so rates and alerts see a zero rather than nothing. */
    void register(String connector) {
        counter(connector, OK);
    }

    private void count(String connector, String status) {
        counter(connector, status).increment();
    }

    private Counter counter(String connector, String status) {
        return counters.computeIfAbsent(connector + '\u0000' + status,
                k -> Counter.builder("peyk.smpp.submits").tag("connector", connector).tag("status", status)
                        .description("SMS parts by the SMSC's final answer to their submit_sm (ESME_ROK = accepted)")
                        .register(registry));
    }
}

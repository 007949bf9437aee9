package io.peyk.gateway.smpp;

import java.util.function.ToDoubleFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.peyk.smpp.BridgeStats;
import io.peyk.smpp.ConnectorConfig;
import io.peyk.smpp.SmppBridge;
import io.quarkus.runtime.StartupEvent;

/**
 * Bridge metrics an operator alerts on: binds up, window use, queue depth, throttling, returned parts and receipts;
 * submits by SMPP status are {@link SubmitMetrics}.
 */
@ApplicationScoped
public class SmppMetrics {

    void register(@Observes StartupEvent event, SmppBridge bridge, SubmitMetrics submits, MeterRegistry registry) {
        for (ConnectorConfig c : bridge.config().connectors()) {
            String connector = c.name();
            Gauge.builder("peyk.smpp.binds.bound", bridge, b -> b.status().get(connector).boundBinds())
                    .tag("connector", connector).description("Binds of the connector that can send now").register(registry);
            Gauge.builder("peyk.smpp.queue.parts", bridge, b -> b.status().get(connector).queuedParts())
                    .tag("connector", connector)
                    .description("Parts taken and not yet answered: waiting for a window slot or in flight")
                    .register(registry);
            Gauge.builder("peyk.smpp.window.in.flight", bridge, b -> b.status().get(connector).inFlight())
                    .tag("connector", connector).description("Submits sent and not yet answered, over all binds")
                    .register(registry);
            Gauge.builder("peyk.smpp.window.capacity", c, x -> (double) x.binds() * x.windowSize())
                    .tag("connector", connector).description("Binds times window: the most submits that can be in flight")
                    .register(registry);
            submits.register(connector);
        }
        counter(registry, bridge, "peyk.smpp.parts.returned", "Parts handed back unsent", BridgeStats::partsReturned);
        counter(registry, bridge, "peyk.smpp.throttled", "Bind pauses after throttling errors", BridgeStats::throttled);
        counter(registry, bridge, "peyk.smpp.receipts.matched", "Receipts matched to a part", BridgeStats::receiptsMatched);
        counter(registry, bridge, "peyk.smpp.receipts.unmatched", "Receipts matching no known part",
                BridgeStats::receiptsUnmatched);
        counter(registry, bridge, "peyk.smpp.receipts.unparseable", "Receipts that could not be read",
                BridgeStats::receiptsUnparseable);
        counter(registry, bridge, "peyk.smpp.inbound.messages", "MO messages received", BridgeStats::inboundMessages);
    }

    private static void counter(MeterRegistry registry, SmppBridge bridge, String name, String description,
            ToDoubleFunction<BridgeStats> value) {
        FunctionCounter.builder(name, bridge, b -> value.applyAsDouble(b.stats())).description(description)
                .register(registry);
    }
}

package io.peyk.gateway.smpp;

import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.peyk.gateway.inbound.InboundRouter;
import io.peyk.gateway.message.DeliveryUpdater;
import io.peyk.gateway.message.ShutdownOrder;
import io.peyk.gateway.role.Roles;
import io.peyk.smpp.BridgeConfig;
import io.peyk.smpp.BridgeEvent;
import io.peyk.smpp.BridgeStats;
import io.peyk.smpp.ConnectorStatus;
import io.peyk.smpp.SmppBridge;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Starts the SMPP bridge with the configured connectors when the gateway starts, and unbinds cleanly when it stops. An
 * instance without the gateway role gets a bridge with no connector: it never binds, and needs no connector configured.
 */
@ApplicationScoped
public class SmppBridgeLifecycle {

    private static final Logger LOG = Logger.getLogger(SmppBridgeLifecycle.class);

    private final SmppBridge bridge;

    SmppBridgeLifecycle(SmppConfig config, PostgresPartIdStore store, BridgeEventRecorder recorder,
            DeliveryUpdater deliveries, InboundRouter inbound, Roles roles) {
        BridgeConfig bridgeConfig = roles.gateway() ? BridgeConfigFactory.from(config) : BridgeConfig.of(List.of());
        if (roles.gateway() && bridgeConfig.connectors().isEmpty()) {
            throw new IllegalStateException("no SMPP connector configured (peyk.smpp.connectors.<name>.host/port/system-id)");
        }
        this.bridge = SmppBridge.start(bridgeConfig, store, event -> {
            recorder.on(event);
            deliveries.on(event);
            if (event instanceof BridgeEvent.InboundSms mo) {
                inbound.on(mo);
            }
        });
        bridgeConfig.connectors().forEach(c -> LOG.infof("SMPP connector %s -> %s:%d (%d bind(s) x window %d, %s)", c.name(),
                c.host(), c.port(), c.binds(), c.windowSize(), c.bindMode()));
    }

    void onStart(@Observes StartupEvent event) {
        // Eager creation: binds start with the application, not on first use.
    }

    /**
     * Second step of a graceful stop ({@link ShutdownOrder}), once the dispatcher hands nothing more: the bridge waits for
     * the submits in flight to be answered (at most each connector's {@code shutdown-timeout}), unbinds and hands back
     * the queued parts; their outcomes go to the delivery updater, which writes them before the pool closes.
     */
    void onStop(@Observes @Priority(ShutdownOrder.SMPP_BRIDGE) ShutdownEvent event) {
        int inFlight = 0;
        int unanswered = 0;
        for (ConnectorStatus status : bridge.status().values()) {
            unanswered += status.queuedParts(); // counts a part until it is answered, so includes those in flight
            inFlight += status.inFlight();
        }
        BridgeStats before = bridge.stats();
        long began = System.nanoTime();
        LOG.infof("SMPP bridge draining: %d part(s) in flight, %d waiting for a window slot", inFlight,
                Math.max(0, unanswered - inFlight));
        bridge.close();
        BridgeStats after = bridge.stats();
        LOG.infof("SMPP bridge closed in %d ms: %d part(s) answered, %d handed back, %d failed during the drain",
                (System.nanoTime() - began) / 1_000_000, after.partsSubmitted() - before.partsSubmitted(),
                after.partsReturned() - before.partsReturned(), after.partsFailed() - before.partsFailed());
    }

    @Produces
    @Singleton
    SmppBridge bridge() {
        return bridge;
    }
}

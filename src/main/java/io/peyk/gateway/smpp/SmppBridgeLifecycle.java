package io.peyk.gateway.smpp;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.peyk.gateway.inbound.InboundRouter;
import io.peyk.gateway.message.DeliveryUpdater;
import io.peyk.gateway.role.Roles;
import io.peyk.smpp.BridgeConfig;
import io.peyk.smpp.BridgeEvent;
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

    void onStop(@Observes ShutdownEvent event) {
        bridge.close();
    }

    @Produces
    @Singleton
    SmppBridge bridge() {
        return bridge;
    }
}

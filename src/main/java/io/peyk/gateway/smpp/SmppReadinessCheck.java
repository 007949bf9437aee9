package io.peyk.gateway.smpp;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.peyk.smpp.ConnectorStatus;
import io.peyk.smpp.SmppBridge;

/**
 * Ready when every SMSC connector has at least one bound bind; the data shows bound/configured binds and queued parts per
 * connector, so an operator sees at a glance which SMSC is down.
 */
@Readiness
@ApplicationScoped
public class SmppReadinessCheck implements HealthCheck {

    private final SmppBridge bridge;

    SmppReadinessCheck(SmppBridge bridge) {
        this.bridge = bridge;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("smpp-binds");
        boolean up = true;
        for (ConnectorStatus status : bridge.status().values()) {
            up &= status.up();
            response.withData(status.name(), status.boundBinds() + "/" + status.configuredBinds() + " bound, "
                    + status.queuedParts() + " queued");
        }
        return response.status(up).build();
    }
}

package io.peyk.smpp;

import java.util.List;

import io.peyk.smpp.session.Connector.BindStatus;

/**
 * A connector's health: how many of its binds are bound, and its parts taken and not yet answered ({@code queuedParts}:
 * those waiting for a window slot and those in flight; limited by the connector's queue capacity).
 */
public record ConnectorStatus(String name, int boundBinds, int configuredBinds, int queuedParts, List<BindStatus> binds) {

    /** Ready when at least one bind can send. */
    public boolean up() {
        return boundBinds > 0;
    }

    /** Submits sent on the binds and not yet answered. */
    public int inFlight() {
        return binds.stream().mapToInt(BindStatus::inFlight).sum();
    }
}

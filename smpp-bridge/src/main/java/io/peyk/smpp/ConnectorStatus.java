package io.peyk.smpp;

import java.util.List;

import io.peyk.smpp.session.Connector.BindStatus;

/** A connector's health: how many of its binds are bound, and the parts waiting for a window slot. */
public record ConnectorStatus(String name, int boundBinds, int configuredBinds, int queuedParts, List<BindStatus> binds) {

    /** Ready when at least one bind can send. */
    public boolean up() {
        return boundBinds > 0;
    }
}

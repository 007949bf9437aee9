package io.peyk.smpp;

/**
 * Receives the bridge's events. Called on the bridge's own threads (SMPP reader and worker threads): implementations must
 * be quick and thread-safe and hand slow work (database writes, HTTP) to their own executor. An exception thrown here is
 * logged and counted; it never stops a session.
 */
@FunctionalInterface
public interface BridgeListener {

    void on(BridgeEvent event);
}

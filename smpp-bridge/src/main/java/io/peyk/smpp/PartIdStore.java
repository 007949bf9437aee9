package io.peyk.smpp;

import java.util.Optional;

/**
 * Where the bridge keeps which message and part an SMSC message id belongs to, so that receipts arriving hours later, or
 * after a restart, map back. The gateway backs it with PostgreSQL; {@link InMemoryPartIdStore} serves tests and the
 * simulator-only mode. Ids passed in are already normalised for their connector.
 */
public interface PartIdStore {

    /** Records a submitted part. Called before the bridge reports {@link BridgeEvent.PartSubmitted}. */
    void remember(String connector, String smscMessageId, PartRef part);

    /** The part an SMSC id belongs to, if known. */
    Optional<PartRef> lookup(String connector, String smscMessageId);

    /** A submitted part: the caller's message, its 1-based sequence number and its message's part count. */
    record PartRef(String messageRef, int seq, int total) {
    }
}

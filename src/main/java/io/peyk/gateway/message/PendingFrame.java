package io.peyk.gateway.message;

import java.time.Instant;
import java.util.UUID;

/** A message waiting for the app: its id, the partner's opaque payload and when it was accepted. */
public record PendingFrame(UUID messageId, byte[] payload, Instant acceptedAt) {

    @Override
    public String toString() {
        return "PendingFrame[" + messageId + ", " + payload.length + " bytes]";
    }
}

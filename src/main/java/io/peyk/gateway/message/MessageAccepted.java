package io.peyk.gateway.message;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to an accepted message: durable in PostgreSQL before this is sent. */
@Schema(name = "MessageAccepted")
public record MessageAccepted(UUID id, MessageStatus status, String encoding, int segments, String clientRef,
        Instant acceptedAt) {
}

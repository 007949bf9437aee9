package io.peyk.gateway.message;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to an accepted message: durable in PostgreSQL before this is sent. */
@Schema(name = "MessageAccepted")
public record MessageAccepted(UUID id, MessageStatus status,
        @Schema(description = "The channel the message starts on: ott (the app channel) or sms") String channel,
        @Schema(description = "SMS encoding, null without an SMS hop") String encoding,
        @Schema(description = "Billable SMS parts, 0 without an SMS hop") int segments, String clientRef,
        Instant acceptedAt) {
}

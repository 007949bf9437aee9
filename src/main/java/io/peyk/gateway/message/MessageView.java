package io.peyk.gateway.message;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code GET /v1/messages/{id}}: where a message is, part by part, with the time of every transition. */
@Schema(name = "Message")
public record MessageView(UUID id, MessageStatus status, String to, String from, String clientRef, String channel,
        String encoding, int segments, String connector, List<Part> parts, List<Transition> transitions, Error lastError,
        Instant createdAt, Instant updatedAt) {

    /** One SMS part: its SMSC id and receipt state. */
    @Schema(name = "MessagePart")
    public record Part(int seq, String smscMessageId, String state, Integer commandStatus, String errorCode,
            Instant submittedAt, Instant receiptAt) {
    }

    @Schema(name = "MessageTransition")
    public record Transition(MessageStatus status, Instant at) {
    }

    /** The last error: the SMPP command_status when the SMSC gave one, and a description. */
    @Schema(name = "MessageError")
    public record Error(Integer status, String description) {
    }
}

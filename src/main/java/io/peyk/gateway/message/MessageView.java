package io.peyk.gateway.message;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code GET /v1/messages/{id}}: where a message is, part by part, with the time of every transition. */
@Schema(name = "Message")
public record MessageView(UUID id, MessageStatus status, String to, String from, String clientRef,
        @Schema(description = "The channel the message is on, or was delivered over: ott or sms") String channel,
        @Schema(description = "Set once the message left the app channel for SMS") Fallback fallback,
        @Schema(description = "The app-channel hop, when the plan has one") Ott ott,
        String encoding, int segments, String connector, List<Part> parts, List<Transition> transitions, Error lastError,
        Instant createdAt, Instant updatedAt) {

    /** Why (no_device, push_refused, timeout) and when the message fell back to SMS. */
    @Schema(name = "MessageFallback")
    public record Fallback(String reason, Instant at) {
    }

    /**
     * The app-channel hop: the status that counts as success, the app's acknowledgements, the revocation of the OTT copy
     * and an acknowledgement that came after it (recorded, not delivered again).
     */
    @Schema(name = "MessageOtt")
    public record Ott(String successStatus, int fallbackAfterSeconds, int payloadBytes, Instant deliveredAt,
            Instant readAt, Instant revokedAt, String lateAckStatus, Instant lateAckAt) {
    }

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

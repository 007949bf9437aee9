package io.peyk.gateway.message;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /v1/messages/batch}: up to {@code peyk.messages.max-batch-size} messages, each accepted or refused alone. */
@Schema(name = "BatchRequest")
public record BatchRequest(@Schema(required = true) List<SendMessageRequest> messages) {
}

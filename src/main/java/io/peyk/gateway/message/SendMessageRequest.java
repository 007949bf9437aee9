package io.peyk.gateway.message;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code POST /v1/messages}. Unknown fields are refused.
 *
 * @param to destination, E.164 ({@code +98912...}) or national
 * @param from one of the partner's sender ids
 * @param text the text, at most the configured number of SMS parts
 * @param clientRef the partner's own reference, echoed in status and webhooks (≤ 128 characters)
 * @param callbackUrl webhook URL for this message instead of the partner's default
 * @param validitySeconds how long the SMSC may try (60..259200)
 */
@Schema(name = "SendMessageRequest")
public record SendMessageRequest(@Schema(required = true, example = "+989121234567") String to,
        @Schema(required = true, example = "3000") String from,
        @Schema(required = true, example = "سلام") String text,
        @Schema(example = "order-1234") String clientRef,
        @Schema(example = "https://partner.example/peyk/webhook") String callbackUrl,
        @Schema(example = "86400") Integer validitySeconds) {

    @Override
    public String toString() {
        return "SendMessageRequest[to=" + to + ", from=" + from + ", clientRef=" + clientRef + "]";
    }
}

package io.peyk.gateway.message;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code POST /v1/messages}. Unknown fields are refused.
 *
 * @param to destination, E.164 ({@code +98912...}) or national
 * @param from one of the partner's sender ids
 * @param text the SMS text, at most the configured number of SMS parts
 * @param clientRef the partner's own reference, echoed in status and webhooks (≤ 128 characters)
 * @param callbackUrl webhook URL for this message instead of the partner's default
 * @param validitySeconds how long the SMSC may try (60..259200)
 * @param channels the channel plan: ordered hops, {@code ott} first if present, then {@code sms}; without it the
 *     partner's default plan applies
 * @param payload the OTT payload (base64) when the partner's default plan starts with the app channel
 */
@Schema(name = "SendMessageRequest")
public record SendMessageRequest(@Schema(required = true, example = "+989121234567") String to,
        @Schema(required = true, example = "3000") String from,
        @Schema(example = "سلام") String text,
        @Schema(example = "order-1234") String clientRef,
        @Schema(example = "https://partner.example/peyk/webhook") String callbackUrl,
        @Schema(example = "86400") Integer validitySeconds,
        @Schema(description = "Ordered hops: [{type: ott, payload, successStatus, fallbackAfterSeconds}, {type: sms, text}]") List<ChannelRequest> channels,
        @Schema(description = "OTT payload (base64) for the partner's default plan") String payload) {

    /** An SMS-only request (the shape before channel plans). */
    public SendMessageRequest(String to, String from, String text, String clientRef, String callbackUrl,
            Integer validitySeconds) {
        this(to, from, text, clientRef, callbackUrl, validitySeconds, null, null);
    }

    @Override
    public String toString() {
        return "SendMessageRequest[to=" + to + ", from=" + from + ", clientRef=" + clientRef + "]";
    }
}

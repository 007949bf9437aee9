package io.peyk.gateway.message;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One hop of a channel plan, as sent. {@code ott}: the app channel, with {@code payload} (base64, opaque to Peyk),
 * {@code successStatus} ({@code delivered} or {@code read}) and {@code fallbackAfterSeconds}. {@code sms}: with
 * {@code text} (or the message's top-level {@code text}).
 */
@Schema(name = "ChannelHop")
public record ChannelRequest(@Schema(required = true, enumeration = {
        "ott", "sms"}) String type,
        @Schema(description = "ott: the partner's payload, base64 (standard alphabet), opaque to Peyk") String payload,
        @Schema(description = "ott: the acknowledgement that counts as success", enumeration = {"delivered",
                "read"}, defaultValue = "delivered") String successStatus,
        @Schema(description = "ott: seconds to wait for success before the next hop (or expiry)", defaultValue = "30") Integer fallbackAfterSeconds,
        @Schema(description = "sms: the text (else the message's text)") String text){

    @Override
    public String toString() {
        return "ChannelRequest[type=" + type + "]";
    }
}

package io.peyk.gateway.admin;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /admin/v1/partners}, as sent; {@link PartnerRequests} validates it. */
@Schema(description = "A partner to create")
public record CreatePartnerRequest(
        @Schema(required = true, description = "Unique name, 1 to 100 characters", examples = "acme-chat") String name,
        @Schema(required = true, description = "1 to 50 sender ids: E.164 numbers (+ and 8 to 15 digits), short codes"
                + " (3 to 8 digits) or alphanumeric names (1 to 11 of A-Z a-z 0-9 and spaces, at least one letter)", examples = "[\"Acme\", \"3000\", \"+989120000000\"]") List<String> senderIds,
        @Schema(description = "Absolute http(s) URL receiving the partner's webhooks, at most 2000 characters", examples = "https://acme.example/peyk/webhooks") String webhookUrl,
        @Schema(description = "IANA time zone", defaultValue = "Asia/Tehran") String timeZone,
        @Schema(required = true, description = "Messages per second, 1 to 100000", minimum = "1", maximum = "100000") Integer rateLimitPerSecond) {
}

package io.peyk.gateway.inbound;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A stored keyword rule: MO to {@code senderId} whose keyword is {@code keyword} goes to {@code partnerId}. */
@Schema(description = "A keyword rule for inbound SMS")
public record KeywordRule(
        @Schema(description = "The short code or number the MO is sent to", examples = "3000") String senderId,
        @Schema(description = "The keyword, normalised (lower case, ASCII digits, Persian yeh and kaf)", examples = "snapp") String keyword,
        UUID partnerId, OffsetDateTime createdAt) {
}

package io.peyk.gateway.inbound;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /admin/v1/inbound-keywords}, as sent; {@link InboundKeywordResource} validates it. */
@Schema(description = "A keyword rule to add")
public record KeywordRuleRequest(
        @Schema(required = true, description = "The short code (3 to 8 digits) or E.164 number (+ and 8 to 15 digits)"
                + " the MO is sent to", examples = "3000") String senderId,
        @Schema(required = true, description = "One word: 1 to 32 letters, digits, marks or - _ . once normalised (NFKC,"
                + " lower case, ASCII digits, Persian yeh and kaf)", examples = "SNAPP") String keyword,
        @Schema(required = true, description = "The partner that receives the MO") UUID partnerId) {
}

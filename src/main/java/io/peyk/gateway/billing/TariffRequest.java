package io.peyk.gateway.billing;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code POST /admin/v1/partners/{id}/tariffs}: a new tariff version. Prices are keyed by meter kind
 * ({@code ott.message}, {@code sms.segment}, {@code sms.inbound}, {@code data.sponsored}, {@code data.revenue}); a meter
 * left out is metered but not charged.
 */
@Schema(description = "A new tariff version of a partner")
public record TariffRequest(
        @Schema(required = true, description = "When the version takes effect (ISO-8601 with offset)") OffsetDateTime effectiveFrom,
        @Schema(description = "ISO 4217 currency, default IRR") String currency,
        @Schema(description = "The partner's share of data revenue, percent 0..100 (default 0)") BigDecimal revenueSharePercent,
        @Schema(required = true, description = "Graduated prices per meter kind") Map<String, List<TierRequest>> prices,
        @Schema(description = "Why this version exists (a contract reference, a correction)") String note) {

    /** One tier: units up to {@code upTo} (exclusive; absent for the last tier) at {@code unitPrice} each. */
    public record TierRequest(BigDecimal upTo, @Schema(required = true) BigDecimal unitPrice) {
    }
}

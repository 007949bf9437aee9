package io.peyk.gateway.admin;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.peyk.gateway.partner.PartnerRecord;
import io.peyk.gateway.partner.PartnerStatus;

/** A partner as the admin API shows it: never its webhook secret nor key hashes. */
@Schema(description = "A partner (no secrets)")
public record PartnerView(UUID id, String name, List<String> senderIds,
        @Schema(nullable = true) String webhookUrl, String timeZone, int rateLimitPerSecond, PartnerStatus status,
        @Schema(description = "The channel plan for messages sent without one (hops without content)") List<Map<String, Object>> defaultChannels,
        OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    static PartnerView of(PartnerRecord record) {
        var p = record.partner();
        return new PartnerView(p.id(), p.name(), p.senderIds(), p.webhookUrl().orElse(null), p.timeZone().getId(),
                p.rateLimitPerSecond(), p.status(),
                p.defaultChannels().asMaps(), record.createdAt(), record.updatedAt());
    }
}

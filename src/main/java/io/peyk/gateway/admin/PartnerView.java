package io.peyk.gateway.admin;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.peyk.gateway.partner.PartnerRecord;
import io.peyk.gateway.partner.PartnerStatus;

/** A partner as the admin API shows it: never its webhook secret nor key hashes. */
@Schema(description = "A partner (no secrets)")
public record PartnerView(UUID id, String name, List<String> senderIds,
        @Schema(nullable = true) String webhookUrl, String timeZone, int rateLimitPerSecond, PartnerStatus status,
        OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    static PartnerView of(PartnerRecord record) {
        var p = record.partner();
        return new PartnerView(p.id(), p.name(), p.senderIds(), p.webhookUrl().orElse(null), p.timeZone().getId(),
                p.rateLimitPerSecond(), p.status(), record.createdAt(), record.updatedAt());
    }
}

package io.peyk.gateway.admin;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.peyk.gateway.partner.PartnerRepository;
import io.peyk.gateway.partner.PartnerStatus;

/** The answer to creating a partner: the partner, its first API key and its webhook secret, both shown only here. */
@Schema(description = "A created partner with its first API key and webhook secret (shown once)")
public record CreatedPartnerView(UUID id, String name, List<String> senderIds,
        @Schema(nullable = true) String webhookUrl, String timeZone, int rateLimitPerSecond, PartnerStatus status,
        OffsetDateTime createdAt, OffsetDateTime updatedAt,
        @Schema(description = "The API key (peyk_live_...); shown once, stored only as a hash") String apiKey,
        UUID apiKeyId, @Schema(description = "First 8 characters of the key after peyk_live_") String apiKeyPrefix,
        @Schema(description = "HMAC-SHA256 webhook signing secret (whsec_...); shown once") String webhookSecret) {

    static CreatedPartnerView of(PartnerRepository.Created created) {
        PartnerView p = PartnerView.of(created.partner());
        return new CreatedPartnerView(p.id(), p.name(), p.senderIds(), p.webhookUrl(), p.timeZone(),
                p.rateLimitPerSecond(), p.status(), p.createdAt(), p.updatedAt(), created.keyPlaintext(),
                created.key().id(), created.key().prefix(), created.partner().partner().webhookSecret());
    }

    @Override
    public String toString() {
        return "CreatedPartnerView[id=" + id + ", name=" + name + "]";
    }
}

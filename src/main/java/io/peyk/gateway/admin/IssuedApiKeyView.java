package io.peyk.gateway.admin;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.peyk.gateway.partner.PartnerRepository;

/** A newly issued API key: the only time the key itself is shown. */
@Schema(description = "A new API key (shown once)")
public record IssuedApiKeyView(UUID id, @Schema(description = "The API key; shown once") String apiKey, String prefix,
        OffsetDateTime createdAt) {

    static IssuedApiKeyView of(PartnerRepository.IssuedKey issued) {
        return new IssuedApiKeyView(issued.key().id(), issued.plaintext(), issued.key().prefix(),
                issued.key().createdAt());
    }

    @Override
    public String toString() {
        return "IssuedApiKeyView[id=" + id + ", prefix=" + prefix + "]";
    }
}

package io.peyk.gateway.admin;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.peyk.gateway.partner.ApiKeyInfo;

/** An API key in a listing: no key, no hash. */
@Schema(description = "An API key (never the key itself)")
public record ApiKeyView(UUID id, String prefix, OffsetDateTime createdAt,
        @Schema(nullable = true) OffsetDateTime revokedAt) {

    static ApiKeyView of(ApiKeyInfo key) {
        return new ApiKeyView(key.id(), key.prefix(), key.createdAt(), key.revokedAt().orElse(null));
    }
}

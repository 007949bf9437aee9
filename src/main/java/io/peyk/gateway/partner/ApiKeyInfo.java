package io.peyk.gateway.partner;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/** An API key as the operator sees it: never the key nor its hash. */
public record ApiKeyInfo(UUID id, UUID partnerId, String prefix, OffsetDateTime createdAt,
        Optional<OffsetDateTime> revokedAt) {
}

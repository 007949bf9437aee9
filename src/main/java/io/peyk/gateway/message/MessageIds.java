package io.peyk.gateway.message;

import java.util.Optional;
import java.util.UUID;

import io.peyk.billing.ledger.TransferIds;

/**
 * Time-sortable message ids (UUID version 7: 48 bits of Unix milliseconds, then randomness), generated before the insert so
 * the id is known, and persisted, before anything is sent.
 */
public final class MessageIds {

    private MessageIds() {
    }

    /** The same UUIDv7 generator as the ledger's (one implementation, in the billing library). */
    public static UUID next() {
        return TransferIds.next();
    }

    /** Parses an id from a path; anything that is not a UUID is simply not found. */
    public static Optional<UUID> parse(String raw) {
        if (raw == null || raw.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(raw));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}

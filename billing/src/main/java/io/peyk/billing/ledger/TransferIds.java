package io.peyk.billing.ledger;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Time-sortable transfer ids (UUID version 7: 48 bits of Unix milliseconds, then randomness), for callers that do not
 * derive their ids from what they post. The caller generates the id and persists it with its own state before posting,
 * so that a retry after a crash posts the same id.
 */
public final class TransferIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TransferIds() {
    }

    public static UUID next() {
        long millis = System.currentTimeMillis();
        long randA = RANDOM.nextInt(1 << 12);
        long msb = (millis << 16) | (0x7L << 12) | randA;
        long lsb = (RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }
}

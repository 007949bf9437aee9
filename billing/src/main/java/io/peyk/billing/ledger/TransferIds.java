package io.peyk.billing.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Transfer ids: time-sortable ones (UUID version 7: 48 bits of Unix milliseconds, then randomness) for callers that do
 * not derive their ids from what they post — the caller generates the id and persists it with its own state before
 * posting, so that a retry after a crash posts the same id — and name-based ones (UUID version 5) for callers that do
 * ({@link #named(String)}: the same name gives the same id in every database, so a replay posts the same transfers).
 */
public final class TransferIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** The namespace of name-based transfer ids. */
    private static final UUID TRANSFER_NAMESPACE = UUID.fromString("5f0b6f54-9a55-4b8e-a0f4-2d35c1e1e7c9");

    private TransferIds() {
    }

    public static UUID next() {
        long millis = System.currentTimeMillis();
        long randA = RANDOM.nextInt(1 << 12);
        long msb = (millis << 16) | (0x7L << 12) | randA;
        long lsb = (RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }

    /** The name-based id of a transfer whose name says what it posts ({@code billing:<partner>:2026-11:3}). */
    public static UUID named(String name) {
        return nameBased(TRANSFER_NAMESPACE, name);
    }

    /** An RFC 9562 name-based UUID, version 5: SHA-1 of the namespace and the UTF-8 name. */
    static UUID nameBased(UUID namespace, String name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE has SHA-1", e);
        }
        ByteBuffer ns = ByteBuffer.allocate(16);
        ns.putLong(namespace.getMostSignificantBits()).putLong(namespace.getLeastSignificantBits());
        sha1.update(ns.array());
        ByteBuffer hash = ByteBuffer.wrap(sha1.digest(name.getBytes(StandardCharsets.UTF_8)));
        long msb = hash.getLong();
        long lsb = hash.getLong();
        msb = (msb & ~0xF000L) | 0x5000L;
        lsb = (lsb & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }
}

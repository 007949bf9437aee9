package io.peyk.gateway.crypto;

import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * Encryption at rest of message text ({@code peyk.crypto.*}). {@code keys} maps a key id (1 to 32 letters and digits,
 * case-insensitive) to the base64 of a 32-byte AES key: secrets, set from the environment as
 * {@code PEYK_CRYPTO_KEYS_<ID>}. {@code active-key} ({@code PEYK_CRYPTO_ACTIVE_KEY}) is the id new text is encrypted
 * under. Production has no default: a gateway instance refuses to start without them. The {@code dev} and {@code test}
 * profiles use fixed, published keys that protect nothing.
 */
@ConfigMapping(prefix = "peyk.crypto")
public interface CryptoConfig {

    /** Most keys configured at once. */
    int MAX_KEYS = 16;

    /** Key id to the base64 of a 32-byte key. */
    Map<String, String> keys();

    /** The id of the key new values are encrypted under. */
    Optional<String> activeKey();
}

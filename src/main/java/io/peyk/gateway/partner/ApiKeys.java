package io.peyk.gateway.partner;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Partner API keys and webhook secrets. A key is {@code peyk_live_} + 32 random bytes in base64url (no padding); the
 * gateway keeps only its SHA-256 hash (the key is random and long, so a plain hash is enough) and an 8-character prefix
 * to tell keys apart. A webhook secret is {@code whsec_} + 32 random bytes in base64url, stored as it is (it signs).
 */
public final class ApiKeys {

    public static final String KEY_TAG = "peyk_live_";
    public static final String SECRET_TAG = "whsec_";
    /** Length of the stored prefix. */
    public static final int PREFIX_LENGTH = 8;
    /** Longest bearer value hashed; longer ones are refused without a database look-up. */
    public static final int MAX_KEY_LENGTH = 200;

    private static final int RANDOM_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private ApiKeys() {
    }

    /** A new API key: its plaintext (shown once), hash and prefix. */
    public static NewApiKey generate() {
        String key = KEY_TAG + randomBase64Url();
        return new NewApiKey(key, hash(key), prefixOf(key));
    }

    /** A new webhook signing secret. */
    public static String newWebhookSecret() {
        return SECRET_TAG + randomBase64Url();
    }

    /** SHA-256 of the key's UTF-8 bytes. */
    public static byte[] hash(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * The part of a key people see in listings: the first 8 characters after the {@code peyk_live_} (or any
     * {@code peyk_}) tag, or of the key itself.
     */
    public static String prefixOf(String key) {
        String rest = key.startsWith(KEY_TAG)
                ? key.substring(KEY_TAG.length())
                : key.startsWith("peyk_") ? key.substring("peyk_".length()) : key;
        return rest.substring(0, Math.min(PREFIX_LENGTH, rest.length()));
    }

    private static String randomBase64Url() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }

    /** A freshly generated key. The plaintext exists only until it is shown to the operator. */
    public record NewApiKey(String plaintext, byte[] hash, String prefix) {

        public NewApiKey {
            hash = hash.clone();
        }

        @Override
        public byte[] hash() {
            return hash.clone();
        }

        @Override
        public String toString() {
            return "NewApiKey[prefix=" + prefix + "]";
        }
    }
}

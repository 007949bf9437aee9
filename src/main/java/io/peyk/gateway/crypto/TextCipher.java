package io.peyk.gateway.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts message text at rest with AES-256-GCM under named keys ({@code peyk.crypto.keys.<id>}), new values under the
 * active key. A stored value is a self-describing envelope:
 *
 * <pre>
 * version (1 byte, 0x01) | key id length L (1 byte, 1..32) | key id (L bytes, ASCII [a-z0-9]) | nonce (12 bytes)
 *   | ciphertext | tag (16 bytes)
 * </pre>
 *
 * The nonce is random (96 bits) for every value. The associated data is the envelope's header (version, key id) followed by
 * the UTF-8 bytes of {@code <column label>:<row id>} (e.g. {@code message.text:0190...}), so a value moved to another row
 * or column, or given another key id, fails to decrypt. Rotation: add a key, make it active; values under the old key stay
 * readable while that key is configured. With random nonces a key should encrypt well under 2^32 values: rotate long
 * before.
 *
 * <p>
 * The same keys also make keyed digests ({@link #digest}), for values that must be compared but not stored readable.
 *
 * <p>
 * Keys never leave this class: {@link #toString()} names only the key ids, and exceptions carry neither key material nor
 * text.
 */
public final class TextCipher {

    /** The envelope version this class writes and reads. */
    public static final byte VERSION = 0x01;
    /** Most UTF-8 bytes of a text encrypted (a long binary MO as hex is about 71 KB). */
    public static final int MAX_PLAINTEXT_BYTES = 256 * 1024;
    /** Longest key id. */
    public static final int MAX_KEY_ID_LENGTH = 32;
    /** Most bytes of an envelope: header with the longest key id, nonce, the longest text and the tag. */
    public static final int MAX_ENVELOPE_BYTES = 2 + MAX_KEY_ID_LENGTH + 12 + MAX_PLAINTEXT_BYTES + 16;
    /** Bytes of an AES-256 key. */
    public static final int KEY_BYTES = 32;

    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;
    private static final Pattern KEY_ID = Pattern.compile("[a-z0-9]{1," + MAX_KEY_ID_LENGTH + "}");
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final String HMAC = "HmacSHA256";
    /** Derives a key's digest key (HMAC-SHA256 of this label under the key), so no key serves two algorithms. */
    private static final String DIGEST_KEY_LABEL = "peyk request digest v1";
    static final int DIGEST_BYTES = 32;

    /** Fills a nonce; random in production, fixed in golden tests. */
    interface NonceSource {

        void fill(byte[] nonce);
    }

    private final Map<String, SecretKey> keys;
    private final Map<String, SecretKey> digestKeys;
    private final String activeKeyId;
    private final NonceSource nonces;

    TextCipher(Map<String, byte[]> keys, String activeKeyId, NonceSource nonces) {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(nonces, "nonces");
        Map<String, SecretKey> copy = new LinkedHashMap<>();
        keys.forEach((id, key) -> {
            String keyId = normaliseKeyId(id);
            if (key == null || key.length != KEY_BYTES) {
                throw new IllegalArgumentException("peyk.crypto.keys." + keyId + " must be " + KEY_BYTES
                        + " bytes (base64 of a 256-bit key), got " + (key == null ? 0 : key.length));
            }
            if (copy.put(keyId, new SecretKeySpec(key, "AES")) != null) {
                throw new IllegalArgumentException("key id " + keyId + " is configured twice (key ids ignore case)");
            }
        });
        if (activeKeyId == null || activeKeyId.isBlank()) {
            throw new IllegalArgumentException("peyk.crypto.active-key (PEYK_CRYPTO_ACTIVE_KEY) is not set");
        }
        String active = normaliseKeyId(activeKeyId);
        if (!copy.containsKey(active)) {
            throw new IllegalArgumentException("peyk.crypto.active-key is '" + active + "' but no key peyk.crypto.keys."
                    + active + " (PEYK_CRYPTO_KEYS_" + active.toUpperCase(Locale.ROOT) + ") is configured");
        }
        this.keys = Collections.unmodifiableMap(copy);
        Map<String, SecretKey> derived = new LinkedHashMap<>();
        copy.forEach((keyId, key) -> derived.put(keyId, new SecretKeySpec(hmac(key,
                DIGEST_KEY_LABEL.getBytes(StandardCharsets.US_ASCII)), HMAC)));
        this.digestKeys = Collections.unmodifiableMap(derived);
        this.activeKeyId = active;
        this.nonces = nonces;
    }

    /**
     * A cipher over these keys (key id to the base64 of 32 bytes) that encrypts new values under {@code activeKeyId}.
     *
     * @throws IllegalArgumentException naming the offending setting (never its value) when a key id is not 1 to 32
     *     letters and digits, a key is not base64 of 32 bytes, or the active key is not among the keys
     */
    public static TextCipher of(Map<String, String> base64Keys, String activeKeyId) {
        Map<String, byte[]> decoded = new LinkedHashMap<>();
        base64Keys.forEach((id, value) -> {
            String keyId = normaliseKeyId(id);
            if (decoded.containsKey(keyId)) {
                throw new IllegalArgumentException("key id " + keyId + " is configured twice (key ids ignore case)");
            }
            try {
                decoded.put(keyId, Base64.getDecoder().decode(value.strip()));
            } catch (IllegalArgumentException e) {
                // Not the decoder's message: it may quote the value.
                throw new IllegalArgumentException("peyk.crypto.keys." + keyId + " is not valid base64");
            }
        });
        SecureRandom random = new SecureRandom();
        return new TextCipher(decoded, activeKeyId, random::nextBytes);
    }

    /** The id of the key new values are encrypted under. */
    public String activeKeyId() {
        return activeKeyId;
    }

    /** The ids of the configured keys. */
    public Set<String> keyIds() {
        return keys.keySet();
    }

    /** The envelope of {@code text} stored in {@code column} of the row {@code rowId}, under the active key. */
    public byte[] encrypt(TextColumn column, UUID rowId, String text) {
        byte[] plain = text.getBytes(StandardCharsets.UTF_8);
        if (plain.length > MAX_PLAINTEXT_BYTES) {
            throw new TextCipherException(TextCipherException.Reason.TOO_LONG,
                    "text of " + plain.length + " UTF-8 bytes exceeds " + MAX_PLAINTEXT_BYTES);
        }
        byte[] id = activeKeyId.getBytes(StandardCharsets.US_ASCII);
        byte[] nonce = new byte[NONCE_BYTES];
        nonces.fill(nonce);
        ByteBuffer out = ByteBuffer.allocate(2 + id.length + NONCE_BYTES + plain.length + TAG_BITS / 8);
        out.put(VERSION).put((byte) id.length).put(id);
        byte[] header = Arrays.copyOf(out.array(), out.position());
        out.put(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(header, column, rowId));
            cipher.doFinal(ByteBuffer.wrap(plain), out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK: " + e.getClass().getSimpleName());
        }
        return out.array();
    }

    /**
     * The text of an envelope stored in {@code column} of the row {@code rowId}.
     *
     * @throws TextCipherException when the envelope is malformed, names a key not configured, or does not authenticate
     *     (altered, or written for another row or column)
     */
    public String decrypt(TextColumn column, UUID rowId, byte[] envelope) {
        String keyId = keyIdOf(envelope);
        SecretKey key = keys.get(keyId);
        if (key == null) {
            throw new TextCipherException(TextCipherException.Reason.UNKNOWN_KEY, "the " + column.label()
                    + " of row " + rowId + " is encrypted under key '" + keyId + "', which is not configured: add"
                    + " peyk.crypto.keys." + keyId + " (PEYK_CRYPTO_KEYS_" + keyId.toUpperCase(Locale.ROOT)
                    + ") back to read it");
        }
        int headerLength = 2 + keyId.length();
        if (envelope.length < headerLength + NONCE_BYTES + TAG_BITS / 8) {
            throw malformed(column, rowId, "truncated");
        }
        byte[] header = Arrays.copyOf(envelope, headerLength);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, envelope, headerLength, NONCE_BYTES));
            cipher.updateAAD(associatedData(header, column, rowId));
            int offset = headerLength + NONCE_BYTES;
            byte[] plain = cipher.doFinal(envelope, offset, envelope.length - offset);
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(plain)).toString();
        } catch (AEADBadTagException e) {
            throw new TextCipherException(TextCipherException.Reason.AUTHENTICATION_FAILED, "the " + column.label()
                    + " of row " + rowId + " does not authenticate under key '" + keyId
                    + "': altered, copied from another row, or the key changed");
        } catch (CharacterCodingException e) {
            throw malformed(column, rowId, "not UTF-8");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK: " + e.getClass().getSimpleName());
        }
    }

    /**
     * A keyed digest of {@code data} under the active key, for telling a retried request from another without storing
     * anything a guessed text can be checked against: {@code version | key id length | key id | HMAC-SHA256} with a key
     * derived from the active key.
     */
    public byte[] digest(byte[] data) {
        byte[] id = activeKeyId.getBytes(StandardCharsets.US_ASCII);
        byte[] mac = hmac(digestKeys.get(activeKeyId), data);
        return ByteBuffer.allocate(2 + id.length + mac.length).put(VERSION).put((byte) id.length).put(id).put(mac)
                .array();
    }

    /**
     * Whether {@code stored} (made by {@link #digest}) is the digest of {@code data}, under the key it names (an older key
     * after a rotation too); compared in constant time.
     *
     * @throws TextCipherException when {@code stored} is malformed or names a key that is not configured
     */
    public boolean digestMatches(byte[] stored, byte[] data) {
        String keyId = keyIdOf(stored);
        SecretKey key = digestKeys.get(keyId);
        if (key == null) {
            throw new TextCipherException(TextCipherException.Reason.UNKNOWN_KEY, "a request digest is keyed with '"
                    + keyId + "', which is not configured (peyk.crypto.keys." + keyId + ")");
        }
        if (stored.length != 2 + keyId.length() + DIGEST_BYTES) {
            throw new TextCipherException(TextCipherException.Reason.MALFORMED, "a request digest of the wrong length");
        }
        byte[] expected = Arrays.copyOfRange(stored, 2 + keyId.length(), stored.length);
        return MessageDigest.isEqual(expected, hmac(key, data));
    }

    /**
     * The key id an envelope names.
     *
     * @throws TextCipherException ({@code MALFORMED}) when the bytes are not a version 1 envelope
     */
    public static String keyIdOf(byte[] envelope) {
        if (envelope == null || envelope.length < 2 || envelope[0] != VERSION) {
            throw new TextCipherException(TextCipherException.Reason.MALFORMED,
                    "not a version " + VERSION + " text envelope");
        }
        if (envelope.length > MAX_ENVELOPE_BYTES) {
            throw new TextCipherException(TextCipherException.Reason.MALFORMED,
                    "text envelope longer than " + MAX_ENVELOPE_BYTES + " bytes");
        }
        int length = envelope[1] & 0xFF;
        if (length < 1 || length > MAX_KEY_ID_LENGTH || envelope.length < 2 + length) {
            throw new TextCipherException(TextCipherException.Reason.MALFORMED, "text envelope with a bad key id");
        }
        String keyId = new String(envelope, 2, length, StandardCharsets.US_ASCII);
        if (!KEY_ID.matcher(keyId).matches()) {
            throw new TextCipherException(TextCipherException.Reason.MALFORMED, "text envelope with a bad key id");
        }
        return keyId;
    }

    /** A key id in its stored form: lower case, 1 to 32 letters and digits. */
    static String normaliseKeyId(String id) {
        String keyId = id == null ? "" : id.strip().toLowerCase(Locale.ROOT);
        if (!KEY_ID.matcher(keyId).matches()) {
            throw new IllegalArgumentException("a peyk.crypto key id must be 1 to " + MAX_KEY_ID_LENGTH
                    + " letters and digits");
        }
        return keyId;
    }

    private static byte[] hmac(SecretKey key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key.getEncoded(), HMAC));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK: " + e.getClass().getSimpleName());
        }
    }

    private static byte[] associatedData(byte[] header, TextColumn column, UUID rowId) {
        byte[] context = (column.label() + ":" + rowId).getBytes(StandardCharsets.US_ASCII);
        byte[] ad = Arrays.copyOf(header, header.length + context.length);
        System.arraycopy(context, 0, ad, header.length, context.length);
        return ad;
    }

    private static TextCipherException malformed(TextColumn column, UUID rowId, String why) {
        return new TextCipherException(TextCipherException.Reason.MALFORMED,
                "the " + column.label() + " of row " + rowId + " is not a valid text envelope: " + why);
    }

    @Override
    public String toString() {
        return "TextCipher[active=" + activeKeyId + ", keys=" + keys.keySet() + "]";
    }
}

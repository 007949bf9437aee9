package io.peyk.gateway.crypto;

/**
 * A stored text that cannot be decrypted, or a text that cannot be encrypted. The message names the reason and at most a
 * key id and a column: never key material nor any part of the text.
 */
public final class TextCipherException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why the operation failed. */
    public enum Reason {
        /** The envelope names a key that is not configured: configure it again to read the value. */
        UNKNOWN_KEY,
        /** The bytes are not an envelope this version writes (wrong version byte, truncated, too long). */
        MALFORMED,
        /** The tag did not verify: the value was altered, belongs to another row or column, or the key is wrong. */
        AUTHENTICATION_FAILED,
        /** The text is longer than {@link TextCipher#MAX_PLAINTEXT_BYTES}. */
        TOO_LONG
    }

    private final Reason reason;

    TextCipherException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** Why the operation failed. */
    public Reason reason() {
        return reason;
    }

    /** Whether configuring a missing key could make a retry succeed. */
    public boolean retryable() {
        return reason == Reason.UNKNOWN_KEY;
    }
}

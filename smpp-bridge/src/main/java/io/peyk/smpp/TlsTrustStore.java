package io.peyk.smpp;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A PKCS#12 trust store a connector checks its SMSC's certificate against, for an SMSC whose certificate comes from a
 * private CA. The password is never shown: {@link #toString()} leaves it out.
 *
 * @param file the PKCS#12 file (at most {@link #MAX_FILE_BYTES})
 * @param password its password (at most {@link #MAX_PASSWORD_LENGTH} characters; may be empty)
 */
public record TlsTrustStore(Path file, String password) {

    /** A trust store holds certificates, not data: anything larger is a mistake. */
    public static final long MAX_FILE_BYTES = 1L << 20;
    public static final int MAX_PASSWORD_LENGTH = 1_024;

    public TlsTrustStore {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(password, "password");
        if (file.toString().isBlank()) {
            throw new IllegalArgumentException("a TLS trust store needs a file");
        }
        if (password.length() > MAX_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("a TLS trust store password is at most " + MAX_PASSWORD_LENGTH + " characters");
        }
    }

    @Override
    public String toString() {
        return "TlsTrustStore[file=" + file + ", password=***]";
    }
}

package io.peyk.smpp.session;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.concurrent.TimeUnit;

/**
 * Key material for TLS tests, made in a temporary directory with the JDK's keytool: a server key store (a self-signed EC
 * certificate with the given subject alternative names) and a trust store holding a server's certificate.
 */
final class TlsMaterial {

    static final String STORE_PASSWORD = "peyk-sim-keys";
    private static final String ALIAS = "smsc";

    private TlsMaterial() {
    }

    /** A PKCS#12 key store with one key entry, its certificate for {@code san} (keytool syntax, e.g. {@code dns:localhost}). */
    static Path serverKeyStore(Path dir, String name, String san) throws IOException, InterruptedException {
        Path store = dir.resolve(name + ".p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2", "-dname",
                "CN=" + name, "-ext", "SAN=" + san, "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass",
                STORE_PASSWORD).redirectErrorStream(true).start();
        String out = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + out);
        }
        return store;
    }

    /** A PKCS#12 trust store holding the certificate of {@code serverKeyStore}'s key entry, under {@code password}. */
    static Path trustStoreFor(Path serverKeyStore, Path target, String password) throws IOException {
        try {
            KeyStore server = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(serverKeyStore)) {
                server.load(in, STORE_PASSWORD.toCharArray());
            }
            Certificate certificate = server.getCertificate(ALIAS);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("smsc-ca", certificate);
            try (OutputStream out = Files.newOutputStream(target)) {
                trust.store(out, password.toCharArray());
            }
            return target;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

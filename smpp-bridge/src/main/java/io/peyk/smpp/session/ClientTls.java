package io.peyk.smpp.session;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

import io.peyk.smpp.ConnectorConfig;
import io.peyk.smpp.TlsTrustStore;

/**
 * A connector's TLS client side, built once when the connector is: an {@link SSLContext} trusting the connector's PKCS#12
 * trust store (or the JVM's default one), TLS 1.3 and 1.2 only, and host name verification always on (the SMSC's
 * certificate must name the configured host, by DNS name or IP address, as HTTPS clients check it).
 *
 * @param context the context sockets are made from
 * @param parameters what every socket is given: protocols and endpoint identification
 */
record ClientTls(SSLContext context, SSLParameters parameters) {

    /** Newest first; anything older than TLS 1.2 is never offered. */
    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    /** The endpoint identification of HTTPS (RFC 2818): DNS names and IP addresses in the subject alternative names. */
    static final String ENDPOINT_IDENTIFICATION = "HTTPS";

    /** The TLS client of a connector with {@code tls} on; empty when it is off. */
    static Optional<ClientTls> forConnector(ConnectorConfig config) {
        return config.tls() ? Optional.of(of(config)) : Optional.empty();
    }

    /**
     * The TLS client of a connector with {@code tls} on.
     *
     * @throws IllegalArgumentException naming the connector, when its trust store cannot be read or trusts nothing, or
     *     the JVM offers neither TLS 1.2 nor 1.3
     */
    static ClientTls of(ConnectorConfig config) {
        String connector = config.name();
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(config.tlsTrustStore().map(t -> load(connector, t)).orElse(null));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            List<String> supported = Arrays.asList(context.getSupportedSSLParameters().getProtocols());
            String[] protocols = PROTOCOLS.stream().filter(supported::contains).toArray(String[]::new);
            if (protocols.length == 0) {
                throw new IllegalArgumentException("connector " + connector + ": this JVM offers neither TLS 1.3 nor 1.2");
            }
            SSLParameters parameters = context.getDefaultSSLParameters();
            parameters.setProtocols(protocols);
            parameters.setEndpointIdentificationAlgorithm(ENDPOINT_IDENTIFICATION);
            return new ClientTls(context, parameters);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("connector " + connector + ": cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** A copy of the parameters for one socket (SSLParameters are mutable). */
    SSLParameters socketParameters() {
        SSLParameters p = new SSLParameters(parameters.getCipherSuites(), parameters.getProtocols());
        p.setEndpointIdentificationAlgorithm(parameters.getEndpointIdentificationAlgorithm());
        return p;
    }

    private static KeyStore load(String connector, TlsTrustStore trustStore) {
        String what = "connector " + connector + ": TLS trust store " + trustStore.file();
        try {
            long size = Files.size(trustStore.file());
            if (size > TlsTrustStore.MAX_FILE_BYTES) {
                throw new IllegalArgumentException(what + " is " + size + " bytes, more than a trust store can be ("
                        + TlsTrustStore.MAX_FILE_BYTES + ")");
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(trustStore.file())) {
                store.load(in, trustStore.password().toCharArray());
            }
            if (!holdsACertificate(store)) {
                throw new IllegalArgumentException(what + " holds no trusted certificate");
            }
            return store;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(what + " does not exist", e);
        } catch (IOException | GeneralSecurityException e) {
            // A wrong password shows as an IOException whose cause is UnrecoverableKeyException.
            throw new IllegalArgumentException(what + " cannot be read as PKCS#12 with its password (" + e.getMessage() + ")",
                    e);
        }
    }

    /** Trusted certificate entries, or the certificate of a key entry (the JDK trusts both). */
    private static boolean holdsACertificate(KeyStore store) throws KeyStoreException {
        for (String alias : Collections.list(store.aliases())) {
            if (store.getCertificate(alias) != null) {
                return true;
            }
        }
        return false;
    }
}

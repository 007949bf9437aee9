package io.peyk.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.peyk.gateway.EmbeddedServicesResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The gateway serves its API (and the device WebSocket, on the same server) over TLS itself, from a key store the
 * operator mounts (`quarkus.tls.key-store.*`), and with `quarkus.http.insecure-requests=disabled` plain HTTP is not
 * served at all. The key store is made for the test with the JDK's keytool (a self-signed certificate for localhost).
 */
@QuarkusTest
@TestProfile(TlsTest.TlsOnly.class)
@WithTestResource(EmbeddedServicesResource.class)
class TlsTest {

    static final String PASSWORD = "peyk-test-tls";

    /** TLS only, from a key store made by {@link KeyStoreResource}. */
    public static final class TlsOnly implements QuarkusTestProfile {

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(KeyStoreResource.class));
        }
    }

    /** Makes a PKCS#12 key store with keytool and points the TLS registry and the HTTPS port at it. */
    public static final class KeyStoreResource implements QuarkusTestResourceLifecycleManager {

        static Path store;

        @Override
        public Map<String, String> start() {
            try {
                Path dir = Files.createDirectories(Path.of("target", "tls-test"));
                store = dir.resolve("peyk-" + System.nanoTime() + ".p12");
                Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool")
                        .toString(), "-genkeypair", "-alias", "peyk", "-keyalg", "EC", "-groupname", "secp256r1",
                        "-validity", "2", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                        "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", PASSWORD)
                        .redirectErrorStream(true).start();
                String out = new String(keytool.getInputStream().readAllBytes());
                if (!keytool.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                    throw new IllegalStateException("keytool failed: " + out);
                }
                int port;
                int plainPort;
                try (ServerSocket s = new ServerSocket(0); ServerSocket p = new ServerSocket(0)) {
                    port = s.getLocalPort();
                    plainPort = p.getLocalPort();
                }
                return Map.of("quarkus.tls.key-store.p12.path", store.toAbsolutePath().toString(),
                        "quarkus.tls.key-store.p12.password", PASSWORD,
                        "quarkus.http.insecure-requests", "disabled",
                        "quarkus.http.test-ssl-port", Integer.toString(port),
                        "quarkus.http.test-port", Integer.toString(plainPort));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void stop() {
        }
    }

    private static HttpClient trusting() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(KeyStoreResource.store)) {
            trust.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Test
    void theApiIsServedOverTlsAndPlainHttpIsNot() throws Exception {
        int httpsPort = ConfigProvider.getConfig().getValue("quarkus.http.test-ssl-port", Integer.class);
        HttpClient client = trusting();
        HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + httpsPort
                + "/q/health/live")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.sslSession()).hasValueSatisfying(s -> assertThat(s.getProtocol()).startsWith("TLSv1."));
        HttpResponse<String> unauthenticated = client.send(HttpRequest.newBuilder(URI.create("https://localhost:"
                + httpsPort + "/v1/messages/x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unauthenticated.statusCode()).isEqualTo(401);
        // A client that does not trust the certificate does not get through.
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("https://localhost:"
                + httpsPort + "/q/health/live")).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
        // Plain HTTP is not served.
        // The plain port is a fixed free one here: nothing may listen on it.
        int httpPort = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        assertThat(httpPort).isPositive();
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:"
                + httpPort + "/q/health/live")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
    }
}

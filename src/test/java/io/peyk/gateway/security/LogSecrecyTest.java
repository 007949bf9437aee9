package io.peyk.gateway.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.peyk.gateway.EmbeddedServicesResource;
import io.peyk.gateway.message.ApiPartner;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Nothing secret reaches the logs: every log record (of every logger, at every level the application emits) written
 * while a partner is created, sends a message through SMPP to delivery with a signed webhook, gets a device token,
 * and finance and admin work — including refused attempts with wrong credentials — is captured and searched for the
 * message text, the API key, the webhook secret, the device token, the finance key, the admin token, a wrong token and
 * the text encryption keys. The metrics scrape and a refusal's problem body are searched the same way.
 */
@QuarkusTest
@WithTestResource(EmbeddedServicesResource.class)
class LogSecrecyTest {

    private static final String TEXT = "Your code is 731904 — کد شما ۷۳۱۹۰۴";
    private static final String WRONG_TOKEN = "wrong-admin-token-Zq81xK";

    @ConfigProperty(name = "peyk.crypto.keys.dev1")
    String cryptoKey;
    @ConfigProperty(name = "peyk.admin.token")
    String adminToken;

    /** Every record, with its formatted message and the messages of its throwable chain. */
    static final class Capture extends Handler {

        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public void publish(LogRecord r) {
            StringBuilder line = new StringBuilder(String.valueOf(r.getLoggerName())).append(' ');
            String message = r.getMessage();
            Object[] params = r.getParameters();
            if (message != null && params != null && params.length > 0) {
                try {
                    message = message.contains("%")
                            ? String.format(message, params)
                            : java.text.MessageFormat.format(message, params);
                } catch (RuntimeException e) {
                    message = message + " " + java.util.Arrays.toString(params);
                }
            }
            line.append(message);
            if (r instanceof org.jboss.logmanager.ExtLogRecord ext) {
                // The JSON log prints the whole MDC: search it too.
                line.append(" mdc=").append(ext.getMdcCopy());
            }
            for (Throwable t = r.getThrown(); t != null; t = t.getCause()) {
                line.append(" | ").append(t);
            }
            lines.add(line.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    /** Installed when the class loads, before the application starts: its start-up logging is searched too. */
    private static final Capture CAPTURE = new Capture();

    static {
        CAPTURE.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(CAPTURE);
    }

    @Test
    void noTextKeyTokenOrSecretIsEverLogged() throws IOException {
        Capture capture = CAPTURE;
        Logger root = Logger.getLogger("");
        // Debug logging too (Peyk's, Quarkus', Vert.x's): what an operator turning on DEBUG would see.
        List<Logger> debugged = List.of(Logger.getLogger("io.peyk"), Logger.getLogger("io.quarkus"),
                Logger.getLogger("io.vertx"), Logger.getLogger("org.jsmpp"));
        List<Level> before = debugged.stream().map(Logger::getLevel).toList();
        debugged.forEach(l -> l.setLevel(Level.FINE));
        Logger.getLogger("io.peyk.test").info("capture canary");
        HttpServer endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        List<String> callbacks = new CopyOnWriteArrayList<>();
        endpoint.createContext("/hook", exchange -> {
            callbacks.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        endpoint.start();
        try {
            ApiPartner p = ApiPartner.create(100, "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/hook");
            String id = p.request().body(Map.of("to", "+989121234567", "from", "3000", "text", TEXT))
                    .post("/v1/messages").then().statusCode(202).extract().jsonPath().getString("id");
            await().atMost(Duration.ofSeconds(30)).until(() -> "DELIVERED".equals(p.request().get("/v1/messages/" + id)
                    .then().extract().jsonPath().getString("status")));
            await().atMost(Duration.ofSeconds(30)).until(() -> callbacks.stream().anyMatch(b -> b.contains("DELIVERED")));
            String deviceToken = p.request().body(Map.of("msisdn", "+989121234567")).post("/v1/devices/tokens")
                    .then().statusCode(201).extract().jsonPath().getString("token");
            String financeKey = given().header("Authorization", "Bearer " + adminToken).contentType(ContentType.JSON)
                    .body(Map.of("name", "log-secrecy")).post("/admin/v1/finance-keys").then().statusCode(201)
                    .extract().jsonPath().getString("key");
            given().header("Authorization", "Bearer " + financeKey).get("/v1/finance/statements?period=2026-11").then()
                    .statusCode(200);
            given().header("Authorization", "Bearer " + WRONG_TOKEN).get("/admin/v1/partners").then().statusCode(401);
            given().header("Authorization", "Bearer " + WRONG_TOKEN).get("/v1/messages/" + id).then().statusCode(401);
            given().header("Authorization", "Bearer " + financeKey + "x").get("/v1/finance/statements?period=2026-11")
                    .then().statusCode(401);

            // The text as it travels in a submit_sm (UCS-2), in hex, as a PDU dump would print it.
            String pduText = java.util.HexFormat.of().formatHex("code is 731904".getBytes(StandardCharsets.UTF_16BE));
            List<String> secrets = List.of(TEXT, "731904", "۷۳۱۹۰۴", pduText, p.apiKey(), p.webhookSecret(), deviceToken,
                    financeKey, adminToken, WRONG_TOKEN, cryptoKey);
            assertThat(capture.lines).as("the capture works").anyMatch(l -> l.contains("capture canary"));
            assertThat(capture.lines).as("log records captured during the flow").hasSizeGreaterThan(10);
            assertThat(capture.lines).as("jSMPP's PDU dumps were captured, redacted")
                    .anyMatch(l -> l.startsWith("org.jsmpp") && l.contains("bytes, not logged"));
            for (String line : capture.lines) {
                for (String secret : secrets) {
                    assertThat(line).as("a log line").doesNotContain(secret);
                }
            }
            // Nor in what Prometheus scrapes (label values included), nor in the refusals' problem bodies.
            String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(metrics).contains("peyk_smpp_submits_total");
            String refusal = given().header("Authorization", "Bearer " + WRONG_TOKEN).get("/v1/messages/" + id).then()
                    .statusCode(401).extract().asString();
            for (String secret : secrets) {
                assertThat(metrics).as("/q/metrics").doesNotContain(secret);
                assertThat(refusal).as("a 401 problem body").doesNotContain(secret);
            }
        } finally {
            root.removeHandler(capture);
            for (int i = 0; i < debugged.size(); i++) {
                debugged.get(i).setLevel(before.get(i));
            }
            endpoint.stop(0);
        }
    }
}

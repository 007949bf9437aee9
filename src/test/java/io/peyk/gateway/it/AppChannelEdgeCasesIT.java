package io.peyk.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Edge cases of the app channel across two gateway processes that once were bugs: a push refused on one instance while
 * another instance's device took it; presence rows left behind by connections that closed at once; a token revoked on
 * one instance closing the device connected to the other. Both instances allow only 2 unacknowledged frames per
 * connection, so refusals are easy to provoke.
 */
class AppChannelEdgeCasesIT {

    private static ItEnvironment env;
    private static GatewayProcess a;
    private static GatewayProcess b;
    private static HttpClient http;
    private static PartnerApi partner;
    private static String apiKey;

    @BeforeAll
    static void start() throws Exception {
        http = GatewayProcess.httpClient();
        env = ItEnvironment.start(Duration.ofMillis(200));
        Map<String, String> smallWindow = Map.of("peyk.devices.connections.max-unacked", "2");
        a = GatewayProcess.startReady(env, "edge-a", http, 50, Duration.ofSeconds(30), smallWindow);
        b = GatewayProcess.startReady(env, "edge-b", http, 50, Duration.ofSeconds(30), smallWindow);
        apiKey = env.createPartner("edge-partner");
        partner = new PartnerApi(http, apiKey);
    }

    @AfterAll
    static void stop() {
        GatewayProcess.closeAll(a, b, env);
    }

    @Test
    void aPushRefusedOnOneInstanceDoesNotFallBackWhenAnotherInstancesDeviceTookIt() throws Exception {
        String number = "+989125000001";
        try (AppDevice phone = AppDevice.connect(http, a, partner.deviceToken(a, number), "phone on A");
                AppDevice tablet = AppDevice.connect(http, b, partner.deviceToken(a, number), "tablet on B")) {
            UUID m1 = partner.sendOttThenSms(a, number, "m1".getBytes(StandardCharsets.UTF_8), 60, "sms m1");
            UUID m2 = partner.sendOttThenSms(a, number, "m2".getBytes(StandardCharsets.UTF_8), 60, "sms m2");
            phone.awaitFrames("message", 2, Duration.ofSeconds(20));
            tablet.awaitFrames("message", 2, Duration.ofSeconds(20));
            phone.ack(m1.toString(), "delivered");
            phone.ack(m2.toString(), "delivered");
            env.awaitStatus(List.of(m1, m2), "DELIVERED", Duration.ofSeconds(20));

            // The acks on A free the tablet's window on B too, so both take m3.
            UUID m3 = partner.sendOttThenSms(a, number, "m3".getBytes(StandardCharsets.UTF_8), 60, "sms m3");
            phone.awaitFrames("message", 3, Duration.ofSeconds(20));
            tablet.awaitFrames("message", 3, Duration.ofSeconds(20));
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> "OTT_PENDING".equals(partner.message(a, m3).path("status").asText()));
            assertThat(env.submitsTo(number)).isZero();
        }
    }

    @Test
    void connectionsThatCloseAtOnceLeaveNoPresenceBehind() throws Exception {
        String number = "+989125000002";
        String token = partner.deviceToken(a, number);
        for (int i = 0; i < 150; i++) {
            AppDevice.open(http, a, token, "flaky " + i).close();
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> presenceRows(number) == 0);
        // So a message to the number falls back at once (its timer is 300 s).
        UUID m = partner.sendOttThenSms(b, number, "m".getBytes(StandardCharsets.UTF_8), 300, "sms m");
        env.awaitStatus(List.of(m), "DELIVERED", Duration.ofSeconds(30));
        assertThat(partner.message(b, m).path("fallback").path("reason").asText()).isEqualTo("no_device");
    }

    @Test
    void aTokenRevokedThroughOneInstanceClosesTheDeviceOnTheOther() throws Exception {
        String number = "+989125000003";
        HttpRequest issue = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + b.httpPort() + "/v1/devices/tokens"))
                .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"msisdn\":\"" + number + "\"}")).build();
        JsonNode issued = new ObjectMapper().readTree(http.send(issue, HttpResponse.BodyHandlers.ofString()).body());
        try (AppDevice d = AppDevice.connect(http, a, issued.path("token").asText(), "revoked device")) {
            HttpRequest revoke = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + b.httpPort()
                    + "/v1/devices/tokens/" + issued.path("tokenId").asText())).header("Authorization", "Bearer " + apiKey)
                    .DELETE().build();
            assertThat(http.send(revoke, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(204);
            assertThat(d.closeCode().get(10, TimeUnit.SECONDS)).isEqualTo(4403);
        }
    }

    private static long presenceRows(String number) throws Exception {
        try (Connection c = env.jdbc();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM device_presence WHERE msisdn = ?")) {
            ps.setString(1, number);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}

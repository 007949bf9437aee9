package io.peyk.gateway.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import io.peyk.gateway.EmbeddedServicesResource;
import io.peyk.gateway.message.ApiPartner;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;

/**
 * Misbehaving apps and wrong credentials get clean refusals: a problem before the upgrade (426, 401, 403, 429), or a
 * close code after it (1009 oversized frame, 4400 protocol error, 4408 no heartbeat, 4429 flood), and never reach
 * another partner's messages.
 */
@QuarkusTest
@WithTestResource(EmbeddedServicesResource.class)
class AppChannelAbuseTest {

    private static final String TEST_SECRET = "dev-device-token-secret-change-me";

    @TestHTTPResource
    URL base;

    int port() {
        return base.getPort();
    }

    @Test
    void plainHttpWithoutUpgradeIsRefusedWithAProblem() {
        RestAssured.given().get(DeviceEndpoint.PATH).then().statusCode(426)
                .contentType("application/problem+json");
    }

    @Test
    void missingMalformedExpiredAndRevokedTokensAreRefusedBeforeTheUpgrade() throws Exception {
        ApiPartner partner = ApiPartner.create(1000, null);
        String number = AppChannelTest.newNumber();
        assertRefused(() -> RawWebSocket.connect(port(), ""), "401");
        assertRefused(() -> RawWebSocket.connect(port(), "pdt_not.a-token"), "401");

        JsonPath issued = partner.request().body(Map.of("msisdn", number)).post("/v1/devices/tokens").then()
                .statusCode(201).extract().jsonPath();
        String expired = forge(issued.getString("tokenId"), partner.id(), number, Instant.now().minusSeconds(5));
        assertRefused(() -> RawWebSocket.connect(port(), expired), "401");
        String stillValid = forge(issued.getString("tokenId"), partner.id(), number, Instant.now().plusSeconds(600));
        RawWebSocket.connect(port(), stillValid).close(); // the forgery helper is right: same token, not expired

        partner.request().delete("/v1/devices/tokens/" + issued.getString("tokenId")).then().statusCode(204);
        assertRefused(() -> RawWebSocket.connect(port(), issued.getString("token")), "401");
    }

    @Test
    void suspendedPartnerIsRefused() {
        ApiPartner partner = ApiPartner.create(1000, null);
        String token = AppChannelTest.token(partner, AppChannelTest.newNumber());
        admin().post("/admin/v1/partners/" + partner.id() + "/suspend").then().statusCode(200);
        assertRefused(() -> RawWebSocket.connect(port(), token), "403");
    }

    @Test
    void anotherPartnersDeviceCannotAcknowledgeItsMessages() {
        ApiPartner owner = ApiPartner.create(1000, null);
        ApiPartner intruder = ApiPartner.create(1000, null);
        String number = AppChannelTest.newNumber();
        String id = AppChannelTest.send(owner, number, List.of(AppChannelTest.ott("private", 120)));
        AppChannelTest.awaitStatus(owner, id, "OTT_PENDING");
        // The intruder's app for the very same number sees nothing of the owner's and cannot acknowledge it.
        try (DeviceClient device = DeviceClient.connect(port(), AppChannelTest.token(intruder, number))) {
            device.ack(id, "delivered");
            await().atMost(Duration.ofSeconds(10)).until(() -> !device.ofType("error").isEmpty());
            assertThat(device.ofType("error").get(0).getString("code")).isEqualTo("unknown-message");
            assertThat(device.messageIds()).isEmpty();
        }
        assertThat(AppChannelTest.view(owner, id).getString("status")).isEqualTo("OTT_PENDING");
        intruder.request().get("/v1/messages/" + id).then().statusCode(404);
    }

    @Test
    void oversizedFrameClosesWith1009() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(port(), freshToken())) {
            byte[] big = new byte[5000];
            Arrays.fill(big, (byte) 'a');
            ws.sendText(big);
            assertThat(ws.awaitClose()).isEqualTo(1009);
        }
    }

    @Test
    void garbageClosesWithProtocolError() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(port(), freshToken())) {
            ws.sendText("not json".getBytes(StandardCharsets.UTF_8));
            assertThat(ws.awaitClose()).isEqualTo(4400);
        }
    }

    @Test
    void floodClosesWith4429() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(port(), freshToken())) {
            byte[] ack = new JsonObject().put("type", "ack").put("id", java.util.UUID.randomUUID().toString())
                    .put("status", "delivered").encode().getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 500; i++) {
                ws.sendText(ack);
            }
            assertThat(ws.awaitClose()).isEqualTo(4429);
        }
    }

    @Test
    void silentConnectionIsClosedByTheHeartbeat() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(port(), freshToken())) {
            long start = System.nanoTime();
            assertThat(ws.awaitClose()).isEqualTo(4408); // never answers the gateway's pings
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void connectionsPerNumberAreBounded() throws Exception {
        ApiPartner partner = ApiPartner.create(1000, null);
        String number = AppChannelTest.newNumber();
        List<DeviceClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                open.add(DeviceClient.connect(port(), AppChannelTest.token(partner, number)));
            }
            assertRefused(() -> RawWebSocket.connect(port(), AppChannelTest.token(partner, number)), "429");
        } finally {
            open.forEach(DeviceClient::close);
        }
    }

    private String freshToken() {
        return AppChannelTest.token(ApiPartner.create(1000, null), AppChannelTest.newNumber());
    }

    private static io.restassured.specification.RequestSpecification admin() {
        return RestAssured.given().header("Authorization", "Bearer dev-admin-token");
    }

    private interface Connect {

        RawWebSocket open() throws Exception;
    }

    private static void assertRefused(Connect connect, String status) {
        assertThatThrownBy(() -> connect.open().close()).hasMessageContaining("upgrade refused: HTTP/1.1 " + status);
    }

    /** A token as the gateway would sign it with the test secret, for any expiry. */
    private static String forge(String tokenId, String partnerId, String msisdn, Instant expires) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String payload = b64.encodeToString(new JsonObject().put("tid", tokenId).put("pid", partnerId)
                .put("msisdn", msisdn).put("exp", expires.getEpochSecond()).encode().getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(TEST_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "pdt_" + payload + "." + b64.encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII)));
    }
}

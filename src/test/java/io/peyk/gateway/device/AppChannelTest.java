package io.peyk.gateway.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.peyk.gateway.EmbeddedServicesResource;
import io.peyk.gateway.KafkaRecords;
import io.peyk.gateway.embedded.EmbeddedSmsc;
import io.peyk.gateway.message.ApiPartner;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;

/**
 * The app channel end to end with real WebSocket clients over loopback: delivered over OTT without an SMS, immediate
 * SMS when no device is connected, SMS after the timeout with the OTT copy revoked, a late acknowledgement recorded,
 * pending messages replayed once and in order on reconnect, several devices of one number.
 */
@QuarkusTest
@WithTestResource(EmbeddedServicesResource.class)
class AppChannelTest {

    @TestHTTPResource
    URL base;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    static String newNumber() {
        return "+98912" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
    }

    static String token(ApiPartner partner, String msisdn) {
        return partner.request().body(Map.of("msisdn", msisdn)).post("/v1/devices/tokens").then().statusCode(201)
                .extract().path("token");
    }

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    static String send(ApiPartner partner, String to, List<Map<String, Object>> channels) {
        return partner.request().body(Map.of("to", to, "from", "3000", "channels", channels)).post("/v1/messages")
                .then().statusCode(202).extract().path("id");
    }

    static Map<String, Object> ott(String payload, int fallbackAfterSeconds) {
        return Map.of("type", "ott", "payload", b64(payload), "fallbackAfterSeconds", fallbackAfterSeconds);
    }

    static Map<String, Object> sms(String text) {
        return Map.of("type", "sms", "text", text);
    }

    static JsonPath view(ApiPartner partner, String id) {
        return partner.request().get("/v1/messages/" + id).then().statusCode(200).extract().jsonPath();
    }

    static void awaitStatus(ApiPartner partner, String id, String status) {
        await().atMost(Duration.ofSeconds(20)).until(() -> status.equals(view(partner, id).getString("status")));
    }

    static long smsTo(String number) {
        return EmbeddedSmsc.current().orElseThrow().received().stream()
                .filter(s -> s.destinationAddr().endsWith(number.substring(1))).count();
    }

    int port() {
        return base.getPort();
    }

    @Test
    void connectedDeviceGetsTheMessageOverOttAndNoSmsIsSent() {
        ApiPartner partner = ApiPartner.create(1000, null);
        String number = newNumber();
        try (DeviceClient device = DeviceClient.connect(port(), token(partner, number))) {
            String id = send(partner, number, List.of(ott("hello over ott", 30), sms("hello over sms")));

            await().atMost(Duration.ofSeconds(10)).until(() -> device.messageIds().contains(id));
            JsonObject frame = device.ofType("message").get(0);
            assertThat(new String(Base64.getDecoder().decode(frame.getString("payload")), StandardCharsets.UTF_8))
                    .isEqualTo("hello over ott");
            device.ack(id, "delivered");

            awaitStatus(partner, id, "DELIVERED");
            JsonPath v = view(partner, id);
            assertThat(v.getString("channel")).isEqualTo("ott");
            assertThat(v.getList("transitions.status")).containsExactly("ACCEPTED", "OTT_PENDING", "DELIVERED");
            assertThat(v.getList("parts")).isEmpty();
            assertThat(v.getString("fallback")).isNull();
            assertThat(v.getString("ott.deliveredAt")).isNotNull();

            JsonObject usage = KafkaRecords.await(bootstrap, "peyk.usage-events",
                    r -> r.value().contains(id) && r.value().contains("ott.message"), 1).get(0);
            assertThat(usage.getString("partnerId")).isEqualTo(partner.id());
            assertThat(usage.getString("number")).isEqualTo(number);
            assertThat(usage.getInteger("quantity")).isEqualTo(1);
            assertThat(usage.getLong("bytesDown")).isEqualTo(frame.encode().length());
            assertThat(usage.getLong("bytesUp")).isPositive();

            // Read later: READ, still over OTT.
            device.ack(id, "read");
            awaitStatus(partner, id, "READ");
            assertThat(smsTo(number)).isZero();
        }
    }

    @Test
    void noConnectedDeviceFallsBackToSmsAtOnce() {
        ApiPartner partner = ApiPartner.create(1000, null);
        String number = newNumber();
        String id = send(partner, number, List.of(ott("nobody listens", 300), sms("sms instead")));

        awaitStatus(partner, id, "DELIVERED");
        JsonPath v = view(partner, id);
        assertThat(v.getString("channel")).isEqualTo("sms");
        assertThat(v.getString("fallback.reason")).isEqualTo("no_device");
        assertThat(v.getList("transitions.status")).containsExactly("ACCEPTED", "SMS_FALLBACK", "SUBMITTED", "DELIVERED");
        assertThat(smsTo(number)).isEqualTo(1);
    }

    @Test
    void silentDeviceGetsSmsAfterTheTimeoutTheOttCopyIsRevokedAndALateAckIsOnlyRecorded() {
        ApiPartner partner = ApiPartner.create(1000, null);
        String number = newNumber();
        try (DeviceClient device = DeviceClient.connect(port(), token(partner, number))) {
            String id = send(partner, number, List.of(ott("are you there", 1), sms("sms after timeout")));
            await().atMost(Duration.ofSeconds(10)).until(() -> device.messageIds().contains(id));

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> device.ofType("revoke").stream().anyMatch(f -> id.equals(f.getString("id"))));
            awaitStatus(partner, id, "DELIVERED");
            JsonPath v = view(partner, id);
            assertThat(v.getString("channel")).isEqualTo("sms");
            assertThat(v.getString("fallback.reason")).isEqualTo("timeout");
            assertThat(v.getString("ott.revokedAt")).isNotNull();
            assertThat(v.getList("transitions.status")).containsExactly("ACCEPTED", "OTT_PENDING", "SMS_FALLBACK",
                    "SUBMITTED", "DELIVERED");

            device.ack(id, "delivered");
            await().atMost(Duration.ofSeconds(10)).until(() -> "DELIVERED".equals(view(partner, id).getString(
                    "ott.lateAckStatus")));
            JsonPath after = view(partner, id);
            assertThat(after.getString("status")).isEqualTo("DELIVERED");
            assertThat(after.getString("channel")).isEqualTo("sms");
            assertThat(after.getList("transitions.status")).hasSize(5);
            assertThat(smsTo(number)).isEqualTo(1);

            // Events (and webhooks, built alike) tell the channel, when the fallback fired and why.
            List<JsonObject> events = KafkaRecords.await(bootstrap, "peyk.message-events", r -> id.equals(r.key()), 5);
            assertThat(events).extracting(e -> e.getString("status")).containsExactly("ACCEPTED", "OTT_PENDING",
                    "SMS_FALLBACK", "SUBMITTED", "DELIVERED");
            assertThat(events).extracting(e -> e.getString("channel")).containsExactly("ott", "ott", "sms", "sms",
                    "sms");
            JsonObject fallback = events.get(2).getJsonObject("fallback");
            assertThat(fallback.getString("reason")).isEqualTo("timeout");
            assertThat(fallback.getString("at")).isEqualTo(after.getString("fallback.at"));
            assertThat(events.get(4).getJsonObject("fallback").getString("reason")).isEqualTo("timeout");
        }
    }

    @Test
    void reconnectingAppReceivesWhatIsPendingOnceAndInOrder() {
        ApiPartner partner = ApiPartner.create(1000, null);
        String number = newNumber();
        String token = token(partner, number);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            // OTT only: no device yet, so they wait for the app.
            ids.add(send(partner, number, List.of(ott("pending-" + i, 120))));
        }
        ids.forEach(id -> awaitStatus(partner, id, "OTT_PENDING"));

        try (DeviceClient first = DeviceClient.connect(port(), token)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> first.messageIds().size() == 5);
            assertThat(first.messageIds()).containsExactlyElementsOf(ids);
            first.ack(ids.get(0), "delivered");
            first.ack(ids.get(1), "delivered");
            awaitStatus(partner, ids.get(1), "DELIVERED");
        }

        try (DeviceClient again = DeviceClient.connect(port(), token)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> again.messageIds().size() >= 3);
            ids.subList(2, 5).forEach(id -> again.ack(id, "delivered"));
            String live = send(partner, number, List.of(ott("live", 120)));
            await().atMost(Duration.ofSeconds(10)).until(() -> again.messageIds().contains(live));
            // Exactly the three still pending, in order, once each, then the live one.
            assertThat(again.messageIds()).containsExactly(ids.get(2), ids.get(3), ids.get(4), live);
        }
        ids.forEach(id -> awaitStatus(partner, id, "DELIVERED"));
    }

    @Test
    void everyDeviceOfTheNumberGetsTheMessageAndTheFirstAckCounts() {
        ApiPartner partner = ApiPartner.create(1000, null);
        String number = newNumber();
        try (DeviceClient phone = DeviceClient.connect(port(), token(partner, number));
                DeviceClient tablet = DeviceClient.connect(port(), token(partner, number))) {
            String id = send(partner, number, List.of(ott("to both", 30), sms("sms")));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> phone.messageIds().contains(id) && tablet.messageIds().contains(id));
            tablet.ack(id, "delivered");
            awaitStatus(partner, id, "DELIVERED");
            phone.ack(id, "delivered");
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                    .until(() -> view(partner, id).getList("transitions").size() == 3);
            assertThat(phone.ofType("error")).isEmpty();
        }
    }

    @Test
    void ottOnlyMessageExpiresWhenTheAppNeverAcknowledges() {
        ApiPartner partner = ApiPartner.create(1000, null);
        String number = newNumber();
        String id = send(partner, number, List.of(ott("expires", 1)));
        awaitStatus(partner, id, "EXPIRED");
        JsonPath v = view(partner, id);
        assertThat(v.getString("channel")).isEqualTo("ott");
        assertThat(v.getList("transitions.status")).containsExactly("ACCEPTED", "OTT_PENDING", "EXPIRED");
        assertThat(v.getString("lastError.description")).contains("no acknowledgement");
        assertThat(smsTo(number)).isZero();
    }

    @Test
    void partnerDefaultPlanAppliesWhenARequestHasNone() {
        ApiPartner partner = ApiPartner.create(1000, null);
        io.restassured.RestAssured.given().header("Authorization", "Bearer dev-admin-token")
                .contentType(io.restassured.http.ContentType.JSON)
                .body(Map.of("channels", List.of(Map.of("type", "ott", "fallbackAfterSeconds", 30), Map.of("type", "sms"))))
                .put("/admin/v1/partners/" + partner.id() + "/default-channels").then().statusCode(200);
        String number = newNumber();
        try (DeviceClient device = DeviceClient.connect(port(), token(partner, number))) {
            String id = partner.request().body(Map.of("to", number, "from", "3000", "text", "plain text request"))
                    .post("/v1/messages").then().statusCode(202).extract().path("id");
            await().atMost(Duration.ofSeconds(10)).until(() -> device.messageIds().contains(id));
            assertThat(new String(Base64.getDecoder().decode(device.ofType("message").get(0).getString("payload")),
                    StandardCharsets.UTF_8)).isEqualTo("plain text request");
            device.ack(id, "delivered");
            awaitStatus(partner, id, "DELIVERED");
            assertThat(view(partner, id).getString("channel")).isEqualTo("ott");
        }
    }

    @Test
    void revokingATokenClosesItsConnections() throws Exception {
        ApiPartner partner = ApiPartner.create(1000, null);
        String number = newNumber();
        JsonPath issued = partner.request().body(Map.of("msisdn", number)).post("/v1/devices/tokens").then()
                .statusCode(201).extract().jsonPath();
        try (DeviceClient device = DeviceClient.connect(port(), issued.getString("token"))) {
            partner.request().delete("/v1/devices/tokens/" + issued.getString("tokenId")).then().statusCode(204);
            assertThat(device.closeCode().get(10, TimeUnit.SECONDS)).isEqualTo(4403);
        }
    }
}

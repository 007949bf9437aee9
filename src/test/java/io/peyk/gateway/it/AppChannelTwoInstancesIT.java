package io.peyk.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Issue 4, the app channel across instances: two gateway processes (A and B) on one PostgreSQL, Kafka and SMSC. Devices
 * connect to A, the partner calls B: the push crosses instances (PostgreSQL NOTIFY and the presence table), and so does
 * the fallback timer, which both instances poll and exactly one fires.
 */
class AppChannelTwoInstancesIT {

    private static final int MAX_IN_FLIGHT = 50;
    /** Nothing is killed here: a production-like lease, so load stalls never hand messages to the other instance. */
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final String MARKER = "Peyk app IT";
    private static final String FIRED = "peyk.ott.fallback.fired";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static ItEnvironment env;
    private static GatewayProcess a;
    private static GatewayProcess b;
    private static HttpClient http;
    private static PartnerApi partner;

    /** A message sent through B: its id, number and OTT payload. */
    private record Sent(UUID id, String number, String payload) {
    }

    @BeforeAll
    static void startEnvironment() throws Exception {
        http = GatewayProcess.httpClient();
        env = ItEnvironment.start(Duration.ofMillis(200));
        // The first one alone runs the migrations; the second starts once the schema is there.
        a = GatewayProcess.startReady(env, "app-a", http, MAX_IN_FLIGHT, LEASE);
        b = GatewayProcess.startReady(env, "app-b", http, MAX_IN_FLIGHT, LEASE);
        CrashRecoveryIT.assertExternalServicesOnly(a);
        CrashRecoveryIT.assertExternalServicesOnly(b);
        partner = new PartnerApi(http, env.createPartner("app-two-instances-partner"));
    }

    @AfterAll
    static void stopEverything() throws Exception {
        try {
            for (GatewayProcess gateway : new GatewayProcess[]{a, b}) {
                if (gateway != null) {
                    assertThat(gateway.log()).as(gateway.name() + " log").doesNotContain(MARKER);
                }
            }
        } finally {
            GatewayProcess.closeAll(a, b, env);
        }
    }

    @Test
    void deviceOnAGetsWhatIsSentThroughBAndItsAckOnADeliversOverOttWithoutSms() throws Exception {
        Map<String, AppDevice> devices = connectDevicesToA("+98912100", 4);
        try {
            List<Sent> sent = sendThroughB(devices.keySet(), 2, 30);

            for (Map.Entry<String, AppDevice> d : devices.entrySet()) {
                AppDevice device = d.getValue();
                List<Sent> mine = to(sent, d.getKey());
                device.awaitFrames("message", mine.size(), WAIT);
                assertThat(device.messageIds()).as(device.describe())
                        .containsExactlyInAnyOrderElementsOf(ids(mine).stream().map(UUID::toString).toList());
                Map<String, String> payloads = device.ofType("message").stream().collect(Collectors.toMap(
                        f -> f.path("id").asText(), f -> new String(Base64.getDecoder().decode(f.path("payload")
                                .asText()), StandardCharsets.UTF_8)));
                mine.forEach(s -> assertThat(payloads.get(s.id().toString())).as("payload of " + s.id())
                        .isEqualTo(s.payload()));
                for (Sent s : mine) {
                    device.ack(s.id().toString(), "delivered");
                }
            }
            List<UUID> ids = ids(sent);
            env.awaitStatus(ids, "DELIVERED", WAIT);

            SoftAssertions soft = new SoftAssertions();
            for (UUID id : ids) {
                for (GatewayProcess gateway : List.of(a, b)) {
                    JsonNode v = partner.message(gateway, id);
                    String on = id + " on " + gateway.name();
                    soft.assertThat(v.path("status").asText()).as(on).isEqualTo("DELIVERED");
                    soft.assertThat(v.path("channel").asText()).as(on).isEqualTo("ott");
                    soft.assertThat(PartnerApi.transitionStatuses(v)).as(on).containsExactly("ACCEPTED", "OTT_PENDING",
                            "DELIVERED");
                    soft.assertThat(v.path("fallback").isNull()).as(on + " no fallback").isTrue();
                    soft.assertThat(v.path("ott").path("deliveredAt").isTextual()).as(on + " ott.deliveredAt").isTrue();
                    soft.assertThat(v.path("ott").path("revokedAt").isNull()).as(on + " ott.revokedAt").isTrue();
                    soft.assertThat(v.path("parts")).as(on + " parts").isEmpty();
                }
            }
            for (Map.Entry<String, AppDevice> d : devices.entrySet()) {
                AppDevice device = d.getValue();
                soft.assertThat(env.submitsTo(d.getKey())).as("SMS to " + d.getKey()).isZero();
                soft.assertThat(device.messageIds()).as("pushed once each: " + device.describe()).hasSize(2);
                soft.assertThat(device.revokedIds()).as(device.describe()).isEmpty();
                soft.assertThat(device.ofType("error")).as(device.describe()).isEmpty();
            }
            soft.assertThat(env.queryLong("SELECT count(*) FROM message_part WHERE message_id = ANY (?)", ids))
                    .as("SMS parts of messages delivered over the app channel").isZero();
            soft.assertAll();
        } finally {
            devices.values().forEach(AppDevice::close);
        }
    }

    @Test
    void silentDeviceOnAIsRevokedAndTheMessageGoesBySmsExactlyOnceThoughBothInstancesPollTheTimers() throws Exception {
        Map<String, AppDevice> devices = connectDevicesToA("+98912200", 4);
        try {
            long firedBefore = a.counter(http, FIRED) + b.counter(http, FIRED);
            List<Sent> sent = sendThroughB(devices.keySet(), 3, 2);
            List<UUID> ids = ids(sent);

            for (Map.Entry<String, AppDevice> d : devices.entrySet()) {
                AppDevice device = d.getValue();
                List<String> mine = ids(to(sent, d.getKey())).stream().map(UUID::toString).toList();
                device.awaitFrames("revoke", mine.size(), WAIT);
                assertThat(device.messageIds()).as(device.describe()).containsExactlyInAnyOrderElementsOf(mine);
                assertThat(device.revokedIds()).as(device.describe()).containsExactlyInAnyOrderElementsOf(mine);
            }
            env.awaitStatus(ids, "DELIVERED", WAIT);
            long firedByA = a.counter(http, FIRED);
            long firedByB = b.counter(http, FIRED);

            SoftAssertions soft = new SoftAssertions();
            for (UUID id : ids) {
                for (GatewayProcess gateway : List.of(a, b)) {
                    JsonNode v = partner.message(gateway, id);
                    String on = id + " on " + gateway.name();
                    soft.assertThat(v.path("status").asText()).as(on).isEqualTo("DELIVERED");
                    soft.assertThat(v.path("channel").asText()).as(on).isEqualTo("sms");
                    soft.assertThat(v.path("fallback").path("reason").asText()).as(on).isEqualTo("timeout");
                    soft.assertThat(PartnerApi.transitionStatuses(v)).as(on).containsExactly("ACCEPTED", "OTT_PENDING",
                            "SMS_FALLBACK", "SUBMITTED", "DELIVERED");
                    soft.assertThat(v.path("ott").path("revokedAt").isTextual()).as(on + " ott.revokedAt").isTrue();
                    soft.assertThat(v.path("ott").path("deliveredAt").isNull()).as(on + " ott.deliveredAt").isTrue();
                    soft.assertThat(PartnerApi.fallbackDelay(v)).as(on + " fell back after its 2 s timer")
                            .isGreaterThanOrEqualTo(Duration.ofSeconds(2).minus(PartnerApi.DUE_SLACK));
                }
            }
            for (String number : devices.keySet()) {
                soft.assertThat(env.submitsTo(number)).as("SMS to " + number).isEqualTo(3);
            }
            soft.assertThat(env.queryLong("SELECT count(*) FROM message_part WHERE message_id = ANY (?)", ids))
                    .as("SMS parts").isEqualTo(ids.size());
            soft.assertThat(env.queryLong("SELECT count(*) FROM message_part WHERE message_id = ANY (?)"
                    + " AND submit_count <> 1", ids)).as("SMS parts not submitted exactly once").isZero();
            soft.assertThat(firedByA + firedByB - firedBefore).as("timers fired by A and B together")
                    .isEqualTo(ids.size());
            System.out.printf("[it] app two instances: %d timers due, A fired %d and B %d (counters since start)%n",
                    ids.size(), firedByA, firedByB);
            soft.assertAll();
        } finally {
            devices.values().forEach(AppDevice::close);
        }
    }

    @Test
    void withoutAnyDeviceTheMessageSentThroughBGoesBySmsAtOnce() throws Exception {
        List<String> numbers = List.of("+989123000001", "+989123000002", "+989123000003");
        List<UUID> ids = ids(sendThroughB(numbers, 1, 300));
        // DELIVERED well within the 300 s the app would have had: the SMS went at once, not at the timer.
        env.awaitStatus(ids, "DELIVERED", WAIT);

        SoftAssertions soft = new SoftAssertions();
        for (UUID id : ids) {
            JsonNode v = partner.message(b, id);
            soft.assertThat(v.path("channel").asText()).as(id.toString()).isEqualTo("sms");
            soft.assertThat(v.path("fallback").path("reason").asText()).as(id.toString()).isEqualTo("no_device");
            soft.assertThat(PartnerApi.transitionStatuses(v)).as(id.toString()).containsExactly("ACCEPTED",
                    "SMS_FALLBACK", "SUBMITTED", "DELIVERED");
        }
        for (String number : numbers) {
            soft.assertThat(env.submitsTo(number)).as("SMS to " + number).isEqualTo(1);
        }
        soft.assertAll();
    }

    /** One device per number ({@code prefix} and 4 digits), its token issued by B, connected to A. */
    private static Map<String, AppDevice> connectDevicesToA(String prefix, int count) throws Exception {
        Map<String, AppDevice> devices = new LinkedHashMap<>();
        try {
            for (int i = 0; i < count; i++) {
                String number = prefix + String.format("%04d", i);
                devices.put(number, AppDevice.connect(http, a, partner.deviceToken(b, number), "device " + number));
            }
        } catch (Exception | Error e) {
            devices.values().forEach(AppDevice::close);
            throw e;
        }
        return devices;
    }

    /** Sends {@code perNumber} OTT-then-SMS messages to each number through B, one at a time. */
    private static List<Sent> sendThroughB(Iterable<String> numbers, int perNumber, int fallbackAfterSeconds) {
        List<Sent> sent = new ArrayList<>();
        for (int n = 0; n < perNumber; n++) {
            for (String number : numbers) {
                String payload = MARKER + " payload " + n + " for " + number;
                UUID id = partner.sendOttThenSms(b, number, payload.getBytes(StandardCharsets.UTF_8),
                        fallbackAfterSeconds, MARKER + " sms " + n);
                sent.add(new Sent(id, number, payload));
            }
        }
        return sent;
    }

    private static List<Sent> to(List<Sent> sent, String number) {
        return sent.stream().filter(s -> s.number().equals(number)).toList();
    }

    private static List<UUID> ids(List<Sent> sent) {
        return sent.stream().map(Sent::id).toList();
    }
}

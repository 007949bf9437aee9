package io.peyk.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Issue 4, durable fallback timers: messages wait for silent devices on one gateway process, which is killed with SIGKILL
 * before any timer is due; a new process on the same PostgreSQL, Kafka and SMSC fires every timer (those due while no
 * gateway ran and those due later), never before it was due, and each message goes to the SMSC exactly once.
 */
class AppChannelRestartIT {

    /** Numbers, each with a connected device that never acknowledges, and one message with the short timer. */
    private static final int NUMBERS = 100;
    private static final int DUE_BEFORE_RESTART_SECONDS = 6;
    /** The first numbers get a second message whose timer comes due after the new gateway is up: it must wait. */
    private static final int LATER = 20;
    private static final int DUE_AFTER_RESTART_SECONDS = 20;
    private static final int MAX_IN_FLIGHT = 50;
    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final String MARKER = "Peyk app restart IT";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration AFTER_RESTART = Duration.ofSeconds(60);
    private static final List<AppDevice> DEVICES = new ArrayList<>();

    private static ItEnvironment env;
    private static GatewayProcess first;
    private static GatewayProcess second;
    private static HttpClient http;

    /** A message sent to a silent device, with its timer. */
    private record Sent(UUID id, String number, int fallbackAfterSeconds) {
    }

    @BeforeAll
    static void startEnvironment() throws Exception {
        http = GatewayProcess.httpClient();
        env = ItEnvironment.start(Duration.ofMillis(200));
        first = GatewayProcess.startReady(env, "app-first", http, MAX_IN_FLIGHT, LEASE);
        CrashRecoveryIT.assertExternalServicesOnly(first);
    }

    @AfterAll
    static void stopEverything() throws Exception {
        try {
            DEVICES.forEach(AppDevice::close);
            for (GatewayProcess gateway : new GatewayProcess[]{first, second}) {
                if (gateway != null) {
                    assertThat(gateway.log()).as(gateway.name() + " log").doesNotContain(MARKER);
                }
            }
        } finally {
            GatewayProcess.closeAll(first, second, env);
        }
    }

    @Test
    void timersPendingWhenTheGatewayIsKilledFireAfterTheRestartOnceEachAndNeverEarly() throws Exception {
        long began = System.nanoTime();
        PartnerApi partner = new PartnerApi(http, env.createPartner("app-restart-partner"));
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < NUMBERS; i++) {
            numbers.add("+989124" + String.format("%06d", i));
        }
        for (String number : numbers) {
            DEVICES.add(AppDevice.open(http, first, partner.deviceToken(first, number), "device " + number));
        }
        DEVICES.forEach(AppDevice::awaitHello);
        long connectedMillis = (System.nanoTime() - began) / 1_000_000;

        // From the first send to the kill must take less than the short timer, else the first gateway fires some.
        long sendingAt = System.nanoTime();
        List<CompletableFuture<Sent>> sending = new ArrayList<>();
        for (int i = 0; i < NUMBERS + LATER; i++) {
            String number = numbers.get(i % NUMBERS);
            int seconds = i < NUMBERS ? DUE_BEFORE_RESTART_SECONDS : DUE_AFTER_RESTART_SECONDS;
            sending.add(partner.sendOttThenSmsAsync(first, number,
                    (MARKER + " payload " + i).getBytes(StandardCharsets.UTF_8), seconds, MARKER + " sms " + i)
                    .thenApply(id -> new Sent(id, number, seconds)));
        }
        CompletableFuture.allOf(sending.toArray(CompletableFuture[]::new)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        List<Sent> sent = sending.stream().map(CompletableFuture::join).toList();
        List<UUID> ids = sent.stream().map(Sent::id).toList();
        long acceptedMillis = (System.nanoTime() - sendingAt) / 1_000_000;
        env.awaitStatus(ids, "OTT_PENDING", WAIT);
        long pendingMillis = (System.nanoTime() - sendingAt) / 1_000_000;
        for (int i = 0; i < NUMBERS; i++) {
            AppDevice device = DEVICES.get(i);
            String number = numbers.get(i);
            List<String> mine = sent.stream().filter(s -> s.number().equals(number)).map(s -> s.id().toString())
                    .toList();
            device.awaitFrames("message", mine.size(), WAIT);
            assertThat(device.messageIds()).as(device.describe()).containsExactlyInAnyOrderElementsOf(mine);
        }
        first.killHard();
        long killedMillis = (System.nanoTime() - sendingAt) / 1_000_000;
        Instant killedAt = Instant.now();
        long pendingAtKill = count(env.statuses(ids), "OTT_PENDING");
        System.out.printf("[it] app restart: %d devices connected in %d ms; after the first send: %d messages accepted at"
                + " %d ms, all OTT_PENDING at %d ms, pid %d killed at %d ms with %d OTT_PENDING%n", NUMBERS,
                connectedMillis, ids.size(), acceptedMillis, pendingMillis, first.pid(), killedMillis, pendingAtKill);
        assertThat(pendingAtKill).as("messages still waiting for their timer when the gateway was killed %d ms after the"
                + " first send (fewer: this machine is too slow for the test to prove anything)", killedMillis)
                .isEqualTo(ids.size());

        long restartAt = System.nanoTime();
        second = GatewayProcess.startReady(env, "app-second", http, MAX_IN_FLIGHT, LEASE);
        long restartMillis = (System.nanoTime() - restartAt) / 1_000_000;
        long laterPendingAtReady = count(env.statuses(ids.subList(NUMBERS, ids.size())), "OTT_PENDING");
        CrashRecoveryIT.assertExternalServicesOnly(second);
        env.awaitStatus(ids, "DELIVERED", AFTER_RESTART);

        SoftAssertions soft = new SoftAssertions();
        Map<Integer, List<Duration>> delays = new TreeMap<>();
        for (Sent s : sent) {
            String about = s.id() + " (" + s.fallbackAfterSeconds() + " s)";
            JsonNode v = partner.message(second, s.id());
            soft.assertThat(v.path("channel").asText()).as(about).isEqualTo("sms");
            soft.assertThat(v.path("fallback").path("reason").asText()).as(about).isEqualTo("timeout");
            soft.assertThat(PartnerApi.transitionStatuses(v)).as(about).containsExactly("ACCEPTED", "OTT_PENDING",
                    "SMS_FALLBACK", "SUBMITTED", "DELIVERED");
            soft.assertThat(v.path("ott").path("revokedAt").isTextual()).as(about + " ott.revokedAt").isTrue();
            soft.assertThat(PartnerApi.transitionAt(v, "SMS_FALLBACK")).as(about + " fell back after the kill")
                    .isAfter(killedAt);
            Duration delay = PartnerApi.fallbackDelay(v);
            soft.assertThat(delay).as(about + " fell back no earlier than its timer")
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(s.fallbackAfterSeconds()).minus(PartnerApi.DUE_SLACK));
            delays.computeIfAbsent(s.fallbackAfterSeconds(), k -> new ArrayList<>()).add(delay);
        }
        for (int i = 0; i < NUMBERS; i++) {
            soft.assertThat(env.submitsTo(numbers.get(i))).as("SMS to " + numbers.get(i)).isEqualTo(i < LATER ? 2 : 1);
        }
        long parts = env.queryLong("SELECT count(*) FROM message_part WHERE message_id = ANY (?)", ids);
        long notOnce = env.queryLong("SELECT count(*) FROM message_part WHERE message_id = ANY (?) AND submit_count <> 1",
                ids);
        soft.assertThat(parts).as("SMS parts").isEqualTo(ids.size());
        soft.assertThat(notOnce).as("SMS parts not submitted exactly once").isZero();
        soft.assertThat(env.simulator().submitCount()).as("submits the SMSC received").isEqualTo(ids.size());
        soft.assertThat(env.queryLong("SELECT count(*) FROM message")).as("messages in the database (none lost, none"
                + " extra)").isEqualTo(ids.size());
        StringBuilder spread = new StringBuilder();
        delays.forEach((seconds, list) -> spread.append(String.format(" %d s timer: %s..%s;", seconds,
                list.stream().min(Duration::compareTo).orElseThrow(), list.stream().max(Duration::compareTo).orElseThrow())));
        System.out.printf("[it] app restart: restart took %d ms, %d of the %d later timers still pending then; fallback"
                + " after OTT_PENDING:%s SMSC received %d submits; total %d s%n", restartMillis, laterPendingAtReady,
                LATER, spread, env.simulator().submitCount(), (System.nanoTime() - began) / 1_000_000_000L);
        soft.assertAll();
    }

    private static long count(Map<UUID, String> statuses, String status) {
        return statuses.values().stream().filter(status::equals).count();
    }
}

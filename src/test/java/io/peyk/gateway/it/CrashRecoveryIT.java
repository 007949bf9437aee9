package io.peyk.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.assertj.core.api.SoftAssertions;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 3, crash proof: a gateway process started from the built jar is killed with SIGKILL while messages are in flight;
 * a new process on the same PostgreSQL, Kafka and SMSC brings every accepted message to a final state, and the
 * duplicates the SMSC saw stay within the dispatcher's in-flight window.
 */
class CrashRecoveryIT {

    private static final int MAX_IN_FLIGHT = 50;
    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final int TOTAL = 1_500;
    private static final int KILL_AFTER_ACCEPTED = 500;
    private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(60);

    private static ItEnvironment env;
    private static GatewayProcess first;
    private static GatewayProcess second;
    private static HttpClient http;

    @BeforeAll
    static void startEnvironment() throws Exception {
        http = GatewayProcess.httpClient();
        env = ItEnvironment.start(Duration.ofMillis(200));
        // Receipts refused while no gateway is bound are retried for 40 s (160 × 250 ms), longer than a restart here.
        env.simulator().responseDelay(Duration.ofMillis(5)).receiptAttempts(160);
    }

    @AfterAll
    static void stopEverything() {
        GatewayProcess.closeAll(first, second, env);
    }

    @Test
    void everyAcceptedMessageIsDeliveredAfterKillMinusNineAndDuplicatesStayWithinTheWindow() throws Exception {
        long began = System.nanoTime();
        first = startGateway("crash-first");
        String apiKey = env.createPartner("crash-partner");

        MessageSender sender = new MessageSender(http, apiKey, List.of(first.httpPort()), TOTAL, 4, Duration.ofSeconds(90))
                .start();
        try {
            Awaitility.await("first " + KILL_AFTER_ACCEPTED + " messages accepted").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(5)).until(() -> sender.acceptedCount() >= KILL_AFTER_ACCEPTED);
            first.killHard();
            sender.stop();
            assertThat(sender.awaitDone(Duration.ofSeconds(30))).as("senders finished").isTrue();
        } finally {
            sender.close();
        }
        // Nothing can acknowledge a receipt between the kill and the restart: these numbers are stable until then.
        long receiptsAckedAtKill = env.simulator().receiptsSent();
        List<UUID> accepted = sender.acceptedIds();
        Map<String, Long> atKill = statusCounts();
        long notFinalAtKill = atKill.getOrDefault("ACCEPTED", 0L) + atKill.getOrDefault("SUBMITTED", 0L);
        long smscAcceptedAtKill = env.simulator().acceptedCount();
        System.out.printf("[it] crash: killed pid %d after %d accepted (transport failures %d, other statuses %s);"
                + " statuses at kill %s; SMSC had accepted %d submits and the gateway had acknowledged %d receipts"
                + " (%d more than DELIVERED messages)%n", first.pid(), accepted.size(), sender.failures(),
                sender.otherStatuses(), atKill, smscAcceptedAtKill, receiptsAckedAtKill,
                receiptsAckedAtKill - atKill.getOrDefault("DELIVERED", 0L));
        assertThat(sender.otherStatuses()).as("responses other than 202 before the kill").isEmpty();
        assertThat(notFinalAtKill).as("messages not final when the gateway was killed (else the test proves nothing)")
                .isPositive();

        long restartAt = System.nanoTime();
        second = startGateway("crash-second");
        long restartMillis = (System.nanoTime() - restartAt) / 1_000_000;

        String unfinished = null;
        try {
            Awaitility.await("every message final after the restart").atMost(RECOVERY_TIMEOUT)
                    .pollInterval(Duration.ofMillis(500)).until(() -> env.queryLong(
                            "SELECT count(*) FROM message WHERE status IN ('ACCEPTED', 'SUBMITTED')") == 0);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            unfinished = env.describeUnfinished(10);
        }

        Map<UUID, String> statuses = env.statuses(accepted);
        long lost = accepted.stream().filter(id -> !statuses.containsKey(id)).count();
        long notDelivered = accepted.stream().filter(id -> !"DELIVERED".equals(statuses.get(id))).count();
        long messages = env.queryLong("SELECT count(*) FROM message");
        long segments = env.queryLong("SELECT coalesce(sum(segments), 0) FROM message");
        long parts = env.queryLong("SELECT count(*) FROM message_part");
        long partsSubmittedTwice = env.queryLong("SELECT count(*) FROM message_part WHERE submit_count > 1");
        long extraSubmitsRecorded = env.queryLong("SELECT coalesce(sum(submit_count - 1), 0) FROM message_part");
        long unmatchedReceipts = env.queryLong("SELECT count(*) FROM smpp_unmatched_receipt");
        long smscAccepted = env.simulator().acceptedCount();
        long duplicatesAtSmsc = smscAccepted - parts;
        System.out.printf("[it] crash: %d accepted (202), %d messages in the database (%d segments, %d parts),"
                + " lost %d, not DELIVERED %d; SMSC accepted %d submits (%d in all, %d receipts sent) -> %d duplicates at"
                + " the SMSC; parts with submit_count > 1: %d (extra submits recorded %d); unmatched receipts %d;"
                + " window %d; restart took %d ms; final statuses %s; total %d s%n", accepted.size(), messages, segments,
                parts, lost, notDelivered, smscAccepted, env.simulator().submitCount(), env.simulator().receiptsSent(),
                duplicatesAtSmsc, partsSubmittedTwice, extraSubmitsRecorded, unmatchedReceipts, MAX_IN_FLIGHT,
                restartMillis, statusCounts(), (System.nanoTime() - began) / 1_000_000_000L);
        if (unfinished != null) {
            System.out.println("[it] crash: " + unfinished);
        }

        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(lost).as("accepted messages missing from the database").isZero();
        soft.assertThat(duplicatesAtSmsc).as("duplicates at the SMSC").isNotNegative()
                .isLessThanOrEqualTo(MAX_IN_FLIGHT);
        soft.assertThat(partsSubmittedTwice).as("parts submitted more than once").isLessThanOrEqualTo(MAX_IN_FLIGHT);
        soft.assertThat(unfinished).as("messages still not final %s after the restart", RECOVERY_TIMEOUT).isNull();
        soft.assertThat(notDelivered).as("accepted messages not DELIVERED").isZero();
        soft.assertThat(parts).as("one part row per segment").isEqualTo(segments);
        soft.assertThat(first.log()).as("first gateway log").doesNotContain("Peyk IT message");
        soft.assertThat(second.log()).as("second gateway log").doesNotContain("Peyk IT message");
        soft.assertAll();
    }

    private static GatewayProcess startGateway(String name) throws Exception {
        int port = ItEnvironment.freePort();
        GatewayProcess gateway = GatewayProcess.start(name, port,
                env.gatewayProperties("it-" + name, port, MAX_IN_FLIGHT, LEASE));
        if (first == null) {
            first = gateway;
        } else {
            second = gateway;
        }
        gateway.awaitReady(http);
        assertExternalServicesOnly(gateway);
        return gateway;
    }

    static void assertExternalServicesOnly(GatewayProcess gateway) throws Exception {
        String log = gateway.log();
        assertThat(log).as(gateway.name() + " log")
                .contains("PostgreSQL: external instance configured, not starting the embedded one")
                .contains("Kafka: external instance configured, not starting the embedded one")
                .contains("SMSC simulator: external instance configured, not starting the embedded one")
                .doesNotContain("Embedded PostgreSQL listening").doesNotContain("Embedded Kafka listening")
                .doesNotContain("Embedded SMSC simulator listening");
    }

    private static Map<String, Long> statusCounts() throws Exception {
        Map<String, Long> counts = new java.util.TreeMap<>();
        try (var c = env.jdbc();
                var ps = c.prepareStatement("SELECT status, count(*) FROM message GROUP BY status");
                var rs = ps.executeQuery()) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }
}

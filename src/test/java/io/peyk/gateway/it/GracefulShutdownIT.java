package io.peyk.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.assertj.core.api.SoftAssertions;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.peyk.smpp.simulator.ReceivedSubmit;
import io.peyk.smpp.simulator.SmscSimulator;

/**
 * Issue 6, graceful shutdown proof: a gateway process started from the built jar gets SIGTERM while a slow SMSC holds
 * many of its submits in flight. It must stop its dispatcher before closing the bridge, have every submit the SMSC got
 * answered and the answer stored in PostgreSQL before it exits, unbind (not drop the socket), and exit within a bounded
 * time. A new process on the same PostgreSQL and SMSC then delivers every accepted message, each reaching the SMSC exactly
 * once — unlike a crash ({@link CrashRecoveryIT}), a graceful stop leaves no duplicate — and without waiting for any lease
 * to run out.
 */
class GracefulShutdownIT {

    private static final int BINDS = 2;
    private static final int WINDOW = 20;
    /** The most parts the bridge can have in flight at once: what a drain waits for. */
    private static final int BRIDGE_WINDOW = BINDS * WINDOW;
    private static final int MAX_IN_FLIGHT = 200;
    /** Long on purpose: after a graceful stop no message may wait for its lease to run out. */
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final int TOTAL = 600;
    /** Slow SMSC: with its processing threads per session this keeps the gateway's whole window in flight. */
    private static final Duration RESPONSE_DELAY = Duration.ofMillis(200);
    private static final Duration RECEIPT_DELAY = Duration.ofMillis(20);
    /** 60 s of receipt retries at the SMSC (250 ms apart): longer than a gateway takes to start. */
    private static final int RECEIPT_ATTEMPTS = 240;
    private static final int SIGTERM_AFTER_SMSC_SUBMITS = 60;
    /** The pre-shutdown phase (readiness DOWN, still serving); production's is 5 s, shorter here to keep work queued. */
    private static final Duration SHUTDOWN_DELAY = Duration.ofSeconds(2);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);
    /** How long a bind waits for any response, unbind_resp included. */
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(3);
    /**
     * The worst case docs/operations.md promises, for this configuration: pre-shutdown delay + HTTP (5 s) + dispatcher
     * (5 s) + the connector's shutdown-timeout + one unanswered unbind per bind + the delivery updates' drain (10 s) +
     * 5 s for the rest. An SMSC that does not answer an unbind costs a response timeout, nothing more.
     */
    private static final Duration EXIT_BOUND = SHUTDOWN_DELAY.plusSeconds(5 + 5).plus(SHUTDOWN_TIMEOUT)
            .plus(RESPONSE_TIMEOUT.multipliedBy(BINDS)).plusSeconds(10 + 5);
    private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(60);

    /** The shutdown log lines, in the order the gateway must write them. */
    static final List<String> SHUTDOWN_SEQUENCE = List.of("Message dispatcher stopped", "SMPP bridge draining",
            "SMPP bridge closed", "Delivery updates drained");

    private static final Pattern BRIDGE_CLOSED = Pattern
            .compile("SMPP bridge closed in (\\d+) ms: (\\d+) part\\(s\\) answered, (\\d+) handed back, (\\d+) failed");

    private static ItEnvironment env;
    private static GatewayProcess first;
    private static GatewayProcess second;
    private static HttpClient http;

    @BeforeAll
    static void startEnvironment() throws Exception {
        http = GatewayProcess.httpClient();
        env = ItEnvironment.start(RECEIPT_DELAY);
        // The slow SMSC answers receipts slowly too: many wait for the second gateway, so keep them for its start.
        env.simulator().responseDelay(RESPONSE_DELAY).receiptAttempts(RECEIPT_ATTEMPTS);
    }

    @AfterAll
    static void stopEverything() {
        GatewayProcess.closeAll(first, second, env);
    }

    @Test
    void sigtermDrainsInFlightSubmitsUnbindsAndTheRestartDeliversEveryMessageExactlyOnce() throws Exception {
        SmscSimulator smsc = env.simulator();
        first = GatewayProcess.startReady(env, "drain-first", http, MAX_IN_FLIGHT, LEASE, connector());
        String apiKey = env.createPartner("drain-partner");

        MessageSender sender = new MessageSender(http, apiKey, List.of(first.httpPort()), TOTAL, 4, Duration.ofSeconds(90))
                .start();
        try {
            assertThat(sender.awaitDone(Duration.ofSeconds(90))).as("senders finished").isTrue();
        } finally {
            sender.close();
        }
        List<UUID> accepted = sender.acceptedIds();
        assertThat(sender.otherStatuses()).as("responses other than 202").isEmpty();
        assertThat(accepted).as("accepted messages").hasSize(TOTAL);

        Awaitility.await("SMSC got " + SIGTERM_AFTER_SMSC_SUBMITS + " submits").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(5)).until(() -> smsc.submitCount() >= SIGTERM_AFTER_SMSC_SUBMITS);
        long smscAtSigterm = smsc.submitCount();
        Map<String, Long> statusesAtSigterm = statusCounts();
        LocalTime sigtermClock = LocalTime.now();
        long sigtermAt = System.nanoTime();
        first.sigterm();
        // Pre-shutdown: readiness goes DOWN at once (Kubernetes stops routing to the pod) while the pod still serves.
        URI ready = URI.create("http://127.0.0.1:" + first.httpPort() + "/q/health/ready");
        URI live = URI.create("http://127.0.0.1:" + first.httpPort() + "/q/health/live");
        Awaitility.await("readiness DOWN after SIGTERM").atMost(SHUTDOWN_DELAY).pollInterval(Duration.ofMillis(20))
                .until(() -> status(ready) == 503);
        int liveDuringDelay = status(live);
        int exitCode = first.awaitExit(EXIT_BOUND);
        long exitMillis = (System.nanoTime() - sigtermAt) / 1_000_000;

        // Nothing talks to the SMSC or the database between the exit and the restart: these numbers are stable.
        long smscSubmits = smsc.submitCount();
        long responsesSent = smsc.submitResponsesSent();
        long responsesFailed = smsc.submitResponsesFailed();
        List<Long> responsesAtUnbinds = smsc.responsesSentAtUnbinds();
        Set<String> smscIds = smsc.received().stream().flatMap(s -> s.messageId().stream()).map(id -> id.substring(4))
                .collect(Collectors.toSet());
        Set<String> recordedIds = recordedSmscIds();
        Map<String, Long> statusesAtExit = statusCounts();
        long stillClaimed = env.queryLong(
                "SELECT count(*) FROM message WHERE status IN ('ACCEPTED', 'SMS_FALLBACK') AND claimed_by IS NOT NULL");
        long notDueYet = env.queryLong(
                "SELECT count(*) FROM message WHERE status IN ('ACCEPTED', 'SMS_FALLBACK') AND next_attempt_at > now()");
        String firstLog = first.log();
        first.assertLogIsJsonLines(); // start-up to the last shutdown line
        List<String> shutdownLines = firstLog.lines()
                .filter(l -> SHUTDOWN_SEQUENCE.stream().anyMatch(l::contains) || l.contains("SMPP bind")).toList();
        System.out.printf("[it] drain: SIGTERM at %s after %d SMSC submits (statuses %s); exit code %d after %d ms; SMSC then"
                + " had %d submits (%d during the drain), %d responses sent, %d failed, unbinds %d (responses sent at each"
                + " unbind %s), max concurrent at the SMSC %d; recorded %d of %d SMSC ids; statuses at exit %s; still"
                + " claimed %d, not due yet %d%n", sigtermClock, smscAtSigterm, statusesAtSigterm, exitCode, exitMillis,
                smscSubmits,
                smscSubmits - smscAtSigterm, responsesSent, responsesFailed, smsc.unbindsReceived(), responsesAtUnbinds,
                smsc.maxConcurrentSubmits(), recordedIds.size(), smscIds.size(), statusesAtExit, stillClaimed, notDueYet);
        shutdownLines.forEach(l -> System.out.println("[it] drain log: " + l));

        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(smscAtSigterm).as("SMSC submits at SIGTERM (some but not all, else the test proves nothing)")
                .isLessThan(TOTAL - BRIDGE_WINDOW);
        // (a) the dispatcher stops first, then the bridge sends only what was already in its window.
        soft.assertThat(indexes(firstLog)).as("shutdown log lines in order " + SHUTDOWN_SEQUENCE).isSorted()
                .doesNotContain(-1);
        Matcher closed = BRIDGE_CLOSED.matcher(firstLog);
        if (closed.find()) {
            soft.assertThat(Long.parseLong(closed.group(2))).as("parts answered during the drain")
                    .isPositive().isLessThanOrEqualTo(BRIDGE_WINDOW);
            soft.assertThat(Long.parseLong(closed.group(3))).as("queued parts handed back").isPositive();
            soft.assertThat(Long.parseLong(closed.group(4))).as("parts failed during the drain").isZero();
        } else {
            soft.fail("no line matching " + BRIDGE_CLOSED + " in the first gateway's log");
        }
        // (b) every submit the SMSC got was answered, and the answer is in PostgreSQL.
        soft.assertThat(responsesFailed).as("submit responses the SMSC could not write").isZero();
        soft.assertThat(responsesSent).as("submit responses sent = submits received").isEqualTo(smscSubmits);
        soft.assertThat(recordedIds).as("SMSC message ids recorded in message_part = ids the SMSC answered")
                .isEqualTo(smscIds);
        soft.assertThat(statusesAtExit.getOrDefault("SUBMITTED", 0L) + statusesAtExit.getOrDefault("DELIVERED", 0L))
                .as("messages SUBMITTED or DELIVERED at exit = SMSC submits").isEqualTo(smscSubmits);
        soft.assertThat(stillClaimed).as("messages left claimed by the stopped instance").isZero();
        // (c) unbind, after the last response.
        soft.assertThat(smsc.unbindsReceived()).as("unbinds received").isEqualTo(BINDS);
        soft.assertThat(responsesAtUnbinds).as("responses sent when each unbind came").hasSize(BINDS)
                .containsOnly(responsesSent);
        soft.assertThat(liveDuringDelay).as("liveness while readiness is DOWN (still serving)").isEqualTo(200);
        soft.assertThat(exitMillis).as("ms from SIGTERM to exit (the pre-shutdown delay comes first)")
                .isGreaterThanOrEqualTo(SHUTDOWN_DELAY.toMillis());
        // (d) bounded exit; the JVM reports SIGTERM as 128 + 15.
        soft.assertThat(exitCode).as("exit code").isIn(0, 143);
        soft.assertThat(firstLog).as("first gateway log").doesNotContain("could not apply")
                .doesNotContain("Pool closed").doesNotContain("not written").doesNotContain("not drained")
                .doesNotContain("still busy").doesNotContain("Peyk IT message");
        soft.assertAll();

        long restartAt = System.nanoTime();
        second = GatewayProcess.startReady(env, "drain-second", http, MAX_IN_FLIGHT, LEASE, connector());
        long readyMillis = (System.nanoTime() - restartAt) / 1_000_000;
        String unfinished = null;
        try {
            env.awaitStatus(accepted, "DELIVERED", RECOVERY_TIMEOUT);
        } catch (AssertionError e) {
            unfinished = e.getMessage() + "\n" + env.describeUnfinished(10);
        }
        long deliveredMillis = (System.nanoTime() - restartAt) / 1_000_000;

        // (e) exactly once at the SMSC.
        List<ReceivedSubmit> acceptedAtSmsc = smsc.received().stream().filter(s -> s.messageId().isPresent()).toList();
        Map<String, Long> perDestination = acceptedAtSmsc.stream()
                .collect(Collectors.groupingBy(ReceivedSubmit::destinationAddr, TreeMap::new, Collectors.counting()));
        Map<String, Long> duplicated = new TreeMap<>(perDestination);
        duplicated.values().removeIf(n -> n == 1);
        Set<String> destinations = destinations(accepted);
        long parts = env.queryLong("SELECT count(*) FROM message_part");
        long resubmittedParts = env.queryLong("SELECT count(*) FROM message_part WHERE submit_count > 1");
        System.out.printf("[it] drain: second gateway ready after %d ms, every message DELIVERED after %d ms; SMSC accepted"
                + " %d submits for %d destinations (duplicated: %s); %d part rows, %d submitted more than once; statuses"
                + " %s%n", readyMillis, deliveredMillis, acceptedAtSmsc.size(), perDestination.size(), duplicated, parts,
                resubmittedParts, statusCounts());
        if (unfinished != null) {
            System.out.println("[it] drain: " + unfinished);
        }

        SoftAssertions after = new SoftAssertions();
        after.assertThat(unfinished).as("messages not DELIVERED %s after the restart (lease %s)", RECOVERY_TIMEOUT, LEASE)
                .isNull();
        after.assertThat(duplicated).as("destinations the SMSC got more than once").isEmpty();
        after.assertThat(perDestination.keySet()).as("destinations the SMSC got = accepted messages' destinations")
                .isEqualTo(destinations);
        after.assertThat(acceptedAtSmsc).as("submits the SMSC accepted").hasSize(TOTAL);
        after.assertThat(parts).as("part rows").isEqualTo(TOTAL);
        after.assertThat(resubmittedParts).as("parts submitted more than once").isZero();
        after.assertThat(second.log()).as("second gateway log").doesNotContain("Peyk IT message");
        after.assertAll();
    }

    /** The connector of both gateways: several binds with a real window, and the bridge's drain bound. */
    /** The HTTP status of a GET, or -1 when nothing answers. */
    private static int status(URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static Map<String, String> connector() {
        String c = "peyk.smpp.connectors." + ItEnvironment.CONNECTOR + ".";
        Map<String, String> p = new HashMap<>();
        p.put(c + "binds", Integer.toString(BINDS));
        p.put(c + "window-size", Integer.toString(WINDOW));
        p.put(c + "shutdown-timeout", SHUTDOWN_TIMEOUT.toMillis() + "MS");
        p.put(c + "response-timeout", RESPONSE_TIMEOUT.toMillis() + "MS");
        p.put("quarkus.shutdown.delay", SHUTDOWN_DELAY.toMillis() + "MS");
        return p;
    }

    /** Where each line of {@link #SHUTDOWN_SEQUENCE} first appears in the log (-1 when missing). */
    private static List<Integer> indexes(String log) {
        return SHUTDOWN_SEQUENCE.stream().map(log::indexOf).toList();
    }

    private static Set<String> recordedSmscIds() throws Exception {
        Set<String> ids = new HashSet<>();
        try (Connection c = env.jdbc();
                PreparedStatement ps = c
                        .prepareStatement("SELECT smsc_message_id FROM message_part WHERE smsc_message_id IS NOT NULL");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    /** The destinations of these messages as the SMSC sees them (no leading +). */
    private static Set<String> destinations(List<UUID> ids) throws Exception {
        Set<String> result = new HashSet<>();
        try (Connection c = env.jdbc();
                PreparedStatement ps = c.prepareStatement("SELECT to_number FROM message WHERE id = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String to = rs.getString(1);
                    result.add(to.startsWith("+") ? to.substring(1) : to);
                }
            }
        }
        return result;
    }

    private static Map<String, Long> statusCounts() throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = env.jdbc();
                PreparedStatement ps = c.prepareStatement("SELECT status, count(*) FROM message GROUP BY status");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }
}

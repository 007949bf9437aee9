package io.peyk.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.peyk.smpp.simulator.ReceivedSubmit;

/**
 * Issue 3, sharing proof: two gateway processes on one PostgreSQL, one Kafka and one SMSC share the dispatching and, in
 * the normal case, never submit a message twice. Each binds with its own system id, so the SMSC tells who sent what.
 */
class TwoInstancesIT {

    private static final int MAX_IN_FLIGHT = 50;
    /**
     * Nothing is killed here, so the lease only has to outlast a loaded machine's stalls (a 3 s lease, renewed with a 1 s
     * timeout, expired under CI load and let the other instance take messages over).
     */
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final int TOTAL = 600;
    private static final String SYSTEM_A = "it-two-a";
    private static final String SYSTEM_B = "it-two-b";

    private static ItEnvironment env;
    private static GatewayProcess a;
    private static GatewayProcess b;
    private static HttpClient http;

    @BeforeAll
    static void startEnvironment() throws Exception {
        http = GatewayProcess.httpClient();
        env = ItEnvironment.start(Duration.ofMillis(200));
        int portA = ItEnvironment.freePort();
        a = GatewayProcess.start("two-a", portA, env.gatewayProperties(SYSTEM_A, portA, MAX_IN_FLIGHT, LEASE));
        // The first one alone runs the migrations; the second starts once the schema is there.
        a.awaitReady(http);
        int portB = ItEnvironment.freePort();
        b = GatewayProcess.start("two-b", portB, env.gatewayProperties(SYSTEM_B, portB, MAX_IN_FLIGHT, LEASE));
        b.awaitReady(http);
    }

    @AfterAll
    static void stopEverything() {
        GatewayProcess.closeAll(a, b, env);
    }

    @Test
    void twoInstancesShareTheWorkAndSubmitEveryPartExactlyOnce() throws Exception {
        long began = System.nanoTime();
        CrashRecoveryIT.assertExternalServicesOnly(a);
        CrashRecoveryIT.assertExternalServicesOnly(b);
        String apiKey = env.createPartner("two-instances-partner");

        MessageSender sender = new MessageSender(http, apiKey, List.of(a.httpPort(), b.httpPort()), TOTAL, 4,
                Duration.ofSeconds(60)).start();
        try {
            assertThat(sender.awaitDone(Duration.ofSeconds(75))).as("senders finished").isTrue();
        } finally {
            sender.close();
        }
        List<UUID> accepted = sender.acceptedIds();
        assertThat(sender.failures()).as("transport failures").isZero();
        assertThat(sender.otherStatuses()).as("responses other than 202").isEmpty();
        assertThat(accepted).hasSize(TOTAL).doesNotHaveDuplicates();

        Awaitility.await("every message DELIVERED").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> env.statuses(accepted).values().stream().filter("DELIVERED"::equals).count() == TOTAL);

        long parts = env.queryLong("SELECT count(*) FROM message_part");
        long segments = env.queryLong("SELECT coalesce(sum(segments), 0) FROM message");
        long notOnce = env.queryLong("SELECT count(*) FROM message_part WHERE submit_count <> 1");
        long smscAccepted = env.simulator().acceptedCount();
        Map<String, Long> bySystemId = env.simulator().received().stream()
                .collect(Collectors.groupingBy(ReceivedSubmit::systemId, java.util.TreeMap::new, Collectors.counting()));
        Set<String> distinctSmscIds = env.simulator().received().stream()
                .map(s -> s.messageId().orElse("-")).collect(Collectors.toSet());
        System.out.printf("[it] two instances: %d accepted, %d parts (%d segments), parts with submit_count <> 1: %d;"
                + " SMSC accepted %d submits (%d in all), by system id %s; %d s%n", accepted.size(), parts, segments, notOnce,
                smscAccepted, env.simulator().submitCount(), bySystemId, (System.nanoTime() - began) / 1_000_000_000L);

        assertThat(parts).as("one part row per segment").isEqualTo(segments).isEqualTo(TOTAL);
        assertThat(notOnce).as("parts not submitted exactly once").isZero();
        assertThat(smscAccepted).as("submits the SMSC accepted").isEqualTo(parts);
        assertThat(env.simulator().submitCount()).as("submits the SMSC received").isEqualTo(parts);
        assertThat(distinctSmscIds).hasSize(TOTAL);
        assertThat(bySystemId).as("both instances dispatched").containsOnlyKeys(SYSTEM_A, SYSTEM_B)
                .allSatisfy((systemId, count) -> assertThat(count).as(systemId).isPositive());
    }
}

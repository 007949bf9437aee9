package io.peyk.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 5, crash proof for billing: a gateway process meters and rates a stream of usage events (with duplicates) and is
 * killed with SIGKILL part-way; a new process on the same Kafka and PostgreSQL finishes. Every unique event is counted
 * exactly once (none lost between the dedup claim and the aggregate, none counted twice on the replayed batch), the
 * posted lines and the partner's receivable equal the rating of everything, and the ledger balances.
 */
class BillingCrashIT {

    private static final int UNIQUE = 60_000;
    private static final int DUPLICATES = 3_000;
    private static final long KILL_AFTER_STORED = 10_000;
    /** Flat prices: segments at 7 rials, app messages at 0.5 (rounded once per line). */
    private static final String PRICES = "{\"sms.segment\": [{\"unitPrice\": \"7\"}], \"ott.message\": [{\"unitPrice\":"
            + " \"0.5\"}]}";

    private static ItEnvironment env;
    private static GatewayProcess first;
    private static GatewayProcess second;
    private static HttpClient http;

    @BeforeAll
    static void startEnvironment() throws Exception {
        http = GatewayProcess.httpClient();
        env = ItEnvironment.start(Duration.ofMillis(200));
    }

    @AfterAll
    static void stopEverything() {
        GatewayProcess.closeAll(first, second, env);
    }

    private static GatewayProcess startGateway(String name) throws Exception {
        return GatewayProcess.startReady(env, name, http, 50, Duration.ofSeconds(30),
                Map.of("peyk.billing.metering.max-poll-records", "500", "peyk.billing.rating.interval", "200MS"));
    }

    @Test
    void everyUsageEventIsCountedOnceAndRatedAfterKillMinusNine() throws Exception {
        first = startGateway("bill-first");
        env.createPartner("billing-crash");
        UUID partner;
        try (Connection c = env.jdbc()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM partner WHERE name = 'billing-crash'");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                partner = rs.getObject(1, UUID.class);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO tariff (partner_id, version, effective_from,"
                    + " currency, revenue_share_percent, prices) VALUES (?, 1, '2026-01-01T00:00:00Z', 'IRR', 0, ?::jsonb)")) {
                ps.setObject(1, partner);
                ps.setString(2, PRICES);
                ps.executeUpdate();
            }
        }

        // Usage in September 2026 (Asia/Tehran); every event's quantity is summed here for the expected totals.
        Random random = new Random(5);
        Instant start = Instant.parse("2026-08-31T21:00:00Z");
        long segments = 0;
        long messages = 0;
        List<String> events = new ArrayList<>(UNIQUE + DUPLICATES);
        for (int i = 0; i < UNIQUE; i++) {
            boolean sms = random.nextInt(3) > 0;
            int quantity = sms ? 1 + random.nextInt(4) : 1;
            if (sms) {
                segments += quantity;
            } else {
                messages += quantity;
            }
            events.add("{\"eventId\":\"crash-" + i + "\",\"kind\":\"" + (sms ? "sms.segment" : "ott.message")
                    + "\",\"partnerId\":\"" + partner + "\",\"number\":\"+989121234567\",\"quantity\":" + quantity
                    + ",\"unit\":\"" + (sms ? "segment" : "message") + "\",\"eventTime\":\""
                    + start.plusSeconds(random.nextInt(29 * 86_400)) + "\",\"source\":\"gateway\"}");
        }
        for (int i = 0; i < DUPLICATES; i++) {
            events.add(events.get(random.nextInt(UNIQUE)));
        }
        java.util.Collections.shuffle(events, random);
        Properties props = new Properties();
        props.putAll(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, env.kafkaBootstrap(),
                ProducerConfig.LINGER_MS_CONFIG, "20", ProducerConfig.BATCH_SIZE_CONFIG, "262144"));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            for (String e : events) {
                producer.send(new ProducerRecord<>("peyk.usage-events", partner.toString(), e));
            }
            producer.flush();
        }

        String count = "SELECT count(*) FROM usage_event WHERE partner_id = '" + partner + "'";
        Awaitility.await("metering under way").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                .until(() -> env.queryLong(count) >= KILL_AFTER_STORED);
        first.killHard();
        long atKill = env.queryLong(count);
        System.out.printf("[it] billing crash: killed pid %d with %d of %d unique events stored%n", first.pid(), atKill,
                UNIQUE);
        assertThat(atKill).as("events stored at the kill (else the test proves nothing)").isLessThan(UNIQUE);

        second = startGateway("bill-second");
        long expectedSegments = segments;
        String due = "SELECT count(*) FROM rating_due WHERE partner_id = '" + partner + "'";
        Awaitility.await("every event metered and rated").atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> env.queryLong(count) == UNIQUE && env.queryLong(due) == 0
                        && env.queryLong("SELECT coalesce(sum(quantity), 0) FROM billing_posting_line WHERE partner_id = '"
                                + partner + "' AND meter = 'SMS_SEGMENT'") == expectedSegments);

        String where = " WHERE partner_id = '" + partner + "'";
        assertThat(env.queryLong("SELECT sum(events) FROM usage_aggregate" + where)).isEqualTo(UNIQUE);
        assertThat(env.queryLong("SELECT sum(quantity) FROM usage_aggregate" + where + " AND meter = 'SMS_SEGMENT'"))
                .isEqualTo(segments);
        assertThat(env.queryLong("SELECT sum(quantity) FROM billing_posting_line" + where + " AND meter = 'OTT_MESSAGE'"))
                .isEqualTo(messages);
        long expectedCharges = segments * 7 + BigDecimal.valueOf(messages).multiply(new BigDecimal("0.5"))
                .setScale(0, RoundingMode.HALF_EVEN).longValueExact();
        assertThat(env.queryLong("SELECT sum(amount_minor) FROM billing_posting_line" + where))
                .isEqualTo(expectedCharges);
        assertThat(env.queryLong("SELECT balance_minor FROM ledger_account" + where + " AND kind = 'partner_receivable'"))
                .isEqualTo(expectedCharges);
        assertThat(env.queryLong("SELECT coalesce(sum(balance_minor), 0) FROM ledger_account")).isZero();
        assertThat(env.queryLong("SELECT count(*) FROM billing_revision" + where)).isPositive();
    }
}

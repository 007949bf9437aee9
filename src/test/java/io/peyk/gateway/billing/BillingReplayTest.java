package io.peyk.gateway.billing;

import static io.peyk.gateway.billing.BillingApi.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.peyk.billing.ledger.Ledger;
import io.peyk.billing.metering.UsageEvent;
import io.peyk.gateway.EmbeddedServicesResource;
import io.peyk.gateway.message.ApiPartner;
import io.peyk.gateway.metering.MeteringConfig;
import io.peyk.gateway.metering.MeteringForTests;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgPool;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

/**
 * Replaying the usage topics from offset 0 into an empty database gives an identical ledger. Random usage (two months,
 * two partners, graduated tariffs, a tariff version taking effect mid-month, duplicates, shuffled order, several sends)
 * is metered and rated by the running gateway; then a fresh database is migrated, given the same partners and tariffs
 * (configuration, not usage), fed every record of the topics from offset 0 through the same parsers and store, and rated
 * by the same rater. The state hash — aggregates, posted lines per key, revision totals per period, and the partners'
 * account balances — must be equal. (Transfers themselves may be cut differently: the running gateway rates as usage
 * arrives, the replay once at the end; what they add up to is the ledger.)
 */
@QuarkusTest
@WithTestResource(EmbeddedServicesResource.class)
class BillingReplayTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;
    @ConfigProperty(name = "quarkus.datasource.username")
    String user;
    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @Inject
    Pool pool;
    @Inject
    Vertx vertx;
    @Inject
    MeteringConfig metering;
    @Inject
    RatingConfig rating;

    private static final String STATE = """
            SELECT 'aggregate' AS what, partner_id::text AS a, meter AS b, bucket_start::text AS c,
                   quantity::text || '/' || events AS d
              FROM usage_aggregate WHERE partner_id = ANY($1)
            UNION ALL
            SELECT 'line', partner_id::text, usage_period, meter || '/v' || tariff_version || '/t' || tier,
                   sum(quantity)::text || '/' || sum(amount_minor) || '/' || sum(operator_share_minor) || '/'
                   || sum(partner_share_minor)
              FROM billing_posting_line WHERE partner_id = ANY($1)
             GROUP BY partner_id, usage_period, meter, tariff_version, tier
            HAVING sum(quantity) <> 0 OR sum(amount_minor) <> 0 OR sum(partner_share_minor) <> 0
            UNION ALL
            SELECT 'period', partner_id::text, usage_period, currency,
                   sum(charges_minor) || '/' || sum(revenue_minor) || '/' || sum(share_minor) || '/' || sum(expense_minor)
              FROM billing_revision WHERE partner_id = ANY($1) GROUP BY partner_id, usage_period, currency
            UNION ALL
            SELECT 'account', partner_id::text, code, currency, balance_minor::text
              FROM ledger_account WHERE partner_id = ANY($1) AND balance_minor <> 0
            ORDER BY 1, 2, 3, 4, 5""";

    private static List<String> state(Pool on, UUID[] partners) {
        List<String> rows = new ArrayList<>();
        for (Row r : on.preparedQuery(STATE).execute(Tuple.of(partners)).await().atMost(Duration.ofSeconds(30))) {
            rows.add(r.getString("what") + "|" + r.getString("a") + "|" + r.getString("b") + "|" + r.getString("c")
                    + "|" + r.getString("d"));
        }
        return rows;
    }

    private static String hash(List<String> rows) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        rows.forEach(r -> sha.update((r + "\n").getBytes(StandardCharsets.UTF_8)));
        return HexFormat.of().formatHex(sha.digest());
    }

    private static Map<String, Object> tariff(String from, int smsBound, String smsPrice, String share) {
        return Map.of("effectiveFrom", from, "revenueSharePercent", new BigDecimal(share), "prices", Map.of(
                "sms.segment", List.of(Map.of("upTo", smsBound, "unitPrice", 90),
                        Map.of("unitPrice", new BigDecimal(smsPrice))),
                "ott.message", List.of(Map.of("unitPrice", new BigDecimal("0.35"))),
                "data.revenue", List.of(Map.of("upTo", new BigDecimal("2.5"), "unitPrice", 1500),
                        Map.of("unitPrice", new BigDecimal("1212.5")))));
    }

    @Test
    void replayingTheTopicsFromOffsetZeroIntoAnEmptyDatabaseGivesAnIdenticalLedger() throws Exception {
        ApiPartner a = ApiPartner.create(100, null);
        ApiPartner b = ApiPartner.create(100, null);
        BillingApi.addTariff(a.id(), tariff("2026-07-01T00:00:00Z", 50, "61.75", "22.5"));
        BillingApi.addTariff(a.id(), tariff("2026-09-15T12:00:00+03:30", 40, "55.5", "25"));
        BillingApi.addTariff(b.id(), tariff("2026-07-01T00:00:00Z", 7, "33.3", "40"));

        Random random = new Random(42);
        List<String> events = new ArrayList<>();
        String[][] kinds = {{"sms.segment", "segment"}, {"ott.message", "message"}, {"data.revenue", "MB"}};
        Instant start = Instant.parse("2026-07-31T20:30:00Z");
        for (int i = 0; i < 400; i++) {
            String partner = random.nextBoolean() ? a.id() : b.id();
            String[] kind = kinds[random.nextInt(kinds.length)];
            String quantity = kind[1].equals("MB")
                    ? BigDecimal.valueOf(random.nextInt(3_000_000), 6).toPlainString()
                    : String.valueOf(1 + random.nextInt(6));
            String at = start.plus(random.nextInt(61 * 24 * 60), ChronoUnit.MINUTES).toString();
            events.add(event(partner + "-r" + i, partner, kind[0], kind[1], quantity, at));
        }
        for (int i = 0; i < 40; i++) {
            events.add(events.get(random.nextInt(400))); // duplicates
        }
        Collections.shuffle(events, random);
        for (int from = 0; from < events.size(); from += 110) {
            BillingApi.send(bootstrap, events.subList(from, Math.min(events.size(), from + 110)));
        }
        UUID[] partners = {UUID.fromString(a.id()), UUID.fromString(b.id())};
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
            Row r = pool.preparedQuery("SELECT (SELECT count(*) FROM usage_event WHERE partner_id = ANY($1)) AS events,"
                    + " (SELECT count(*) FROM rating_due WHERE partner_id = ANY($1)) AS due")
                    .execute(Tuple.of(partners)).await().atMost(Duration.ofSeconds(5)).iterator().next();
            return r.getLong("events") == 400 && r.getLong("due") == 0;
        });
        List<String> original = state(pool, partners);
        assertThat(original).anyMatch(r -> r.startsWith("line|")).anyMatch(r -> r.startsWith("account|"));

        String database = "replay_" + UUID.randomUUID().toString().replace("-", "");
        pool.query("CREATE DATABASE " + database).execute().await().atMost(Duration.ofSeconds(30));
        String replayJdbc = jdbcUrl.substring(0, jdbcUrl.lastIndexOf('/') + 1) + database;
        Flyway.configure().dataSource(replayJdbc, user, password).locations("classpath:db/migration").load()
                .migrate();
        PgConnectOptions options = PgConnectOptions.fromUri(replayJdbc.substring("jdbc:".length()))
                .setUser(user).setPassword(password);
        Pool replay = PgPool.pool(vertx, options, new PoolOptions().setMaxSize(4));
        try {
            // Configuration, not usage: the partners and their tariff versions.
            for (Row p : pool.preparedQuery("SELECT id, name, time_zone FROM partner WHERE id = ANY($1)")
                    .execute(Tuple.of(partners)).await().atMost(Duration.ofSeconds(5))) {
                replay.preparedQuery("INSERT INTO partner (id, name, sender_ids, webhook_secret, rate_limit_per_second,"
                        + " time_zone) VALUES ($1, $2, '{}', 'whsec_replay', 1, $3)")
                        .execute(Tuple.of(p.getUUID("id"), p.getString("name"), p.getString("time_zone")))
                        .await().atMost(Duration.ofSeconds(5));
            }
            for (Row t : pool.preparedQuery("SELECT partner_id, version, effective_from, currency,"
                    + " revenue_share_percent, prices::text AS prices FROM tariff WHERE partner_id = ANY($1)")
                    .execute(Tuple.of(partners)).await().atMost(Duration.ofSeconds(5))) {
                replay.preparedQuery("INSERT INTO tariff (partner_id, version, effective_from, currency,"
                        + " revenue_share_percent, prices) VALUES ($1, $2, $3, $4, $5, $6::jsonb)")
                        .execute(Tuple.tuple().addUUID(t.getUUID("partner_id")).addInteger(t.getInteger("version"))
                                .addOffsetDateTime(t.getOffsetDateTime("effective_from"))
                                .addString(t.getString("currency")).addBigDecimal(t.getBigDecimal("revenue_share_percent"))
                                .addString(t.getString("prices")))
                        .await().atMost(Duration.ofSeconds(5));
            }
            long stored = replayTopics(replay);
            assertThat(stored).isEqualTo(400);
            Rater rater = new Rater(replay, new Ledger(replay), rating, new SimpleMeterRegistry());
            // Marks settle before they are rated: rate until none is left.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
                rater.rateDue(Optional.empty()).await().atMost(Duration.ofSeconds(60));
                return replay.query("SELECT count(*) FROM rating_due").execute().await()
                        .atMost(Duration.ofSeconds(5)).iterator().next().getLong(0) == 0;
            });
            List<String> replayed = state(replay, partners);
            assertThat(replayed).containsExactlyElementsOf(original);
            assertThat(hash(replayed)).isEqualTo(hash(original));
            // The replayed ledger holds only these partners: money is conserved across all its accounts.
            Row total = replay.query("SELECT coalesce(sum(balance_minor), 0) AS total, count(*) AS n FROM ledger_account")
                    .execute().await().atMost(Duration.ofSeconds(5)).iterator().next();
            assertThat(total.getBigDecimal("total")).isEqualByComparingTo(BigDecimal.ZERO);
            assertThat(total.getLong("n")).isGreaterThanOrEqualTo(4);
        } finally {
            replay.close().await().atMost(Duration.ofSeconds(10));
            pool.query("DROP DATABASE IF EXISTS " + database).execute().await().atMost(Duration.ofSeconds(30));
        }
    }

    /** Every record of the usage topics from offset 0, through metering's parsers and store; answers new events. */
    private long replayTopics(Pool replay) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        long stored = 0;
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(metering.usageEventsTopic(), metering.usageRecordsTopic())) {
                c.partitionsFor(topic, Duration.ofSeconds(10))
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = c.endOffsets(partitions);
            Instant now = Instant.now();
            while (partitions.stream().anyMatch(p -> c.position(p) < end.get(p))) {
                List<UsageEvent> batch = new ArrayList<>();
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                    MeteringForTests.parse(metering, r.topic(), r.value(), now).ifPresent(batch::add);
                }
                stored += MeteringForTests.store(replay, batch);
            }
        }
        return stored;
    }
}

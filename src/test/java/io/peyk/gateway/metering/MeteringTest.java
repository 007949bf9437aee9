package io.peyk.gateway.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.peyk.gateway.EmbeddedServicesResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Metering from the real topics into PostgreSQL: events aggregated per partner, meter and local hour; duplicates,
 * reordering and late events change exactly what they should; invalid records reach the dead-letter topic with their
 * reason and never block the ones behind them; packet-core records are metered in MB for the partner owning their
 * rating group.
 */
@QuarkusTest
@WithTestResource(EmbeddedServicesResource.class)
class MeteringTest {

    /** Owner of rating group 100 in the test configuration. */
    static final UUID DATA_PARTNER = UUID.fromString("00000000-0000-0000-0000-00000000b100");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    Pool pool;

    private UUID partner() {
        UUID id = UUID.randomUUID();
        insertPartner(id);
        return id;
    }

    private void insertPartner(UUID id) {
        pool.preparedQuery("INSERT INTO partner (id, name, sender_ids, webhook_secret, rate_limit_per_second)"
                + " VALUES ($1, $2, $3, 'whsec_test', 100) ON CONFLICT (id) DO NOTHING")
                .execute(Tuple.tuple().addUUID(id).addString("m-" + id).addArrayOfString(new String[]{"3000"}))
                .await().atMost(Duration.ofSeconds(5));
    }

    private void send(String topic, List<String> values) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            for (String v : values) {
                producer.send(new ProducerRecord<>(topic, "k", v));
            }
            producer.flush();
        }
    }

    private static String event(String id, UUID partner, String kind, String unit, Object quantity, String at) {
        return new JsonObject().put("eventId", id).put("kind", kind).put("partnerId", partner.toString())
                .put("number", "+989121234567").put("quantity", quantity).put("unit", unit).put("eventTime", at)
                .put("source", "gateway").encode();
    }

    private Map<String, BigDecimal> aggregates(UUID partner) {
        Map<String, BigDecimal> out = new HashMap<>();
        for (Row r : pool.preparedQuery("SELECT meter, bucket_start, quantity, events FROM usage_aggregate"
                + " WHERE partner_id = $1").execute(Tuple.of(partner)).await().atMost(Duration.ofSeconds(5))) {
            out.put(r.getString("meter") + "@" + r.getOffsetDateTime("bucket_start").toInstant(),
                    r.getBigDecimal("quantity"));
        }
        return out;
    }

    private List<ConsumerRecord<String, String>> deadLetters(String containing, int atLeast) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            c.subscribe(List.of("peyk.usage-dlq"));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    if (r.value() != null && r.value().contains(containing)) {
                        found.add(r);
                    }
                }
                return found.size() >= atLeast;
            });
        }
        return found;
    }

    private static String reason(ConsumerRecord<String, String> r) {
        return new String(r.headers().lastHeader(UsageConsumer.REASON_HEADER).value(), StandardCharsets.UTF_8);
    }

    @Test
    void eventsAreAggregatedPerLocalHourOnceEachInvalidOnesAreDeadLettered() {
        UUID p = partner();
        String tag = UUID.randomUUID().toString();
        // Tehran is UTC+03:30: 20:29 and 20:31 UTC are in different local hours (23:59 and 00:01).
        send("peyk.usage-events", List.of(
                event(tag + "-1", p, "sms.segment", "segment", 3, "2026-11-30T20:29:00Z"),
                event(tag + "-2", p, "sms.segment", "segment", 2, "2026-11-30T20:31:00Z"),
                event(tag + "-1", p, "sms.segment", "segment", 3, "2026-11-30T20:29:00Z"), // duplicate in the batch
                "{not json " + tag,
                event(tag + "-bad", p, "sms.fax", "page", 1, "2026-11-30T20:31:00Z"),
                event(tag + "-unit", p, "sms.segment", "MB", 1, "2026-11-30T20:31:00Z"),
                event(tag + "-nobody", UUID.randomUUID(), "sms.segment", "segment", 1, "2026-11-30T20:31:00Z"),
                event(tag + "-3", p, "ott.message", "message", 1, "2026-11-30T20:45:00Z")));

        await().atMost(Duration.ofSeconds(30)).until(() -> aggregates(p).size() == 3);
        assertThat(aggregates(p)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "SMS_SEGMENT@2026-11-30T19:30:00Z", new BigDecimal("3.000000"),
                "SMS_SEGMENT@2026-11-30T20:30:00Z", new BigDecimal("2.000000"),
                "OTT_MESSAGE@2026-11-30T20:30:00Z", new BigDecimal("1.000000")));

        List<ConsumerRecord<String, String>> letters = deadLetters(tag, 4);
        assertThat(letters).extracting(MeteringTest::reason).anySatisfy(r -> assertThat(r).contains("JSON"))
                .anySatisfy(r -> assertThat(r).contains("unknown kind: sms.fax"))
                .anySatisfy(r -> assertThat(r).contains("unit MB"))
                .anySatisfy(r -> assertThat(r).contains("unknown partner"));

        // A redelivery of the same events later (another batch), plus a late one for an earlier hour.
        send("peyk.usage-events", List.of(event(tag + "-1", p, "sms.segment", "segment", 3, "2026-11-30T20:29:00Z"),
                event(tag + "-2", p, "sms.segment", "segment", 2, "2026-11-30T20:31:00Z"),
                event(tag + "-late", p, "sms.segment", "segment", 4, "2026-11-30T18:40:00Z")));
        // The late event (22:10 local) opens an earlier hour; the redelivered ones change nothing.
        await().atMost(Duration.ofSeconds(30)).until(() -> aggregates(p).size() == 4);
        Map<String, BigDecimal> after = aggregates(p);
        assertThat(after.get("SMS_SEGMENT@2026-11-30T18:30:00Z")).isEqualByComparingTo("4");
        assertThat(after.get("SMS_SEGMENT@2026-11-30T19:30:00Z")).isEqualByComparingTo("3");
        assertThat(after.get("SMS_SEGMENT@2026-11-30T20:30:00Z")).isEqualByComparingTo("2");
        // Every aggregate traces back to its raw events.
        BigDecimal raw = pool.preparedQuery("SELECT sum(quantity) FROM usage_event WHERE partner_id = $1")
                .execute(Tuple.of(p)).await().atMost(Duration.ofSeconds(5)).iterator().next().getBigDecimal(0);
        assertThat(raw).isEqualByComparingTo("10");
    }

    @Test
    void packetCoreRecordsAreMeteredInMegabytesForTheRatingGroupOwner() {
        insertPartner(DATA_PARTNER);
        String tag = UUID.randomUUID().toString();
        Instant end = Instant.parse("2026-11-15T10:10:00Z");
        JsonObject record = new JsonObject().put("recordId", tag).put("number", "+989121234567").put("ratingGroup", 100)
                .put("bytesUp", 250_000).put("bytesDown", 1_250_001).put("start", "2026-11-15T10:00:00Z")
                .put("end", end.toString());
        JsonObject orphan = record.copy().put("recordId", tag + "-x").put("ratingGroup", 999);
        send("peyk.usage-records", List.of(record.encode(), orphan.encode(), record.encode()));

        await().atMost(Duration.ofSeconds(30)).until(() -> pool.preparedQuery("SELECT count(*) FROM usage_event"
                + " WHERE source = 'packet-core' AND event_id = $1").execute(Tuple.of(tag)).await()
                .atMost(Duration.ofSeconds(5)).iterator().next().getLong(0) == 1);
        Row row = pool.preparedQuery("SELECT meter, quantity, partner_id FROM usage_event WHERE source = 'packet-core'"
                + " AND event_id = $1").execute(Tuple.of(tag)).await().atMost(Duration.ofSeconds(5)).iterator().next();
        assertThat(row.getString("meter")).isEqualTo("SPONSORED_DATA");
        assertThat(row.getBigDecimal("quantity")).isEqualByComparingTo("1.500001");
        assertThat(row.getUUID("partner_id")).isEqualTo(DATA_PARTNER);
        assertThat(deadLetters(tag + "-x", 1)).extracting(MeteringTest::reason)
                .allSatisfy(r -> assertThat(r).contains("rating group 999"));
    }
}

package io.peyk.gateway.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import io.peyk.gateway.EmbeddedServicesResource;
import io.peyk.gateway.webhook.ShortRetriesProfile;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.common.annotation.Identifier;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
@TestProfile(ShortRetriesProfile.class)
@WithTestResource(EmbeddedServicesResource.class)
class OutboxPublisherTest {

    private static final Duration DB = Duration.ofSeconds(10);
    private static final String TOPIC = "peyk.message-events";

    @Inject
    Pool pool;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    OutboxPublisher publisher;

    @Test
    void topicsAreCreatedWithConfiguredPartitions() throws Exception {
        try (Admin admin = Admin.create(kafkaConfig)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS)
                    .containsAll(List.of("peyk.message-events", "peyk.usage-events")));
            Map<String, TopicDescription> topics = admin.describeTopics(List.of("peyk.message-events",
                    "peyk.usage-events")).allTopicNames().get(10, TimeUnit.SECONDS);
            assertThat(topics.values()).allSatisfy(t -> assertThat(t.partitions()).hasSize(6));
        }
    }

    @Test
    void rowsArePublishedWithKeyAndValueInOrderPerKeyAndMarked() {
        String run = UUID.randomUUID().toString();
        List<String> keys = List.of(run + "-a", run + "-b", run + "-c", run + "-d");
        int perKey = 300;
        List<Tuple> rows = new ArrayList<>();
        for (int seq = 0; seq < perKey; seq++) {
            for (String key : keys) {
                rows.add(Tuple.of(TOPIC, key, "{\"eventId\":\"" + UUID.randomUUID() + "\",\"key\":\"" + key
                        + "\",\"seq\":" + seq + ",\"note\":\"\u0633\u0644\u0627\u0645\"}"));
            }
        }
        // One batch of 1200 rows: more than the publisher's batch of 500, so several batches publish them.
        pool.preparedQuery("INSERT INTO outbox (topic, record_key, payload) VALUES ($1, $2, $3::text::jsonb)")
                .executeBatch(rows).await().atMost(DB);
        publisher.wakeUp();

        await().atMost(Duration.ofSeconds(30)).until(() -> pool.preparedQuery(
                "SELECT count(*) FROM outbox WHERE record_key LIKE $1 AND published_at IS NULL")
                .execute(Tuple.of(run + "%")).await().atMost(DB).iterator().next().getLong(0) == 0L);

        Map<String, String> expectedValue = new HashMap<>();
        pool.preparedQuery("SELECT record_key || '#' || (payload->>'seq'), payload::text FROM outbox"
                + " WHERE record_key LIKE $1").execute(Tuple.of(run + "%")).await().atMost(DB)
                .forEach(r -> expectedValue.put(r.getString(0), r.getString(1)));
        assertThat(expectedValue).hasSize(keys.size() * perKey);

        Map<String, List<Integer>> seqByKey = new HashMap<>();
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "outbox-test-" + run);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(p -> new TopicPartition(TOPIC, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (keys.contains(r.key())) {
                        int seq = Integer.parseInt(r.value().replaceAll(".*\"seq\": (\\d+).*", "$1"));
                        assertThat(r.value()).isEqualTo(expectedValue.get(r.key() + "#" + seq));
                        seqByKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(seq);
                    }
                }
                return seqByKey.values().stream().mapToInt(List::size).sum() >= keys.size() * perKey;
            });
        }
        List<Integer> inOrder = java.util.stream.IntStream.range(0, perKey).boxed().toList();
        assertThat(seqByKey.keySet()).containsExactlyInAnyOrderElementsOf(keys);
        seqByKey.forEach((key, seqs) -> assertThat(seqs).as("key %s", key).isEqualTo(inOrder));
    }
}

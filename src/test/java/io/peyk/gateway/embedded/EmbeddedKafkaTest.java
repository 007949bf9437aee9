package io.peyk.gateway.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded KRaft broker accepts a record and hands it to a consumer group, on its own (no Quarkus). */
class EmbeddedKafkaTest {

    @TempDir
    Path dir;

    @Test
    void producesAndConsumesARecord() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(new DataDirectory(dir, false))) {
            assertThat(broker.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
            String topic = "peyk-embedded-test";
            Map<String, Object> producerConfig = Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                    new StringSerializer())) {
                RecordMetadata sent = producer.send(new ProducerRecord<>(topic, "key-1", "value-1"))
                        .get(30, TimeUnit.SECONDS);
                assertThat(sent.offset()).isZero();
            }

            Map<String, Object> consumerConfig = Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "peyk-embedded-test",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            List<String> received = new CopyOnWriteArrayList<>();
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig,
                    new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of(topic));
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(r -> received.add(r.key() + "=" + r.value()));
                    return !received.isEmpty();
                });
            }
            assertThat(received).containsExactly("key-1=value-1");
        }
    }

    @Test
    void restartOnTheSameDirectoryKeepsTheData() throws Exception {
        DataDirectory data = new DataDirectory(dir, true);
        String topic = "peyk-restart-test";
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(data);
                KafkaProducer<String, String> producer = new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                        new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "k", "first")).get(30, TimeUnit.SECONDS);
        }
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(data);
                KafkaProducer<String, String> producer = new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                        new StringSerializer(), new StringSerializer())) {
            RecordMetadata second = producer.send(new ProducerRecord<>(topic, "k", "second"))
                    .get(30, TimeUnit.SECONDS);
            assertThat(second.offset()).isEqualTo(1L);
        }
    }
}

package io.peyk.gateway.metering;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.peyk.gateway.role.Roles;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * Reads {@code peyk.usage-events} and {@code peyk.usage-records} and meters them: each poll's records are parsed, the
 * valid ones stored and aggregated in one transaction ({@link UsageStore}), the invalid ones (and those of unknown
 * partners) sent to the dead-letter topic with the reason in header {@code peyk-reason}, and only then are the offsets
 * committed. A crash anywhere replays the batch: stored events are then duplicates and change nothing, dead letters may
 * be sent twice. An invalid record never blocks the stream and never vanishes.
 */
@ApplicationScoped
public class UsageConsumer {

    static final String REASON_HEADER = "peyk-reason";
    private static final Logger LOG = Logger.getLogger(UsageConsumer.class);
    private static final Duration DB_TIMEOUT = Duration.ofSeconds(60);

    private final MeteringConfig config;
    private final UsageStore store;
    private final UsageParsers parsers;
    private final Map<String, Object> kafkaConfig;
    private final Counter stored;
    private final Counter duplicates;
    private final Counter deadLetters;
    private static final long LAG_REFRESH_NANOS = 1_000_000_000L;

    private volatile boolean running;
    private final AtomicLong lag = new AtomicLong();
    private long lagRefreshedAtNanos;
    private Thread thread;
    private KafkaConsumer<String, String> consumer;

    @Inject
    UsageConsumer(MeteringConfig config, UsageStore store, @Identifier("default-kafka-broker") Map<String, Object> kafka,
            MeterRegistry registry) {
        this.config = config;
        this.store = store;
        this.parsers = new UsageParsers(config);
        this.kafkaConfig = Map.copyOf(kafka);
        this.stored = Counter.builder("peyk.metering.events.stored").description("Usage events metered")
                .register(registry);
        this.duplicates = Counter.builder("peyk.metering.events.duplicate")
                .description("Usage events seen before (not counted again)").register(registry);
        this.deadLetters = Counter.builder("peyk.metering.dead.letters")
                .description("Usage records refused to the dead-letter topic").register(registry);
        Gauge.builder("peyk.metering.consumer.lag", lag, AtomicLong::get)
                .description("Usage records on this instance's partitions not yet metered (sum over the group = its lag)")
                .register(registry);
    }

    void onStart(@Observes StartupEvent event, Roles roles) {
        if (!roles.billing()) {
            return;
        }
        if (!config.enabled()) {
            LOG.info("Metering disabled on this instance (peyk.billing.metering.enabled=false)");
            return;
        }
        running = true;
        thread = new Thread(this::run, "peyk-metering");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** At most once a second, on the consumer's own thread (a consumer is not safe for other threads). */
    private void refreshLag(KafkaConsumer<String, String> c) {
        long now = System.nanoTime();
        if (now - lagRefreshedAtNanos < LAG_REFRESH_NANOS) {
            return;
        }
        lagRefreshedAtNanos = now;
        lag.set(ConsumerLag.recordsBehind(c.metrics()));
    }

    private void run() {
        Map<String, Object> props = new HashMap<>(kafkaConfig);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.consumerGroup());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "peyk-metering");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxPollRecords());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, Object> producerProps = new HashMap<>(kafkaConfig);
        producerProps.put(ProducerConfig.CLIENT_ID_CONFIG, "peyk-metering-dlq");
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer());
                KafkaProducer<String, String> dlq = new KafkaProducer<>(producerProps, new StringSerializer(),
                        new StringSerializer())) {
            consumer = c;
            c.subscribe(List.of(config.usageEventsTopic(), config.usageRecordsTopic()));
            while (running) {
                ConsumerRecords<String, String> records = c.poll(config.pollTimeout());
                refreshLag(c);
                if (records.isEmpty()) {
                    continue;
                }
                try {
                    process(records, dlq);
                    c.commitSync();
                } catch (RuntimeException e) {
                    LOG.warnf("metering batch of %d records failed (%s); it is read again", records.count(),
                            e.toString());
                    rewind(c);
                    Thread.sleep(config.errorBackoff().toMillis());
                }
            }
        } catch (WakeupException e) {
            // Shutting down.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("metering stopped", e);
        }
    }

    private void process(ConsumerRecords<String, String> records, KafkaProducer<String, String> dlq) {
        Instant now = Instant.now();
        List<UsageStore.Located> valid = new ArrayList<>();
        List<ConsumerRecord<String, String>> validRecords = new ArrayList<>();
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ConsumerRecord<String, String> r : records) {
            Parsed parsed = r.topic().equals(config.usageRecordsTopic())
                    ? parsers.dataRecord(r.value(), now)
                    : parsers.usageEvent(r.value(), now);
            if (parsed instanceof Parsed.Valid v) {
                if (seen.add(v.event().source() + "/" + v.event().eventId())) {
                    valid.add(new UsageStore.Located(v.event(), r.topic(), r.partition(), r.offset()));
                    validRecords.add(r);
                } else {
                    duplicates.increment();
                }
            } else {
                sent.add(deadLetter(dlq, r, ((Parsed.Invalid) parsed).reason()));
            }
        }
        UsageStore.Stored result = store.store(valid).await().atMost(DB_TIMEOUT);
        stored.increment(result.inserted());
        long unknown = 0;
        for (int i = 0; i < valid.size(); i++) {
            if (result.unknownPartners().contains(valid.get(i).event().partnerId())) {
                sent.add(deadLetter(dlq, validRecords.get(i), "unknown partner " + valid.get(i).event().partnerId()));
                unknown++;
            }
        }
        duplicates.increment(Math.max(0, valid.size() - unknown - result.inserted()));
        dlq.flush();
        for (Future<RecordMetadata> f : sent) {
            try {
                f.get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("dead letter not acknowledged by Kafka", e);
            }
        }
    }

    private Future<RecordMetadata> deadLetter(KafkaProducer<String, String> dlq, ConsumerRecord<String, String> r,
            String reason) {
        deadLetters.increment();
        ProducerRecord<String, String> letter = new ProducerRecord<>(config.deadLetterTopic(), r.key(), r.value());
        letter.headers().add(new RecordHeader(REASON_HEADER, reason.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        letter.headers().add(new RecordHeader("peyk-source", (r.topic() + "/" + r.partition() + "/" + r.offset())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return dlq.send(letter);
    }

    /** Back to the last committed offsets, so a failed batch is read again. */
    private static void rewind(KafkaConsumer<String, String> c) {
        var committed = c.committed(c.assignment());
        for (var partition : c.assignment()) {
            var offset = committed.get(partition);
            if (offset != null) {
                c.seek(partition, offset.offset());
            } else {
                c.seekToBeginning(List.of(partition));
            }
        }
    }
}

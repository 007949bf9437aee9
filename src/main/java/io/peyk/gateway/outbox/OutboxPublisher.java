package io.peyk.gateway.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Publishes the transactional outbox ({@code outbox} rows, written in the same transaction as the state change they
 * announce) to Kafka: {@code payload::text} as the record value, {@code record_key} as the key, to topic {@code topic}.
 *
 * <p>
 * <b>One publisher at a time.</b> Each instance runs one publishing thread. A batch is taken inside a transaction that
 * first takes a PostgreSQL transaction-level advisory lock ({@code pg_try_advisory_xact_lock}); an instance that does not
 * get it waits for the next poll. So only one instance publishes at a time, in id order, which keeps the order per key
 * (row-level {@code SKIP LOCKED} would let a second instance publish a later row of a key before an earlier one). If the
 * publishing instance dies, its connection closes, the lock is released, and another instance takes over.
 *
 * <p>
 * <b>Order per key.</b> Rows are sent in id order by one idempotent producer ({@code enable.idempotence=true}, at most 5
 * requests in flight), so records of one key (one partition) keep the id order. Writers must make the id order of one
 * key's rows follow their commit order: they insert the outbox row after updating (and so locking) the row of the entity
 * the key names (the message), in the same transaction.
 *
 * <p>
 * <b>At least once.</b> The batch is marked published (one {@code UPDATE}) only after Kafka acknowledged every record
 * ({@code acks=all}); if anything fails, nothing is marked and the whole batch is sent again after
 * {@code peyk.outbox.error-backoff}. A crash between the acknowledgements and the commit also sends the batch again.
 * Consumers therefore deduplicate by the payload's {@code eventId}.
 */
@ApplicationScoped
public class OutboxPublisher {

    /** Advisory lock key of the outbox publisher ("peyk.outbox" in ASCII, as a bigint). */
    static final long ADVISORY_LOCK_KEY = 0x7065796b2e6f7574L;

    private static final Logger LOG = Logger.getLogger(OutboxPublisher.class);
    private static final Duration DB_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration BACKLOG_REFRESH = Duration.ofSeconds(1);
    private static final long BACKLOG_COUNT_CAP = 10_000_000L;
    private static final int MAX_BATCH_SIZE = 10_000;

    private final OutboxConfig config;
    private final Pool pool;
    private final Map<String, Object> kafkaConfig;
    private final Semaphore wakeUp = new Semaphore(0);
    private final AtomicLong backlog = new AtomicLong();
    private final Counter published;
    private volatile boolean running;
    private Thread thread;
    private KafkaProducer<String, String> producer;
    private long backlogRefreshedAtNanos;

    @Inject
    OutboxPublisher(OutboxConfig config, Pool pool, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            MeterRegistry registry) {
        if (config.batchSize() < 1 || config.batchSize() > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("peyk.outbox.batch-size must be 1.." + MAX_BATCH_SIZE);
        }
        this.config = config;
        this.pool = pool;
        this.kafkaConfig = Map.copyOf(kafkaConfig);
        this.published = Counter.builder("peyk.outbox.published").description("Outbox records published to Kafka")
                .register(registry);
        Gauge.builder("peyk.outbox.backlog", backlog, AtomicLong::get)
                .description("Outbox records not yet published (refreshed about every second)").register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("Outbox publisher disabled (peyk.outbox.enabled=false)");
            return;
        }
        running = true;
        thread = new Thread(this::run, "peyk-outbox-publisher");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        Thread t = thread;
        if (t != null) {
            wakeUp.release();
            try {
                t.join(config.deliveryTimeout().plus(DB_TIMEOUT).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (t.isAlive()) {
                LOG.warn("Outbox publisher did not stop in time; unacknowledged rows are sent again after restart");
            }
        }
    }

    /** Asks the publisher to look for new rows now (for writers that just committed some), instead of at the next poll. */
    public void wakeUp() {
        if (wakeUp.availablePermits() == 0) {
            wakeUp.release();
        }
    }

    /** Records not yet published, as last counted (capped at ten million). */
    public long backlog() {
        return backlog.get();
    }

    private void run() {
        try {
            ensureTopics();
            while (running) {
                int sent;
                try {
                    sent = publishBatch();
                } catch (Exception e) {
                    // No payload in the log: only what failed.
                    LOG.warnf("Outbox batch failed (%s: %s); retrying in %s", e.getClass().getSimpleName(),
                            e.getMessage(), config.errorBackoff());
                    closeProducer();
                    pause(config.errorBackoff());
                    continue;
                }
                refreshBacklog();
                if (sent < config.batchSize()) {
                    pause(config.pollInterval());
                }
            }
        } finally {
            closeProducer();
        }
    }

    /** Publishes one batch: returns how many rows it published (0 when there were none or another instance publishes). */
    int publishBatch() throws InterruptedException, ExecutionException, TimeoutException {
        SqlConnection connection = pool.getConnection().await().atMost(DB_TIMEOUT);
        try {
            Transaction tx = connection.begin().await().atMost(DB_TIMEOUT);
            try {
                boolean locked = connection.preparedQuery("SELECT pg_try_advisory_xact_lock($1)")
                        .execute(Tuple.of(ADVISORY_LOCK_KEY)).await().atMost(DB_TIMEOUT).iterator().next()
                        .getBoolean(0);
                if (!locked) {
                    tx.rollback().await().atMost(DB_TIMEOUT);
                    return 0;
                }
                List<OutboxRecord> batch = new ArrayList<>(config.batchSize());
                for (Row row : connection.preparedQuery("SELECT id, topic, record_key, payload::text FROM outbox"
                        + " WHERE published_at IS NULL ORDER BY id LIMIT $1").execute(Tuple.of(config.batchSize()))
                        .await().atMost(DB_TIMEOUT)) {
                    batch.add(new OutboxRecord(row.getLong(0), row.getString(1), row.getString(2), row.getString(3)));
                }
                if (batch.isEmpty()) {
                    tx.rollback().await().atMost(DB_TIMEOUT);
                    return 0;
                }
                send(batch);
                Long[] ids = batch.stream().map(OutboxRecord::id).toArray(Long[]::new);
                connection.preparedQuery("UPDATE outbox SET published_at = now() WHERE id = ANY($1)")
                        .execute(Tuple.of(ids)).await().atMost(DB_TIMEOUT);
                tx.commit().await().atMost(DB_TIMEOUT);
                published.increment(batch.size());
                return batch.size();
            } catch (RuntimeException | InterruptedException | ExecutionException | TimeoutException e) {
                try {
                    tx.rollback().await().atMost(DB_TIMEOUT);
                } catch (RuntimeException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            }
        } finally {
            connection.close().await().atMost(DB_TIMEOUT);
        }
    }

    private void send(List<OutboxRecord> batch) throws InterruptedException, ExecutionException, TimeoutException {
        KafkaProducer<String, String> p = producer();
        List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
        for (OutboxRecord r : batch) {
            acks.add(p.send(new ProducerRecord<>(r.topic(), r.key(), r.payload())));
        }
        p.flush();
        long deadline = System.nanoTime() + config.deliveryTimeout().plusSeconds(5).toNanos();
        for (Future<RecordMetadata> ack : acks) {
            ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    private KafkaProducer<String, String> producer() {
        if (producer == null) {
            int deliveryMs = (int) Math.min(Integer.MAX_VALUE, config.deliveryTimeout().toMillis());
            int lingerMs = 5;
            Map<String, Object> props = new HashMap<>(kafkaConfig);
            props.put(ProducerConfig.CLIENT_ID_CONFIG, "peyk-outbox");
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
            props.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
            props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, deliveryMs);
            // delivery.timeout.ms must be at least linger.ms + request.timeout.ms.
            props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1, Math.min(30_000, deliveryMs - lingerMs)));
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (long) deliveryMs);
            producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    private void closeProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                LOG.debug("Closing the outbox producer failed", e);
            }
            producer = null;
        }
    }

    /** Creates the configured topics that are missing; retried (with backoff) until Kafka answers or the app stops. */
    private void ensureTopics() {
        Map<String, Object> props = new HashMap<>(kafkaConfig);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "peyk-outbox-topics");
        while (running) {
            try (Admin admin = Admin.create(props)) {
                List<NewTopic> topics = config.topics().stream()
                        .map(t -> new NewTopic(t, config.topicPartitions(), config.topicReplicationFactor())).toList();
                for (var entry : admin.createTopics(topics).values().entrySet()) {
                    try {
                        entry.getValue().get(30, TimeUnit.SECONDS);
                        LOG.infof("Created Kafka topic %s (%d partitions)", entry.getKey(), config.topicPartitions());
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw e;
                        }
                    }
                }
                return;
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                    return;
                }
                LOG.warnf("Creating Kafka topics failed (%s); retrying in %s", e.getMessage(), config.errorBackoff());
                pause(config.errorBackoff());
            }
        }
    }

    private void refreshBacklog() {
        long now = System.nanoTime();
        if (now - backlogRefreshedAtNanos < BACKLOG_REFRESH.toNanos()) {
            return;
        }
        backlogRefreshedAtNanos = now;
        try {
            backlog.set(pool.preparedQuery("SELECT count(*) FROM (SELECT 1 FROM outbox WHERE published_at IS NULL LIMIT $1) b")
                    .execute(Tuple.of(BACKLOG_COUNT_CAP)).await().atMost(DB_TIMEOUT).iterator().next().getLong(0));
        } catch (RuntimeException e) {
            LOG.debugf("Counting the outbox backlog failed: %s", e.getMessage());
        }
    }

    private void pause(Duration duration) {
        try {
            if (wakeUp.tryAcquire(duration.toNanos(), TimeUnit.NANOSECONDS)) {
                wakeUp.drainPermits();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** One outbox row on its way to Kafka. */
    record OutboxRecord(long id, String topic, String key, String payload) {
    }
}

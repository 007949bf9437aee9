package io.peyk.gateway.retention;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.peyk.gateway.role.Roles;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Deletes message text once a message is final and {@code peyk.retention.message-text} has passed: sets {@code text} and
 * {@code text_enc} (the encrypted text, {@code io.peyk.gateway.crypto}) to NULL and {@code text_purged_at} to now;
 * every other column (the metadata) stays. Runs every {@code peyk.retention.interval} on a Vert.x timer, in batches of
 * {@code batch-size} rows claimed with {@code SKIP LOCKED} (several instances may run it), at most
 * {@code max-batches-per-run} per run. The same run then deletes outbox rows published more than
 * {@code peyk.retention.published-outbox} ago, so the outbox stays bounded.
 */
@ApplicationScoped
public class TextRetention {

    private static final Logger LOG = Logger.getLogger(TextRetention.class);
    private static final int MAX_BATCH_SIZE = 100_000;

    private static final String PURGE_TEXT = """
            WITH batch AS (
              SELECT id FROM message
              WHERE final_at < now() - $1::bigint * interval '1 millisecond'
                AND (text IS NOT NULL OR text_enc IS NOT NULL)
              ORDER BY final_at
              LIMIT $2
              FOR UPDATE SKIP LOCKED
            )
            UPDATE message m SET text = NULL, text_enc = NULL, text_purged_at = now() FROM batch WHERE m.id = batch.id
            """;

    private static final String PURGE_INBOUND_TEXT = """
            UPDATE inbound_message SET text = NULL, text_enc = NULL, text_purged_at = now()
             WHERE id IN (SELECT id FROM inbound_message
                           WHERE (text IS NOT NULL OR text_enc IS NOT NULL) AND received_at < now() - $1::bigint * interval '1 millisecond'
                           LIMIT $2 FOR UPDATE SKIP LOCKED)
            """;

    private static final String DELETE_PUBLISHED_OUTBOX = """
            DELETE FROM outbox WHERE id IN (
              SELECT id FROM outbox
              WHERE published_at < now() - $1::bigint * interval '1 millisecond'
              ORDER BY id
              LIMIT $2
              FOR UPDATE SKIP LOCKED
            )
            """;

    private final RetentionConfig config;
    private final Pool pool;
    private final Vertx vertx;
    private final Counter textsPurged;
    private final Counter outboxDeleted;
    private long timerId = -1;

    @Inject
    TextRetention(RetentionConfig config, Pool pool, Vertx vertx, MeterRegistry registry) {
        if (config.batchSize() < 1 || config.batchSize() > MAX_BATCH_SIZE || config.maxBatchesPerRun() < 1
                || config.maxBatchesPerRun() > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException(
                    "peyk.retention.batch-size and max-batches-per-run must be 1.." + MAX_BATCH_SIZE);
        }
        if (config.messageText().isNegative() || config.publishedOutbox().isNegative()) {
            throw new IllegalArgumentException("peyk.retention durations must not be negative");
        }
        this.config = config;
        this.pool = pool;
        this.vertx = vertx;
        this.textsPurged = Counter.builder("peyk.retention.message-texts.purged")
                .description("Message texts deleted after retention").register(registry);
        this.outboxDeleted = Counter.builder("peyk.retention.outbox.deleted")
                .description("Published outbox rows deleted after retention").register(registry);
    }

    void onStart(@Observes StartupEvent event, Roles roles) {
        if (config.enabled() && roles.gateway()) {
            timerId = vertx.setPeriodic(config.interval().toMillis(), id -> run());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    private void run() {
        purgeNow().subscribe().with(n -> {
            if (n > 0) {
                LOG.infof("Purged the text of %d final message(s) older than %s", n, config.messageText());
            }
            purgeInboundNow().subscribe().with(purged -> {
            }, failure -> LOG.warnf("Purging MO text failed: %s", failure.getMessage()));
            deletePublishedOutboxNow().subscribe().with(deleted -> {
            }, failure -> LOG.warnf("Deleting published outbox rows failed: %s", failure.getMessage()));
        }, failure -> LOG.warnf("Purging message text failed: %s", failure.getMessage()));
    }

    /** Runs one text purge now: up to {@code max-batches-per-run} batches; the number of texts purged. */
    public Uni<Long> purgeNow() {
        return batches(PURGE_TEXT, config.messageText(), textsPurged, 0, 0L);
    }

    /** Purges the text of MO messages received longer ago than the text retention; the number purged. */
    public Uni<Long> purgeInboundNow() {
        return batches(PURGE_INBOUND_TEXT, config.messageText(), textsPurged, 0, 0L);
    }

    /** Deletes outbox rows published longer ago than the retention now; the number of rows deleted. */
    public Uni<Long> deletePublishedOutboxNow() {
        return batches(DELETE_PUBLISHED_OUTBOX, config.publishedOutbox(), outboxDeleted, 0, 0L);
    }

    /** The configured retention of message text. */
    public Duration messageTextRetention() {
        return config.messageText();
    }

    private Uni<Long> batches(String sql, Duration retention, Counter counter, int done, long total) {
        return pool.preparedQuery(sql).execute(Tuple.of(retention.toMillis(), config.batchSize())).flatMap(rows -> {
            int n = rows.rowCount();
            counter.increment(n);
            long sum = total + n;
            if (n < config.batchSize() || done + 1 >= config.maxBatchesPerRun()) {
                return Uni.createFrom().item(sum);
            }
            return batches(sql, retention, counter, done + 1, sum);
        });
    }
}

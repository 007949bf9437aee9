package io.peyk.gateway.retention;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Data retention ({@code peyk.retention.*}): how long the text of a final message is kept, how long published outbox rows
 * are kept, and how the purge runs.
 */
@ConfigMapping(prefix = "peyk.retention")
public interface RetentionConfig {

    /** How long after a message becomes final its text is kept; then it is set to NULL (metadata stays). */
    @WithDefault("24H")
    Duration messageText();

    /** How long a published outbox row is kept (for inspection) before it is deleted. */
    @WithDefault("7D")
    Duration publishedOutbox();

    /** Whether this instance runs the purge (several instances may: batches are claimed with SKIP LOCKED). */
    @WithDefault("true")
    boolean enabled();

    /** How often the purge runs. */
    @WithDefault("1M")
    Duration interval();

    /** Messages purged per statement (1..100000). */
    @WithDefault("1000")
    int batchSize();

    /** Statements per run at most; what is left waits for the next run (1..100000). */
    @WithDefault("100")
    int maxBatchesPerRun();
}

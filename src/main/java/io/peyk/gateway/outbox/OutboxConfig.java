package io.peyk.gateway.outbox;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The outbox publisher ({@code peyk.outbox.*}): batch size, polling, Kafka producer bounds and the topics it creates. */
@ConfigMapping(prefix = "peyk.outbox")
public interface OutboxConfig {

    /** Whether this instance publishes the outbox at all. */
    @WithDefault("true")
    boolean enabled();

    /** Rows published per batch at most (1..10000). */
    @WithDefault("500")
    int batchSize();

    /** How long the publisher waits when the outbox is empty (or another instance publishes) before looking again. */
    @WithDefault("150MS")
    Duration pollInterval();

    /** Pause after a failed batch (Kafka or PostgreSQL unavailable) before the batch is tried again. */
    @WithDefault("1S")
    Duration errorBackoff();

    /** The producer's delivery.timeout.ms: how long one batch may wait for Kafka's acknowledgements at most. */
    @WithDefault("30S")
    Duration deliveryTimeout();

    /** Topics created at startup when missing. */
    @WithDefault("peyk.message-events,peyk.usage-events,peyk.usage-records,peyk.usage-dlq")
    List<String> topics();

    /** Partitions of a topic created at startup. */
    @WithDefault("6")
    int topicPartitions();

    /** Replication factor of a topic created at startup (1 for the embedded single broker; 3 in production). */
    @WithDefault("1")
    short topicReplicationFactor();
}

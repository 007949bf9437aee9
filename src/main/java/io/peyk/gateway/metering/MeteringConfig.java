package io.peyk.gateway.metering;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Metering ({@code peyk.billing.metering.*}): the topics read, batching, the dead-letter topic and data rating groups. */
@ConfigMapping(prefix = "peyk.billing.metering")
public interface MeteringConfig {

    /** An extra off switch: metering runs when {@code peyk.instance.role} includes billing and this is true. */
    @WithDefault("true")
    boolean enabled();

    @WithDefault("peyk.usage-events")
    String usageEventsTopic();

    @WithDefault("peyk.usage-records")
    String usageRecordsTopic();

    /** Invalid records go here with the reason, keyed like their source record. */
    @WithDefault("peyk.usage-dlq")
    String deadLetterTopic();

    @WithDefault("peyk-billing-metering")
    String consumerGroup();

    /** Records read per poll at most (one database transaction each poll). */
    @WithDefault("2000")
    int maxPollRecords();

    @WithDefault("500MS")
    Duration pollTimeout();

    /** Pause after a failed batch before it is read again (from the last committed offsets). */
    @WithDefault("1S")
    Duration errorBackoff();

    /** Event times further in the future than this are refused (clock errors), to the dead-letter topic. */
    @WithDefault("1H")
    Duration maxFutureSkew();

    /** Packet-core rating groups (the key) that belong to partners. */
    Map<String, DataGroup> ratingGroups();

    /** Packet-core APNs (the key) that belong to partners, for records without a rating group. */
    Map<String, DataGroup> apns();

    /** Whose data a rating group or APN carries, and how it is billed. */
    interface DataGroup {

        UUID partner();

        /** {@code sponsored}: zero-rated, charged to the partner per MB; {@code revenue-share}: paid by subscribers. */
        @WithDefault("sponsored")
        String mode();

        Optional<String> description();
    }
}

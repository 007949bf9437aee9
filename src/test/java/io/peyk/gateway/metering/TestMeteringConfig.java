package io.peyk.gateway.metering;

import java.time.Duration;
import java.util.Map;

/** Metering configuration for tests without Quarkus: fixed topics and timings, the given rating groups and APNs. */
record TestMeteringConfig(Map<String, DataGroup> ratingGroups, Map<String, DataGroup> apns) implements MeteringConfig {

    static TestMeteringConfig withoutDataGroups() {
        return new TestMeteringConfig(Map.of(), Map.of());
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public String usageEventsTopic() {
        return "e";
    }

    @Override
    public String usageRecordsTopic() {
        return "r";
    }

    @Override
    public String deadLetterTopic() {
        return "d";
    }

    @Override
    public String consumerGroup() {
        return "g";
    }

    @Override
    public int maxPollRecords() {
        return 1;
    }

    @Override
    public Duration pollTimeout() {
        return Duration.ofMillis(1);
    }

    @Override
    public Duration errorBackoff() {
        return Duration.ofMillis(1);
    }

    @Override
    public Duration maxFutureSkew() {
        return Duration.ofHours(1);
    }
}

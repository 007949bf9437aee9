package io.peyk.gateway.metering;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.peyk.billing.metering.UsageEvent;
import io.vertx.mutiny.sqlclient.Pool;

/** Metering's parts for tests in other packages: the parsers and a store on any pool (e.g. a replay database). */
public final class MeteringForTests {

    private MeteringForTests() {
    }

    /** The usage event of a record of {@code topic}, if metering accepts it. */
    public static Optional<UsageEvent> parse(MeteringConfig config, String topic, String value, Instant now) {
        UsageParsers parsers = new UsageParsers(config);
        Parsed parsed = topic.equals(config.usageRecordsTopic())
                ? parsers.dataRecord(value, now)
                : parsers.usageEvent(value, now);
        return parsed instanceof Parsed.Valid v ? Optional.of(v.event()) : Optional.empty();
    }

    /** Stores events on {@code pool} exactly as the consumer does; answers how many were new. */
    public static long store(Pool pool, List<UsageEvent> events) {
        return new UsageStore(pool).store(events.stream().map(e -> new UsageStore.Located(e, null, null, null))
                .toList()).await().atMost(java.time.Duration.ofSeconds(60)).inserted();
    }
}

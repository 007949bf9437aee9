package io.peyk.billing.period;

import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * The hour usage is aggregated into: an hour of the partner's local time, identified by the UTC instant it starts at.
 * Local hours, not UTC hours, so that a bucket never straddles a period boundary in zones with half-hour offsets
 * (Asia/Tehran); identified by its instant, so that the repeated hour of a daylight-saving fall-back is two buckets.
 */
public record HourBucket(Instant start) {

    public static HourBucket of(Instant at, ZoneId zone) {
        return new HourBucket(at.atZone(zone).truncatedTo(ChronoUnit.HOURS).toInstant());
    }

    public BillingPeriod period(ZoneId zone) {
        return BillingPeriod.containing(start, zone);
    }
}

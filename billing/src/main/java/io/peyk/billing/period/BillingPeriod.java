package io.peyk.billing.period;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * A billing period: one calendar month in the partner's time zone, half-open {@code [start, end)} on event time, stored
 * as UTC instants. A month in Asia/Tehran (UTC+03:30) starts at 20:30 UTC of the previous day; a zone with daylight
 * saving gets months of 743 or 745 hours, not 744.
 */
public record BillingPeriod(YearMonth month, ZoneId zone) {

    public BillingPeriod {
        if (month == null || zone == null) {
            throw new IllegalArgumentException("month and zone are required");
        }
    }

    /** {@code 2026-11} in the zone; an invalid text is refused. */
    public static BillingPeriod parse(String text, ZoneId zone) {
        try {
            return new BillingPeriod(YearMonth.parse(text), zone);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("a period is a month written YYYY-MM: " + text, e);
        }
    }

    /** The period an event time falls in, for this zone. */
    public static BillingPeriod containing(Instant at, ZoneId zone) {
        return new BillingPeriod(YearMonth.from(at.atZone(zone)), zone);
    }

    public Instant start() {
        return month.atDay(1).atStartOfDay(zone).toInstant();
    }

    /** Exclusive. */
    public Instant end() {
        return month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
    }

    public boolean contains(Instant at) {
        return !at.isBefore(start()) && at.isBefore(end());
    }

    public BillingPeriod next() {
        return new BillingPeriod(month.plusMonths(1), zone);
    }

    @Override
    public String toString() {
        return month + " (" + zone.getId() + ")";
    }
}

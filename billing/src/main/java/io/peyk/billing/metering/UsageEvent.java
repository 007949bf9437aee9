package io.peyk.billing.metering;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.peyk.billing.rating.Meter;

/**
 * One metered fact, as billing keeps it: unique by {@code (source, eventId)} (the dedup key, never a timestamp), for a
 * partner and a meter, a quantity in the meter's unit at an event time. Raw events stay stored so every aggregate can be
 * traced back to them.
 *
 * @param source where it came from: {@code gateway} (usage events), {@code packet-core} (data records) or
 *     {@code csv} (uploaded records); ids are unique per source
 */
public record UsageEvent(String source, String eventId, UUID partnerId, Meter meter, Optional<String> number,
        BigDecimal quantity, Instant eventTime) {

    public static final int MAX_ID = 128;
    public static final BigDecimal MAX_QUANTITY = new BigDecimal("1000000000000");

    public UsageEvent {
        if (source == null || source.isBlank() || eventId == null || eventId.isBlank() || eventId.length() > MAX_ID) {
            throw new IllegalArgumentException("source and an event id of 1.." + MAX_ID + " characters are required");
        }
        if (quantity.signum() < 0 || quantity.compareTo(MAX_QUANTITY) > 0) {
            throw new IllegalArgumentException("quantity must be 0.." + MAX_QUANTITY);
        }
    }
}

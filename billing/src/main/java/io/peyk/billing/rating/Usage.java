package io.peyk.billing.rating;

import java.math.BigDecimal;
import java.time.Instant;

/** Aggregated usage to rate: a quantity of one meter in the hour bucket starting at {@code bucketStart}. */
public record Usage(Meter meter, Instant bucketStart, BigDecimal quantity) {

    public Usage {
        if (quantity.signum() < 0) {
            throw new IllegalArgumentException("usage is zero or more");
        }
    }
}

package io.peyk.billing.metering;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Optional;

/**
 * A data-usage record from the operator's packet core (topic {@code peyk.usage-records} or a CSV upload): bytes a
 * subscriber moved in one rating group (or APN) between two instants. Billing meters it in MB (10^6 bytes, exact to six
 * decimals) at its end time.
 */
public record DataRecord(String recordId, String number, Optional<String> ratingGroup, Optional<String> apn,
        long bytesUp, long bytesDown, Instant start, Instant end) {

    static final BigDecimal BYTES_PER_MB = BigDecimal.valueOf(1_000_000);

    public DataRecord {
        if (bytesUp < 0 || bytesDown < 0) {
            throw new IllegalArgumentException("bytes are zero or more");
        }
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("a record ends after it starts");
        }
        if (ratingGroup.isEmpty() && apn.isEmpty()) {
            throw new IllegalArgumentException("a record names its rating group or APN");
        }
    }

    /** Bytes up and down in MB, exact to the byte (six decimals). */
    public BigDecimal megabytes() {
        return BigDecimal.valueOf(Math.addExact(bytesUp, bytesDown)).divide(BYTES_PER_MB, 6, RoundingMode.UNNECESSARY);
    }
}

package io.peyk.smpp.session;

import java.time.Duration;

/** SMPP 3.4 relative validity_period: {@code YYMMDDhhmmss000R}, the time the SMSC may keep trying. */
final class ValidityPeriod {

    /** The longest relative period SMPP can express that we allow (operators cap lower anyway). */
    static final Duration MAX = Duration.ofDays(99);

    private ValidityPeriod() {
    }

    static String relative(Duration validity) {
        if (validity.isNegative() || validity.isZero() || validity.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("validity must be in (0, 99 days]");
        }
        long s = validity.toSeconds();
        long days = s / 86_400;
        long hours = (s % 86_400) / 3_600;
        long minutes = (s % 3_600) / 60;
        long seconds = s % 60;
        return String.format("0000%02d%02d%02d%02d000R", days, hours, minutes, seconds);
    }
}

package io.peyk.billing.rating;

import java.util.Optional;

/**
 * What is metered and priced, with the unit its quantity is counted in and the usage-event kind it comes from. The
 * direction says who pays: the partner pays for messages and sponsored data; the operator pays the partner its share
 * of data revenue (metered in MB of revenue-share traffic, priced at the retail price per MB, then shared).
 */
public enum Meter {

    OTT_MESSAGE("ott.message", "message", Direction.PARTNER_PAYS), SMS_SEGMENT("sms.segment", "segment",
            Direction.PARTNER_PAYS), SMS_INBOUND("sms.inbound", "message", Direction.PARTNER_PAYS), SPONSORED_DATA(
                    "data.sponsored", "MB",
                    Direction.PARTNER_PAYS), DATA_REVENUE_SHARE("data.revenue", "MB", Direction.OPERATOR_PAYS);

    /** Who owes whom for a meter's amount. */
    public enum Direction {
        PARTNER_PAYS, OPERATOR_PAYS
    }

    private final String kind;
    private final String unit;
    private final Direction direction;

    Meter(String kind, String unit, Direction direction) {
        this.kind = kind;
        this.unit = unit;
        this.direction = direction;
    }

    public String kind() {
        return kind;
    }

    public String unit() {
        return unit;
    }

    public Direction direction() {
        return direction;
    }

    /** The meter of a usage event kind, if billing knows it. */
    public static Optional<Meter> ofKind(String kind) {
        for (Meter m : values()) {
            if (m.kind.equals(kind)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}

package io.peyk.billing.rating;

import java.math.BigDecimal;

import io.peyk.billing.money.Money;

/**
 * One statement line: the units of a meter that fell in one tier of one tariff version, at that tier's unit price.
 * {@code amount} is the line's exact amount rounded once ({@link io.peyk.billing.money.Rounding}), {@code residue} what
 * rounding removed. For what the partner pays (messages, sponsored data) the operator's share is the amount; for data
 * revenue the amount is the revenue at the retail price and the partner's share is its percentage of it, rounded once
 * from {@code exactPartnerShare}.
 */
public record RatedLine(Meter meter, int tariffVersion, int tier, BigDecimal quantity, String unit, BigDecimal unitPrice,
        Money amount, BigDecimal residue, Money operatorShare, Money partnerShare, BigDecimal exactPartnerShare) {

    /** What the line moves between operator and partner: the amount the partner pays, or the share it is paid. */
    public Money settled() {
        return meter.direction() == Meter.Direction.PARTNER_PAYS ? amount : partnerShare;
    }

    /** {@link #settled()} before rounding. */
    public BigDecimal exactSettled() {
        return meter.direction() == Meter.Direction.PARTNER_PAYS
                ? amount.toDecimal().add(residue)
                : exactPartnerShare;
    }
}

package io.peyk.billing.rating;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.peyk.billing.money.CurrencyUnit;

/**
 * One version of a partner's contract, effective from an instant until the next version: a graduated price per meter
 * in one currency, and the partner's share (a percentage) of the data revenue the operator earns from subscribers using
 * the partner's app. Versions are never edited: a correction is a new version, and rerating posts only the difference.
 */
public record Tariff(UUID partnerId, int version, Instant effectiveFrom, CurrencyUnit currency,
        Map<Meter, GraduatedPrice> prices, BigDecimal revenueSharePercent) {

    public Tariff {
        prices = Map.copyOf(prices);
        if (version < 1) {
            throw new IllegalArgumentException("versions start at 1");
        }
        if (revenueSharePercent.signum() < 0 || revenueSharePercent.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new IllegalArgumentException("the revenue share is a percentage, 0..100");
        }
    }

    /** The price of a meter, if the contract prices it (unpriced usage is metered but not charged). */
    public Optional<GraduatedPrice> price(Meter meter) {
        return Optional.ofNullable(prices.get(meter));
    }
}

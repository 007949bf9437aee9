package io.peyk.billing.rating;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * One step of a graduated price: units from the previous tier's bound up to {@code upTo} (exclusive; empty = no bound)
 * cost {@code unitPrice} each, in the tariff's currency (any scale: fractions of a rial per unit are fine).
 */
public record Tier(Optional<BigDecimal> upTo, BigDecimal unitPrice) {

    public Tier {
        if (unitPrice == null || unitPrice.signum() < 0) {
            throw new IllegalArgumentException("a unit price is zero or more");
        }
        if (upTo == null || upTo.isPresent() && upTo.get().signum() <= 0) {
            throw new IllegalArgumentException("a tier bound is above zero");
        }
    }

    public static Tier upTo(long bound, String unitPrice) {
        return new Tier(Optional.of(BigDecimal.valueOf(bound)), new BigDecimal(unitPrice));
    }

    public static Tier rest(String unitPrice) {
        return new Tier(Optional.empty(), new BigDecimal(unitPrice));
    }
}

package io.peyk.billing.money;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An amount in integer minor units of one currency. Immutable; arithmetic refuses mixed currencies and overflow. Exact
 * amounts (rates times quantities) are {@link BigDecimal}s until {@link Rounding} turns them into Money, in one place.
 */
public record Money(long minor, CurrencyUnit currency) implements Comparable<Money> {

    public Money {
        if (currency == null) {
            throw new IllegalArgumentException("currency is required");
        }
    }

    public static Money zero(CurrencyUnit currency) {
        return new Money(0, currency);
    }

    public static Money ofMinor(long minor, CurrencyUnit currency) {
        return new Money(minor, currency);
    }

    /** An amount that must already be exact at the currency's scale (e.g. parsed from a statement). */
    public static Money ofExact(BigDecimal amount, CurrencyUnit currency) {
        try {
            return new Money(amount.setScale(currency.scale(), RoundingMode.UNNECESSARY).unscaledValue()
                    .longValueExact(), currency);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(amount + " is not a whole number of " + currency + " minor units", e);
        }
    }

    public Money plus(Money other) {
        same(other);
        return new Money(Math.addExact(minor, other.minor), currency);
    }

    public Money minus(Money other) {
        same(other);
        return new Money(Math.subtractExact(minor, other.minor), currency);
    }

    public Money negate() {
        return new Money(Math.negateExact(minor), currency);
    }

    public boolean isZero() {
        return minor == 0;
    }

    public int signum() {
        return Long.signum(minor);
    }

    /** The amount as a decimal at the currency's scale ({@code 12.50} for 1250 cents). */
    public BigDecimal toDecimal() {
        return BigDecimal.valueOf(minor, currency.scale());
    }

    @Override
    public int compareTo(Money other) {
        same(other);
        return Long.compare(minor, other.minor);
    }

    private void same(Money other) {
        if (!currency.equals(other.currency)) {
            throw new MixedCurrencyException(currency, other.currency);
        }
    }

    @Override
    public String toString() {
        return toDecimal().toPlainString() + " " + currency;
    }
}

package io.peyk.billing.ledger;

import java.util.Objects;

import io.peyk.billing.money.MixedCurrencyException;
import io.peyk.billing.money.Money;

/**
 * One leg of a transfer: a signed amount on one account, in the account's currency. Positive is a debit, negative a
 * credit; never zero, and never {@link Long#MIN_VALUE} (so that every leg has a negation and can be reversed).
 */
public record Leg(Account account, Money amount) {

    public Leg {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(amount, "amount");
        if (!amount.currency().equals(account.currency())) {
            throw new MixedCurrencyException(account.currency(), amount.currency());
        }
        if (amount.isZero()) {
            throw new IllegalArgumentException("a leg moves a non-zero amount");
        }
        if (amount.minor() == Long.MIN_VALUE) {
            throw new IllegalArgumentException("a leg amount must have a negation");
        }
    }

    public boolean isDebit() {
        return amount.signum() > 0;
    }

    /** The same leg with the opposite sign (what a reversal posts). */
    public Leg negate() {
        return new Leg(account, amount.negate());
    }
}

package io.peyk.billing.money;

/** Two amounts in different currencies were combined: a caller error, never converted silently. */
public final class MixedCurrencyException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public MixedCurrencyException(CurrencyUnit a, CurrencyUnit b) {
        super("cannot combine " + a + " with " + b);
    }
}

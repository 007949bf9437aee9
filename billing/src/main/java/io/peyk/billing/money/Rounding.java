package io.peyk.billing.money;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The one rounding policy of billing: an exact amount becomes Money by rounding half-even to the currency's minor unit,
 * once per rated line (never per event), and what rounding removed is kept as the residue, which the ledger posts to
 * the rounding account so that nothing is lost or made up.
 */
public final class Rounding {

    public static final RoundingMode MODE = RoundingMode.HALF_EVEN;

    private Rounding() {
    }

    /** A rounded amount and its residue ({@code exact = amount + residue}). */
    public record Rounded(Money amount, BigDecimal residue) {
    }

    public static Rounded round(BigDecimal exact, CurrencyUnit currency) {
        BigDecimal rounded = exact.setScale(currency.scale(), MODE);
        Money money = Money.ofExact(rounded, currency);
        return new Rounded(money, exact.subtract(rounded));
    }
}

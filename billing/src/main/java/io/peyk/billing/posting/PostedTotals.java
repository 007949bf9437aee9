package io.peyk.billing.posting;

import java.math.BigDecimal;
import java.util.List;

import io.peyk.billing.money.CurrencyUnit;
import io.peyk.billing.money.Money;
import io.peyk.billing.money.Rounding;
import io.peyk.billing.rating.Meter;
import io.peyk.billing.rating.RatedLine;

/**
 * The ledger side of a period's lines. {@code charges} is what the partner is billed (the sum of its lines, each rounded
 * once) and {@code revenue} what the operator earns (the exact sum of those lines, rounded once); {@code share} is what
 * the partner is paid (the sum of its share lines) and {@code expense} the operator's cost (their exact sum, rounded
 * once). The differences between the two roundings go to the rounding account, so nothing is lost or made up; what is
 * left below one minor unit of the period's exact total stays unposted (at most half a minor unit per direction).
 */
public record PostedTotals(Money charges, Money revenue, Money share, Money expense) {

    public static PostedTotals zero(CurrencyUnit currency) {
        Money z = Money.zero(currency);
        return new PostedTotals(z, z, z, z);
    }

    /** The totals of a period's rated lines, all in {@code currency}. */
    public static PostedTotals of(List<RatedLine> lines, CurrencyUnit currency) {
        Money charges = Money.zero(currency);
        Money share = Money.zero(currency);
        BigDecimal exactCharges = BigDecimal.ZERO;
        BigDecimal exactShare = BigDecimal.ZERO;
        for (RatedLine line : lines) {
            if (line.meter().direction() == Meter.Direction.PARTNER_PAYS) {
                charges = charges.plus(line.settled());
                exactCharges = exactCharges.add(line.exactSettled());
            } else {
                share = share.plus(line.settled());
                exactShare = exactShare.add(line.exactSettled());
            }
        }
        return new PostedTotals(charges, Rounding.round(exactCharges, currency).amount(), share,
                Rounding.round(exactShare, currency).amount());
    }

    public PostedTotals plus(PostedTotals o) {
        return new PostedTotals(charges.plus(o.charges), revenue.plus(o.revenue), share.plus(o.share),
                expense.plus(o.expense));
    }

    public PostedTotals minus(PostedTotals o) {
        return new PostedTotals(charges.minus(o.charges), revenue.minus(o.revenue), share.minus(o.share),
                expense.minus(o.expense));
    }

    /** What of these totals goes to the rounding account (debit when positive). */
    public Money rounding() {
        return revenue.minus(charges).plus(share.minus(expense));
    }

    public boolean isZero() {
        return charges.isZero() && revenue.isZero() && share.isZero() && expense.isZero();
    }
}

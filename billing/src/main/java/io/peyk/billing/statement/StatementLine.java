package io.peyk.billing.statement;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Objects;

import io.peyk.billing.money.Money;
import io.peyk.billing.rating.Meter;

/**
 * One line of a revenue-share statement: the units of one meter in one tier of one tariff version, at that tier's unit
 * price, for the usage of {@code usagePeriod}. Quantities and amounts are signed: an adjustment that lowers an earlier
 * period's charge is negative. {@code operatorShare + partnerShare = amount}.
 *
 * @param number 1-based position in the statement
 * @param kind usage of this period, or an adjustment for an earlier one
 * @param usagePeriod the month the usage happened in (the statement's own period for usage lines)
 * @param meter what was metered
 * @param tariffVersion the tariff version that priced it
 * @param tier 0-based tier of the graduated price
 * @param quantity signed, exact (six decimals at most)
 * @param unit the meter's unit ({@code message}, {@code segment}, {@code MB}, ...)
 * @param unitPrice price of one unit in the statement's currency, exact
 * @param amount the line's amount, rounded once
 * @param operatorShare what of the amount the operator keeps
 * @param partnerShare what of the amount is the partner's (its share of data revenue)
 */
public record StatementLine(int number, LineKind kind, YearMonth usagePeriod, Meter meter, int tariffVersion, int tier,
        BigDecimal quantity, String unit, BigDecimal unitPrice, Money amount, Money operatorShare, Money partnerShare) {

    public StatementLine {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(usagePeriod, "usagePeriod");
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(unitPrice, "unitPrice");
        if (!operatorShare.plus(partnerShare).equals(amount)) {
            throw new IllegalArgumentException("the shares of line " + number + " do not add up to its amount");
        }
    }

    /** The line an adjustment corrects, or this line's own key: {@code 2026-10/SMS_SEGMENT/v1/t0}. */
    public String key() {
        return usagePeriod + "/" + meter + "/v" + tariffVersion + "/t" + tier;
    }
}

package io.peyk.billing.rating;

import java.math.BigDecimal;
import java.util.List;

import io.peyk.billing.money.CurrencyUnit;
import io.peyk.billing.money.Money;

/**
 * What a period's lines settle to: what the partner owes (its charges), what the operator owes (the partner's share of
 * data revenue), the net and who pays it, and the rounding residue of the lines (exact minus rounded amounts), which the
 * ledger posts to the rounding account.
 */
public record Settlement(Money partnerOwes, Money operatorOwes, Money net, Direction direction, BigDecimal residue) {

    /** Who pays the net amount. */
    public enum Direction {
        PARTNER_PAYS_OPERATOR, OPERATOR_PAYS_PARTNER, NOTHING_DUE
    }

    public static Settlement of(List<RatedLine> lines, CurrencyUnit currency) {
        Money partnerOwes = Money.zero(currency);
        Money operatorOwes = Money.zero(currency);
        BigDecimal residue = BigDecimal.ZERO;
        for (RatedLine line : lines) {
            if (line.meter().direction() == Meter.Direction.PARTNER_PAYS) {
                partnerOwes = partnerOwes.plus(line.amount());
            } else {
                operatorOwes = operatorOwes.plus(line.partnerShare());
            }
            residue = residue.add(line.residue());
        }
        Money net = partnerOwes.minus(operatorOwes);
        Direction direction = net.signum() > 0
                ? Direction.PARTNER_PAYS_OPERATOR
                : net.signum() < 0 ? Direction.OPERATOR_PAYS_PARTNER : Direction.NOTHING_DUE;
        return new Settlement(partnerOwes, operatorOwes, net.signum() < 0 ? net.negate() : net, direction, residue);
    }
}

package io.peyk.billing.posting;

import java.math.BigDecimal;
import java.util.Objects;

import io.peyk.billing.money.Money;
import io.peyk.billing.rating.RatedLine;

/**
 * A line as posted: either the sum of what has been posted for a key so far, or the change one posting makes. All
 * quantities and amounts are signed. {@code operatorShare + partnerShare = amount}.
 */
public record PostedLine(LineKey key, String unit, BigDecimal unitPrice, BigDecimal quantity, Money amount,
        Money operatorShare, Money partnerShare) {

    public PostedLine {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(unitPrice, "unitPrice");
        Objects.requireNonNull(quantity, "quantity");
        if (!operatorShare.plus(partnerShare).equals(amount)) {
            throw new IllegalArgumentException("the shares of " + key + " do not add up to its amount");
        }
    }

    static PostedLine of(RatedLine line) {
        return new PostedLine(new LineKey(line.meter(), line.tariffVersion(), line.tier()), line.unit(),
                line.unitPrice(), line.quantity(), line.amount(), line.operatorShare(), line.partnerShare());
    }

    /** This line minus another of the same key. */
    PostedLine minus(PostedLine other) {
        return new PostedLine(key, unit, unitPrice, quantity.subtract(other.quantity), amount.minus(other.amount),
                operatorShare.minus(other.operatorShare), partnerShare.minus(other.partnerShare));
    }

    /** True when it changes nothing. */
    public boolean isZero() {
        return quantity.signum() == 0 && amount.isZero() && partnerShare.isZero();
    }

    PostedLine negate() {
        return new PostedLine(key, unit, unitPrice, quantity.negate(), amount.negate(), operatorShare.negate(),
                partnerShare.negate());
    }
}

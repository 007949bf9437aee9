package io.peyk.billing.statement;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import io.peyk.billing.money.CurrencyUnit;
import io.peyk.billing.money.Money;
import io.peyk.billing.period.BillingPeriod;
import io.peyk.billing.rating.Meter;
import io.peyk.billing.rating.Settlement;

/**
 * A partner's revenue-share statement for one period: its lines and totals, the net settlement and who pays it. The
 * period is a month in the partner's zone, {@code [periodStart, periodEnd)} in UTC. A statement is versioned: every
 * posting that changes it makes a new version, and a closed statement keeps the version it was closed at. Its lines sum
 * to its totals (checked here).
 *
 * @param partnerId the partner
 * @param partnerName its name, for people
 * @param period the month, in {@code zone}
 * @param zone the partner's time zone
 * @param currency the one currency of every amount
 * @param status draft, closed or settled
 * @param version grows with every posting into the period
 * @param generatedAt when this rendering was made (a closed statement: when it was closed)
 * @param closedAt when finance closed the period
 * @param closedBy who closed it (a finance key's name)
 * @param lines usage lines of the period, then adjustments of earlier periods
 * @param totals what the lines add up to
 */
public record Statement(UUID partnerId, String partnerName, YearMonth period, ZoneId zone, CurrencyUnit currency,
        StatementStatus status, int version, Instant generatedAt, Optional<Instant> closedAt, Optional<String> closedBy,
        List<StatementLine> lines, Totals totals) {

    public Statement {
        Objects.requireNonNull(partnerId, "partnerId");
        Objects.requireNonNull(partnerName, "partnerName");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(status, "status");
        lines = List.copyOf(lines);
        if (!Totals.of(lines, currency).equals(totals)) {
            throw new IllegalArgumentException("statement totals do not equal the sum of its lines");
        }
    }

    /** A statement whose totals are computed from its lines. */
    public static Statement of(UUID partnerId, String partnerName, YearMonth period, ZoneId zone, CurrencyUnit currency,
            StatementStatus status, int version, Instant generatedAt, Optional<Instant> closedAt,
            Optional<String> closedBy, List<StatementLine> lines) {
        return new Statement(partnerId, partnerName, period, zone, currency, status, version, generatedAt, closedAt,
                closedBy, lines, Totals.of(lines, currency));
    }

    /** Start of the period (inclusive), UTC. */
    public Instant periodStart() {
        return new BillingPeriod(period, zone).start();
    }

    /** End of the period (exclusive), UTC. */
    public Instant periodEnd() {
        return new BillingPeriod(period, zone).end();
    }

    /**
     * What a statement's lines add up to: the amount of all lines, the operator's and the partner's shares, what the
     * partner owes (its charges: messages, segments, sponsored data), what the operator owes (the partner's share of data
     * revenue), and the net with its direction.
     */
    public record Totals(Money amount, Money operatorShare, Money partnerShare, Money partnerOwes, Money operatorOwes,
            Money net, Settlement.Direction direction) {

        public static Totals of(List<StatementLine> lines, CurrencyUnit currency) {
            Money amount = Money.zero(currency);
            Money operatorShare = Money.zero(currency);
            Money partnerShare = Money.zero(currency);
            Money partnerOwes = Money.zero(currency);
            Money operatorOwes = Money.zero(currency);
            for (StatementLine line : lines) {
                amount = amount.plus(line.amount());
                operatorShare = operatorShare.plus(line.operatorShare());
                partnerShare = partnerShare.plus(line.partnerShare());
                if (line.meter().direction() == Meter.Direction.PARTNER_PAYS) {
                    partnerOwes = partnerOwes.plus(line.amount());
                } else {
                    operatorOwes = operatorOwes.plus(line.partnerShare());
                }
            }
            Money net = partnerOwes.minus(operatorOwes);
            Settlement.Direction direction = net.signum() > 0
                    ? Settlement.Direction.PARTNER_PAYS_OPERATOR
                    : net.signum() < 0 ? Settlement.Direction.OPERATOR_PAYS_PARTNER : Settlement.Direction.NOTHING_DUE;
            return new Totals(amount, operatorShare, partnerShare, partnerOwes, operatorOwes,
                    net.signum() < 0 ? net.negate() : net, direction);
        }
    }
}

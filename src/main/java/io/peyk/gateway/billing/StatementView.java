package io.peyk.gateway.billing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.peyk.billing.statement.Statement;
import io.peyk.billing.statement.StatementLine;

/**
 * A statement as JSON. Amounts and quantities are decimal strings (amounts at the currency's scale: {@code "1250"} rials,
 * {@code "12.50"} dollars), so no client parses money as a floating-point number.
 */
@Schema(description = "A partner's revenue-share statement of one period")
public record StatementView(UUID partnerId, String partnerName, String period, String timeZone, Instant periodStart,
        Instant periodEnd, String currency, String status, int version, Instant generatedAt, Instant closedAt,
        String closedBy, List<LineView> lines, TotalsView totals) {

    /** One line; {@code corrects} names the line of an earlier period an adjustment changes. */
    public record LineView(int number, String kind, String usagePeriod, String meter, int tariffVersion, int tier,
            String quantity, String unit, String unitPrice, String amount, String operatorShare, String partnerShare,
            String corrects) {
    }

    /** What the lines add up to, and the net settlement with who pays it. */
    public record TotalsView(String amount, String operatorShare, String partnerShare, String partnerOwes,
            String operatorOwes, String net, String direction) {
    }

    public static StatementView of(Statement s) {
        List<LineView> lines = s.lines().stream().map(StatementView::line).toList();
        Statement.Totals t = s.totals();
        return new StatementView(s.partnerId(), s.partnerName(), s.period().toString(), s.zone().getId(),
                s.periodStart(), s.periodEnd(), s.currency().code(), s.status().wire(), s.version(), s.generatedAt(),
                s.closedAt().orElse(null), s.closedBy().orElse(null), lines,
                new TotalsView(plain(t.amount()), plain(t.operatorShare()), plain(t.partnerShare()),
                        plain(t.partnerOwes()), plain(t.operatorOwes()), plain(t.net()),
                        t.direction().name().toLowerCase(java.util.Locale.ROOT)));
    }

    private static LineView line(StatementLine l) {
        return new LineView(l.number(), l.kind().wire(), l.usagePeriod().toString(), l.meter().kind(),
                l.tariffVersion(), l.tier(), decimal(l.quantity()), l.unit(), decimal(l.unitPrice()), plain(l.amount()),
                plain(l.operatorShare()), plain(l.partnerShare()),
                l.kind() == io.peyk.billing.statement.LineKind.ADJUSTMENT ? l.key() : null);
    }

    static String plain(io.peyk.billing.money.Money m) {
        return m.toDecimal().toPlainString();
    }

    static String decimal(java.math.BigDecimal d) {
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }
}

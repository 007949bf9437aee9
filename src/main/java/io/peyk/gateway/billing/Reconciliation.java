package io.peyk.gateway.billing;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.peyk.billing.rating.Meter;
import io.peyk.billing.statement.Statement;
import io.peyk.billing.statement.StatementLine;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reconciles one usage period from raw events to statements, per partner: events and quantities per meter in
 * {@code usage_event} and in {@code usage_aggregate} (must be equal), the quantities rated and posted
 * ({@code billing_posting_line}; a meter without a price in force is metered, not rated), the money of those lines,
 * the revisions' totals, the ledger legs of their transfers on the partner's accounts, and the statement lines of the
 * usage period (in its own statement and in adjustments of later ones) — the money columns must agree exactly. Work
 * still due for rating is reported: until it is rated, the report cannot agree.
 */
@ApplicationScoped
public class Reconciliation {

    private final Pool pool;
    private final Statements statements;

    Reconciliation(Pool pool, Statements statements) {
        this.pool = pool;
        this.statements = statements;
    }

    /** Per meter: events and quantity at each stage (quantities as exact decimal strings, like statements). */
    public record MeterCounts(String meter, long rawEvents, String rawQuantity, long aggregatedEvents,
            String aggregatedQuantity, String ratedQuantity, boolean agrees) {
    }

    /** Per partner: the meters, then money (minor units) through lines, revisions, ledger and statements. */
    public record PartnerReport(UUID partnerId, List<MeterCounts> meters, long lineCharges, long revisionCharges,
            long ledgerReceivable, long statementCharges, long lineShare, long revisionShare, long ledgerPayable,
            long statementShare, boolean ratingPending, boolean agrees) {
    }

    public record Report(String period, List<PartnerReport> partners, boolean ledgerBalanced, boolean agrees) {
    }

    /** Each partner's month as UTC bounds, computed once per partner (not per row), so the range uses the index. */
    private static final String BOUNDS = """
            WITH b AS MATERIALIZED (
                SELECT id AS partner_id,
                       (($1 || '-01')::timestamp AT TIME ZONE time_zone) AS lo,
                       ((($1 || '-01')::timestamp + interval '1 month') AT TIME ZONE time_zone) AS hi
                  FROM partner)
            """;

    public Uni<Report> of(YearMonth period) {
        String p = period.toString();
        Uni<List<Row>> raw = rows(BOUNDS + """
                SELECT e.partner_id, e.meter, count(*) AS events, sum(e.quantity) AS quantity
                  FROM b JOIN usage_event e ON e.partner_id = b.partner_id AND e.bucket_start >= b.lo
                                          AND e.bucket_start < b.hi
                 GROUP BY e.partner_id, e.meter""", p);
        Uni<List<Row>> agg = rows(BOUNDS + """
                SELECT a.partner_id, a.meter, sum(a.events) AS events, sum(a.quantity) AS quantity
                  FROM b JOIN usage_aggregate a ON a.partner_id = b.partner_id AND a.bucket_start >= b.lo
                                              AND a.bucket_start < b.hi
                 GROUP BY a.partner_id, a.meter""", p);
        Uni<List<Row>> rated = rows("""
                SELECT partner_id, meter, sum(quantity) AS quantity,
                       sum(CASE WHEN meter = 'DATA_REVENUE_SHARE' THEN 0 ELSE amount_minor END) AS charges,
                       sum(CASE WHEN meter = 'DATA_REVENUE_SHARE' THEN partner_share_minor ELSE 0 END) AS share
                  FROM billing_posting_line WHERE usage_period = $1 GROUP BY partner_id, meter""", p);
        Uni<List<Row>> revisions = rows("""
                SELECT partner_id, sum(charges_minor) AS charges, sum(share_minor) AS share
                  FROM billing_revision WHERE usage_period = $1 GROUP BY partner_id""", p);
        Uni<List<Row>> ledger = rows("""
                SELECT r.partner_id,
                       coalesce(sum(e.amount_minor) FILTER (WHERE a.kind = 'partner_receivable'), 0) AS receivable,
                       coalesce(-sum(e.amount_minor) FILTER (WHERE a.kind = 'partner_payable'), 0) AS payable
                  FROM billing_revision r
                  JOIN ledger_entry e ON e.transfer_id = r.transfer_id
                  JOIN ledger_account a ON a.id = e.account_id
                 WHERE r.usage_period = $1 GROUP BY r.partner_id""", p);
        Uni<List<Row>> pending = rows("SELECT partner_id FROM rating_due WHERE period = $1", p);
        Uni<List<Row>> balanced = pool.query("SELECT currency, sum(balance_minor) AS total FROM ledger_account"
                + " GROUP BY currency HAVING sum(balance_minor) <> 0").execute().map(RowsOf::list);
        Uni<List<Statement>> statementsOfUsage = rows("SELECT DISTINCT posted_period FROM billing_revision"
                + " WHERE usage_period = $1", p).chain(
                        posted -> Multi.createFrom().iterable(posted)
                                .onItem().transformToUniAndConcatenate(r -> statements.all(YearMonth.parse(
                                        r.getString("posted_period"))))
                                .collect().asList().map(lists -> lists.stream().flatMap(List::stream).toList()));
        return Uni.combine().all().unis(raw, agg, rated, revisions, ledger, pending, balanced, statementsOfUsage)
                .with((rw, ag, ra, rv, lg, pd, bl, st) -> {
                    Map<UUID, Acc> partners = new TreeMap<>();
                    for (Row r : rw) {
                        Acc a = acc(partners, r).meter(r.getString("meter"));
                        a.rawEvents = r.getLong("events");
                        a.rawQuantity = r.getBigDecimal("quantity");
                    }
                    for (Row r : ag) {
                        Acc a = acc(partners, r).meter(r.getString("meter"));
                        a.aggEvents = r.getLong("events");
                        a.aggQuantity = r.getBigDecimal("quantity");
                    }
                    for (Row r : ra) {
                        Acc pa = acc(partners, r);
                        Acc a = pa.meter(r.getString("meter"));
                        a.ratedQuantity = r.getBigDecimal("quantity");
                        pa.lineCharges += r.getBigDecimal("charges").longValueExact();
                        pa.lineShare += r.getBigDecimal("share").longValueExact();
                    }
                    for (Row r : rv) {
                        Acc pa = acc(partners, r);
                        pa.revisionCharges = r.getBigDecimal("charges").longValueExact();
                        pa.revisionShare = r.getBigDecimal("share").longValueExact();
                    }
                    for (Row r : lg) {
                        Acc pa = acc(partners, r);
                        pa.ledgerReceivable = r.getBigDecimal("receivable").longValueExact();
                        pa.ledgerPayable = r.getBigDecimal("payable").longValueExact();
                    }
                    for (Row r : pd) {
                        acc(partners, r).pending = true;
                    }
                    for (Statement statement : st) {
                        Acc pa = partners.computeIfAbsent(statement.partnerId(), k -> new Acc());
                        for (StatementLine line : statement.lines()) {
                            if (line.usagePeriod().equals(period)) {
                                if (line.meter().direction() == Meter.Direction.PARTNER_PAYS) {
                                    pa.statementCharges += line.amount().minor();
                                } else {
                                    pa.statementShare += line.partnerShare().minor();
                                }
                            }
                        }
                    }
                    List<PartnerReport> reports = new ArrayList<>();
                    boolean all = bl.isEmpty();
                    for (Map.Entry<UUID, Acc> e : partners.entrySet()) {
                        PartnerReport report = e.getValue().report(e.getKey());
                        all &= report.agrees();
                        reports.add(report);
                    }
                    return new Report(p, reports, bl.isEmpty(), all);
                });
    }

    private Uni<List<Row>> rows(String sql, String period) {
        return pool.preparedQuery(sql).execute(Tuple.of(period)).map(RowsOf::list);
    }

    private static Acc acc(Map<UUID, Acc> partners, Row r) {
        return partners.computeIfAbsent(r.getUUID("partner_id"), k -> new Acc());
    }

    /** Counts being gathered for one partner (and its meters). */
    private static final class Acc {

        long rawEvents;
        long aggEvents;
        BigDecimal rawQuantity = BigDecimal.ZERO;
        BigDecimal aggQuantity = BigDecimal.ZERO;
        BigDecimal ratedQuantity = BigDecimal.ZERO;
        long lineCharges;
        long revisionCharges;
        long ledgerReceivable;
        long lineShare;
        long revisionShare;
        long ledgerPayable;
        long statementCharges;
        long statementShare;
        boolean pending;
        final Map<String, Acc> meters = new TreeMap<>();

        Acc meter(String meter) {
            return meters.computeIfAbsent(meter, k -> new Acc());
        }

        PartnerReport report(UUID partner) {
            List<MeterCounts> counts = new ArrayList<>();
            boolean agrees = !pending;
            for (Map.Entry<String, Acc> m : meters.entrySet()) {
                Acc a = m.getValue();
                boolean meterAgrees = a.rawEvents == a.aggEvents && a.rawQuantity.compareTo(a.aggQuantity) == 0;
                agrees &= meterAgrees;
                counts.add(new MeterCounts(m.getKey(), a.rawEvents, StatementView.decimal(a.rawQuantity), a.aggEvents,
                        StatementView.decimal(a.aggQuantity), StatementView.decimal(a.ratedQuantity), meterAgrees));
            }
            agrees &= lineCharges == revisionCharges && revisionCharges == ledgerReceivable
                    && ledgerReceivable == statementCharges && lineShare == revisionShare
                    && revisionShare == ledgerPayable && ledgerPayable == statementShare;
            return new PartnerReport(partner, counts, lineCharges, revisionCharges, ledgerReceivable, statementCharges,
                    lineShare, revisionShare, ledgerPayable, statementShare, pending, agrees);
        }
    }
}

package io.peyk.gateway.billing;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.peyk.billing.money.CurrencyUnit;
import io.peyk.billing.posting.PostedLine;
import io.peyk.billing.statement.LineKind;
import io.peyk.billing.statement.Statement;
import io.peyk.billing.statement.StatementLine;
import io.peyk.billing.statement.StatementStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Builds revenue-share statements from what was posted into a period ({@code billing_revision.posted_period}): the
 * lines of the period's own usage, then adjustments for earlier, closed periods. A statement's version is the number of
 * revisions posted into it; a closed period receives no more revisions, so its statement never changes. Four queries
 * whatever the number of partners.
 */
@ApplicationScoped
public class Statements {

    /** Most partners one period listing returns. */
    static final int MAX_PARTNERS = 10_000;

    private final Pool pool;

    Statements(Pool pool) {
        this.pool = pool;
    }

    /** One partner's statement of a period (empty lines when nothing was posted); empty for an unknown partner. */
    public Uni<Optional<Statement>> of(UUID partner, YearMonth period) {
        return build(period, Optional.of(partner)).map(list -> list.stream().findFirst());
    }

    /** The statements of every partner with postings in the period, by partner name. */
    public Uni<List<Statement>> all(YearMonth period) {
        return build(period, Optional.empty());
    }

    private record Head(UUID id, String name, ZoneId zone) {
    }

    private record Revisions(int count, CurrencyUnit currency) {
    }

    private Uni<List<Statement>> build(YearMonth period, Optional<UUID> only) {
        String p = period.toString();
        UUID partner = only.orElse(null);
        Uni<List<Head>> heads = pool.preparedQuery("""
                SELECT id, name, time_zone FROM partner
                 WHERE ($2::uuid IS NOT NULL AND id = $2)
                    OR ($2::uuid IS NULL AND id IN (SELECT partner_id FROM billing_revision WHERE posted_period = $1))
                 ORDER BY name LIMIT $3""").execute(Tuple.of(p, partner, MAX_PARTNERS)).map(rows -> {
            List<Head> out = new ArrayList<>();
            rows.forEach(r -> out.add(new Head(r.getUUID("id"), r.getString("name"),
                    ZoneId.of(r.getString("time_zone")))));
            return out;
        });
        Uni<Map<UUID, Revisions>> revisions = pool.preparedQuery("""
                SELECT partner_id, count(*) AS n, min(currency) AS currency FROM billing_revision
                 WHERE posted_period = $1 AND ($2::uuid IS NULL OR partner_id = $2) GROUP BY partner_id""")
                .execute(Tuple.of(p, partner)).map(rows -> {
                    Map<UUID, Revisions> out = new HashMap<>();
                    rows.forEach(r -> out.put(r.getUUID("partner_id"), new Revisions(r.getLong("n").intValue(),
                            CurrencyUnit.of(r.getString("currency")))));
                    return out;
                });
        Uni<Map<UUID, List<Row>>> lines = pool.preparedQuery("""
                SELECT l.partner_id, l.usage_period, l.meter, l.tariff_version, l.tier, max(l.unit) AS unit,
                       max(l.unit_price) AS unit_price, sum(l.quantity) AS quantity, sum(l.amount_minor) AS amount,
                       sum(l.operator_share_minor) AS operator_share, sum(l.partner_share_minor) AS partner_share
                  FROM billing_posting_line l
                  JOIN billing_revision r USING (partner_id, usage_period, revision)
                 WHERE r.posted_period = $1 AND ($2::uuid IS NULL OR r.partner_id = $2)
                 GROUP BY l.partner_id, l.usage_period, l.meter, l.tariff_version, l.tier
                 ORDER BY l.partner_id, l.usage_period DESC, l.meter, l.tariff_version, l.tier""")
                .execute(Tuple.of(p, partner)).map(rows -> {
                    Map<UUID, List<Row>> out = new LinkedHashMap<>();
                    rows.forEach(r -> out.computeIfAbsent(r.getUUID("partner_id"), k -> new ArrayList<>()).add(r));
                    return out;
                });
        Uni<Row> status = pool.preparedQuery("""
                SELECT (SELECT closed_at FROM billing_period WHERE period = $1) AS closed_at,
                       (SELECT closed_by FROM billing_period WHERE period = $1) AS closed_by,
                       (SELECT array_agg(partner_id) FROM statement_settlement WHERE period = $1) AS settled""")
                .execute(Tuple.of(p)).map(rows -> rows.iterator().next());
        // Only a single partner's statement can be empty and need its tariff's currency; a listing has postings.
        Uni<Map<UUID, CurrencyUnit>> tariffCurrency = partner == null
                ? Uni.createFrom().item(Map.of())
                : pool.preparedQuery("SELECT currency FROM tariff WHERE partner_id = $1 ORDER BY version DESC LIMIT 1")
                        .execute(Tuple.of(partner)).map(rows -> {
                            Map<UUID, CurrencyUnit> out = new HashMap<>();
                            rows.forEach(r -> out.put(partner, CurrencyUnit.of(r.getString("currency"))));
                            return out;
                        });
        return Uni.combine().all().unis(heads, revisions, lines, status, tariffCurrency).with((h, rev, ls, st, tc) -> {
            Optional<Instant> closedAt = Optional.ofNullable(st.getOffsetDateTime("closed_at"))
                    .map(t -> t.toInstant());
            Optional<String> closedBy = Optional.ofNullable(st.getString("closed_by"));
            List<UUID> settled = new ArrayList<>();
            Object settledValue = st.getValue("settled");
            if (settledValue instanceof UUID[] ids) {
                settled.addAll(List.of(ids));
            }
            List<Statement> out = new ArrayList<>();
            for (Head head : h) {
                Revisions r = rev.get(head.id());
                CurrencyUnit currency = r != null
                        ? r.currency()
                        : tc.getOrDefault(head.id(), CurrencyUnit.IRR);
                StatementStatus s = settled.contains(head.id())
                        ? StatementStatus.SETTLED
                        : closedAt.isPresent() ? StatementStatus.CLOSED : StatementStatus.DRAFT;
                List<StatementLine> statementLines = new ArrayList<>();
                for (Row row : ls.getOrDefault(head.id(), List.of())) {
                    PostedLine posted = Rater.postedLine(row, currency);
                    if (posted.isZero()) {
                        continue;
                    }
                    YearMonth usage = YearMonth.parse(row.getString("usage_period"));
                    statementLines.add(new StatementLine(statementLines.size() + 1,
                            usage.equals(period) ? LineKind.USAGE : LineKind.ADJUSTMENT, usage, posted.key().meter(),
                            posted.key().tariffVersion(), posted.key().tier(), posted.quantity(), posted.unit(),
                            posted.unitPrice(), posted.amount(), posted.operatorShare(), posted.partnerShare()));
                }
                out.add(Statement.of(head.id(), head.name(), period, head.zone(), currency, s,
                        r == null ? 0 : r.count(), closedAt.orElse(Instant.now()), closedAt, closedBy,
                        statementLines));
            }
            return out;
        });
    }
}

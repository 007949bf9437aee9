package io.peyk.gateway.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.peyk.billing.money.CurrencyUnit;
import io.peyk.billing.rating.Tariff;
import io.peyk.billing.rating.TariffHistory;
import io.peyk.gateway.api.ProblemException;
import io.peyk.gateway.api.Problems;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Partners' tariff versions ({@code tariff}, append-only). Adding a version numbers it after the last one, under a lock
 * on the partner row, and marks every period with usage from its effective time on as due for rating, so that rerating
 * posts the difference (for a closed period, as an adjustment of the next open one).
 */
@ApplicationScoped
public class Tariffs {

    /** Most versions one partner can have (a limit on rating work). */
    static final int MAX_VERSIONS = 1000;

    private final Pool pool;

    Tariffs(Pool pool) {
        this.pool = pool;
    }

    /** A stored version with when it was created. */
    public record Stored(Tariff tariff, String note, Instant createdAt, List<String> reratedPeriods) {
    }

    Uni<Stored> add(UUID partner, NewTariff t) {
        return pool.withTransaction(conn -> conn.preparedQuery("SELECT 1 FROM partner WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(partner)).chain(found -> {
                    if (found.size() == 0) {
                        throw Problems.notFound("No partner " + partner + ".");
                    }
                    return conn.preparedQuery("SELECT max(version) AS v, max(effective_from) AS f FROM tariff"
                            + " WHERE partner_id = $1").execute(Tuple.of(partner));
                }).chain(rows -> {
                    Row last = rows.iterator().next();
                    Integer lastVersion = last.getInteger("v");
                    if (lastVersion != null && lastVersion >= MAX_VERSIONS) {
                        throw ProblemException.of(409, "too-many-tariff-versions", "Too many tariff versions",
                                "This partner has " + MAX_VERSIONS + " tariff versions, the most allowed.");
                    }
                    OffsetDateTime lastFrom = last.getOffsetDateTime("f");
                    if (lastFrom != null && t.effectiveFrom().isBefore(lastFrom.toInstant())) {
                        throw Problems.invalidField("effectiveFrom", "version " + lastVersion + " takes effect at "
                                + lastFrom.toInstant() + "; a new version cannot take effect before it. To correct"
                                + " version " + lastVersion + ", add a version with the same effectiveFrom.");
                    }
                    int version = lastVersion == null ? 1 : lastVersion + 1;
                    Tariff tariff = new Tariff(partner, version, t.effectiveFrom(), t.currency(), t.prices(),
                            t.revenueSharePercent());
                    return conn.preparedQuery("INSERT INTO tariff (partner_id, version, effective_from, currency,"
                            + " revenue_share_percent, prices, note) VALUES ($1, $2, $3, $4, $5, $6, $7)"
                            + " RETURNING created_at")
                            .execute(Tuple.tuple().addUUID(partner).addInteger(version)
                                    .addOffsetDateTime(t.effectiveFrom().atOffset(ZoneOffset.UTC))
                                    .addString(t.currency().code()).addBigDecimal(t.revenueSharePercent())
                                    .addValue(TariffJson.write(t.prices())).addString(t.note()))
                            .chain(inserted -> markDue(conn, partner, t.effectiveFrom()).map(periods -> new Stored(
                                    tariff, t.note(), inserted.iterator().next().getOffsetDateTime("created_at")
                                            .toInstant(),
                                    periods)));
                }));
    }

    /** Marks the partner's periods with usage at or after {@code from} as due for rating; answers them. */
    private static Uni<List<String>> markDue(SqlClient conn, UUID partner, Instant from) {
        return conn.preparedQuery("""
                INSERT INTO rating_due (partner_id, period)
                SELECT DISTINCT a.partner_id, to_char(a.bucket_start AT TIME ZONE p.time_zone, 'YYYY-MM')
                  FROM usage_aggregate a JOIN partner p ON p.id = a.partner_id
                 WHERE a.partner_id = $1 AND a.bucket_start >= date_trunc('hour', $2::timestamptz)
                ON CONFLICT (partner_id, period) DO UPDATE SET seq = rating_due.seq + 1, marked_at = now(),
                                                               retry_at = now()
                RETURNING period""").execute(Tuple.of(partner, from.atOffset(ZoneOffset.UTC))).map(rows -> {
            List<String> periods = new ArrayList<>();
            rows.forEach(r -> periods.add(r.getString("period")));
            periods.sort(null);
            return periods;
        });
    }

    /** Every version of a partner with its note and creation time, oldest first. */
    Uni<List<Stored>> list(UUID partner) {
        return pool.preparedQuery("SELECT * FROM tariff WHERE partner_id = $1 ORDER BY version")
                .execute(Tuple.of(partner)).map(rows -> {
                    List<Stored> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new Stored(tariff(r), r.getString("note"),
                            r.getOffsetDateTime("created_at").toInstant(), List.of())));
                    return out;
                });
    }

    /** A partner's tariff history, read on the caller's connection. */
    static Uni<TariffHistory> history(SqlClient conn, UUID partner) {
        return conn.preparedQuery("SELECT * FROM tariff WHERE partner_id = $1 ORDER BY version")
                .execute(Tuple.of(partner)).map(rows -> {
                    List<Tariff> versions = new ArrayList<>();
                    rows.forEach(r -> versions.add(tariff(r)));
                    return new TariffHistory(versions);
                });
    }

    private static Tariff tariff(Row r) {
        Object prices = r.getValue("prices");
        JsonObject json = prices instanceof JsonObject j ? j : new JsonObject(String.valueOf(prices));
        BigDecimal share = r.getBigDecimal("revenue_share_percent");
        return new Tariff(r.getUUID("partner_id"), r.getInteger("version"),
                r.getOffsetDateTime("effective_from").toInstant(), CurrencyUnit.of(r.getString("currency")),
                TariffJson.read(json), share);
    }
}

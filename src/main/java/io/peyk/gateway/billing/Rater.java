package io.peyk.gateway.billing;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.peyk.billing.ledger.Account;
import io.peyk.billing.ledger.Ledger;
import io.peyk.billing.ledger.TransferCode;
import io.peyk.billing.ledger.TransferIds;
import io.peyk.billing.money.CurrencyUnit;
import io.peyk.billing.money.Money;
import io.peyk.billing.period.BillingPeriod;
import io.peyk.billing.posting.LineKey;
import io.peyk.billing.posting.PeriodDelta;
import io.peyk.billing.posting.PostedLine;
import io.peyk.billing.posting.PostedTotals;
import io.peyk.billing.rating.Meter;
import io.peyk.billing.rating.RatedLine;
import io.peyk.billing.rating.Rating;
import io.peyk.billing.rating.TariffHistory;
import io.peyk.billing.rating.Usage;
import io.peyk.gateway.role.Roles;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Rates the (partner, period) pairs marked due ({@code rating_due}) and posts what changed. Each pair is one transaction:
 * the mark is locked (SKIP LOCKED, so instances share the work), the period's aggregates are rated with the partner's
 * tariff history, the posted lines are subtracted ({@link PeriodDelta}), and the difference is written as the next
 * revision — its lines, its totals and one ledger transfer — into the usage period while it is open, else into the next
 * open period as an adjustment. The mark is removed only if no new usage marked it meanwhile. Periods are closed under
 * an exclusive advisory lock that every rating transaction shares, so nothing is posted into a period being closed.
 */
@ApplicationScoped
public class Rater {

    /** Advisory lock key shared by rating transactions and taken exclusively to close a period ("peyk-per"). */
    static final long PERIOD_LOCK = 0x7065796b2d706572L;
    private static final Logger LOG = Logger.getLogger(Rater.class);
    private static final Duration PASS_TIMEOUT = Duration.ofMinutes(5);

    private final Pool pool;
    private final Ledger ledger;
    private final RatingConfig config;
    private final Counter postings;
    private final Counter failures;
    private final Set<UUID> openedAccounts = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService scheduler;

    Rater(Pool pool, Ledger ledger, RatingConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.ledger = ledger;
        this.config = config;
        this.postings = Counter.builder("peyk.billing.postings").description("Rating revisions posted")
                .register(registry);
        this.failures = Counter.builder("peyk.billing.rating.failures")
                .description("(partner, period) ratings that failed and wait to be retried").register(registry);
    }

    void onStart(@Observes StartupEvent event, Roles roles) {
        if (!roles.billing()) {
            return;
        }
        if (!config.enabled()) {
            LOG.info("Rating disabled on this instance (peyk.billing.rating.enabled=false)");
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "peyk-rater");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::passQuietly, config.interval().toMillis(), config.interval().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    private void passQuietly() {
        try {
            int posted;
            do {
                posted = rateDue(Optional.empty()).await().atMost(PASS_TIMEOUT);
            } while (posted >= config.maxPerPass());
        } catch (RuntimeException e) {
            LOG.warnf("rating pass failed (%s); retried next pass", e.toString());
        }
    }

    /**
     * Rates up to {@link RatingConfig#maxPerPass()} due pairs (of one usage period, or of all); answers how many were
     * looked at. Pairs that fail wait {@link RatingConfig#retryAfterFailure()}.
     */
    public Uni<Integer> rateDue(Optional<YearMonth> only) {
        // A given month (closing it) is rated whatever its marks' age; otherwise marks settle first.
        long settleMillis = only.isPresent() ? 0 : config.settle().toMillis();
        return pool.preparedQuery("SELECT partner_id, period FROM rating_due WHERE retry_at <= now()"
                + " AND ($1::text IS NULL OR period = $1)"
                + " AND (marked_at <= now() - make_interval(secs => $3 / 1000.0)"
                + "      OR first_marked_at <= now() - make_interval(secs => $4 / 1000.0))"
                + " ORDER BY first_marked_at LIMIT $2")
                .execute(Tuple.of(only.map(YearMonth::toString).orElse(null), config.maxPerPass(), settleMillis,
                        config.maxDelay().toMillis()))
                .chain(rows -> {
                    List<Due> due = new ArrayList<>();
                    rows.forEach(r -> due.add(new Due(r.getUUID("partner_id"), YearMonth.parse(r.getString("period")))));
                    if (due.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return Multi.createFrom().iterable(due).onItem().transformToUniAndConcatenate(this::rateOrDefer)
                            .collect().asList().map(List::size);
                });
    }

    private record Due(UUID partner, YearMonth period) {
    }

    private Uni<Boolean> rateOrDefer(Due due) {
        return pool.withTransaction(conn -> rate(conn, due)).onFailure().recoverWithUni(e -> {
            failures.increment();
            openedAccounts.clear(); // an account opened in the rolled-back transaction does not exist
            LOG.warnf("rating partner %s period %s failed: %s", due.partner(), due.period(), e.toString());
            return pool.preparedQuery("UPDATE rating_due SET retry_at = now() + make_interval(secs => $3),"
                    + " last_error = left($4, 500) WHERE partner_id = $1 AND period = $2")
                    .execute(Tuple.of(due.partner(), due.period().toString(), config.retryAfterFailure().toSeconds(),
                            e.toString()))
                    .replaceWith(false);
        });
    }

    /** Rates one pair in the caller's transaction; true when a revision was posted. */
    private Uni<Boolean> rate(SqlClient conn, Due due) {
        String period = due.period().toString();
        return conn.preparedQuery("SELECT seq FROM rating_due WHERE partner_id = $1 AND period = $2"
                + " AND retry_at <= now() FOR UPDATE SKIP LOCKED").execute(Tuple.of(due.partner(), period))
                .chain(locked -> {
                    if (locked.size() == 0) {
                        return Uni.createFrom().item(false); // rated by another instance, or waiting after a failure
                    }
                    long seq = locked.iterator().next().getLong("seq");
                    return conn.preparedQuery("SELECT pg_advisory_xact_lock_shared($1)").execute(Tuple.of(PERIOD_LOCK))
                            .chain(() -> load(conn, due))
                            .chain(state -> post(conn, due, state))
                            .call(() -> conn.preparedQuery("DELETE FROM rating_due WHERE partner_id = $1 AND period = $2"
                                    + " AND seq = $3").execute(Tuple.of(due.partner(), period, seq)));
                });
    }

    /** What rating a pair needs: the rated lines of its usage, what was posted before, and the closed periods. */
    private record State(List<RatedLine> rated, long ratedEvents, List<PostedLine> posted,
            Optional<PostedTotals> postedTotals, int lastRevision, List<YearMonth> closedFromPeriod) {
    }

    private record Rated(List<RatedLine> lines, long events) {
    }

    private Uni<State> load(SqlClient conn, Due due) {
        String period = due.period().toString();
        return conn.preparedQuery("SELECT time_zone FROM partner WHERE id = $1").execute(Tuple.of(due.partner()))
                .chain(zoneRows -> {
                    BillingPeriod bp = new BillingPeriod(due.period(), ZoneId.of(zoneRows.iterator().next()
                            .getString("time_zone")));
                    Uni<TariffHistory> tariffs = Tariffs.history(conn, due.partner());
                    return tariffs.chain(history -> conn.preparedQuery("SELECT meter, bucket_start, quantity, events"
                            + " FROM usage_aggregate WHERE partner_id = $1 AND bucket_start >= $2 AND bucket_start < $3")
                            .execute(Tuple.of(due.partner(), bp.start().atOffset(ZoneOffset.UTC),
                                    bp.end().atOffset(ZoneOffset.UTC)))
                            .map(rows -> {
                                List<Usage> usage = new ArrayList<>();
                                long events = 0;
                                for (Row r : rows) {
                                    usage.add(new Usage(Meter.valueOf(r.getString("meter")),
                                            r.getOffsetDateTime("bucket_start").toInstant(),
                                            r.getBigDecimal("quantity")));
                                    events += r.getLong("events");
                                }
                                return new Rated(Rating.rate(usage, history), events);
                            }));
                }).chain(rated -> conn.preparedQuery("""
                        SELECT r.revision, r.currency, r.charges_minor, r.revenue_minor, r.share_minor, r.expense_minor
                          FROM billing_revision r WHERE r.partner_id = $1 AND r.usage_period = $2""")
                        .execute(Tuple.of(due.partner(), period)).chain(revisions -> {
                            int last = 0;
                            PostedTotals totals = null;
                            CurrencyUnit currency = null;
                            for (Row r : revisions) {
                                last = Math.max(last, r.getInteger("revision"));
                                currency = CurrencyUnit.of(r.getString("currency"));
                                PostedTotals t = new PostedTotals(money(r, "charges_minor", currency),
                                        money(r, "revenue_minor", currency), money(r, "share_minor", currency),
                                        money(r, "expense_minor", currency));
                                totals = totals == null ? t : totals.plus(t);
                            }
                            CurrencyUnit postedCurrency = currency;
                            int lastRevision = last;
                            Optional<PostedTotals> postedTotals = Optional.ofNullable(totals);
                            return conn.preparedQuery("""
                                    SELECT meter, tariff_version, tier, max(unit) AS unit, max(unit_price) AS unit_price,
                                           sum(quantity) AS quantity, sum(amount_minor) AS amount,
                                           sum(operator_share_minor) AS operator_share,
                                           sum(partner_share_minor) AS partner_share
                                      FROM billing_posting_line WHERE partner_id = $1 AND usage_period = $2
                                     GROUP BY meter, tariff_version, tier""")
                                    .execute(Tuple.of(due.partner(), period)).chain(lines -> {
                                        List<PostedLine> posted = new ArrayList<>();
                                        for (Row r : lines) {
                                            posted.add(postedLine(r, postedCurrency));
                                        }
                                        return conn.preparedQuery("SELECT period FROM billing_period WHERE period >= $1"
                                                + " ORDER BY period").execute(Tuple.of(period)).map(closed -> {
                                                    List<YearMonth> closedPeriods = new ArrayList<>();
                                                    closed.forEach(c -> closedPeriods
                                                            .add(YearMonth.parse(c.getString("period"))));
                                                    return new State(rated.lines(), rated.events(), posted,
                                                            postedTotals, lastRevision, closedPeriods);
                                                });
                                    });
                        }));
    }

    static PostedLine postedLine(Row r, CurrencyUnit currency) {
        return new PostedLine(new LineKey(Meter.valueOf(r.getString("meter")), r.getInteger("tariff_version"),
                r.getInteger("tier")), r.getString("unit"), r.getBigDecimal("unit_price").stripTrailingZeros(),
                r.getBigDecimal("quantity"), money(r, "amount", currency), money(r, "operator_share", currency),
                money(r, "partner_share", currency));
    }

    private static Money money(Row r, String column, CurrencyUnit currency) {
        return Money.ofMinor(r.getBigDecimal(column).longValueExact(), currency);
    }

    private Uni<Boolean> post(SqlClient conn, Due due, State state) {
        Optional<PeriodDelta> found = PeriodDelta.between(state.rated(), state.posted(), state.postedTotals());
        if (found.isEmpty() || found.get().isEmpty()) {
            return Uni.createFrom().item(false);
        }
        PeriodDelta delta = found.get();
        YearMonth postedPeriod = nextOpen(due.period(), state.closedFromPeriod());
        int revision = state.lastRevision() + 1;
        boolean adjustment = !postedPeriod.equals(due.period());
        UUID transferId = TransferIds.named("billing:" + due.partner() + ":" + due.period() + ":" + revision);
        Uni<Void> transfer = Uni.createFrom().voidItem();
        if (delta.movesMoney()) {
            String description = (adjustment ? "adjustment for " : "usage of ") + due.period() + ", revision "
                    + revision;
            transfer = openAccounts(conn, due.partner(), delta.currency())
                    .chain(() -> ledger.post(conn, delta.transfer(transferId,
                            adjustment ? TransferCode.ADJUSTMENT : TransferCode.USAGE, due.partner(), postedPeriod,
                            description)))
                    .replaceWithVoid();
        }
        PostedTotals c = delta.change();
        return transfer.chain(() -> conn.preparedQuery("""
                INSERT INTO billing_revision (partner_id, usage_period, revision, posted_period, currency, transfer_id,
                                              charges_minor, revenue_minor, share_minor, expense_minor, rated_events)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)""").execute(Tuple.tuple()
                .addUUID(due.partner()).addString(due.period().toString()).addInteger(revision)
                .addString(postedPeriod.toString()).addString(delta.currency().code())
                .addUUID(delta.movesMoney() ? transferId : null).addLong(c.charges().minor())
                .addLong(c.revenue().minor()).addLong(c.share().minor()).addLong(c.expense().minor())
                .addLong(state.ratedEvents())))
                .chain(() -> insertLines(conn, due, revision, delta.lines()))
                .invoke(() -> postings.increment()).replaceWith(true);
    }

    private static Uni<Void> insertLines(SqlClient conn, Due due, int revision, List<PostedLine> lines) {
        if (lines.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = lines.size();
        String[] meters = new String[n];
        Integer[] versions = new Integer[n];
        Integer[] tiers = new Integer[n];
        String[] units = new String[n];
        BigDecimal[] prices = new BigDecimal[n];
        BigDecimal[] quantities = new BigDecimal[n];
        Long[] amounts = new Long[n];
        Long[] operatorShares = new Long[n];
        Long[] partnerShares = new Long[n];
        for (int i = 0; i < n; i++) {
            PostedLine l = lines.get(i);
            meters[i] = l.key().meter().name();
            versions[i] = l.key().tariffVersion();
            tiers[i] = l.key().tier();
            units[i] = l.unit();
            prices[i] = l.unitPrice();
            quantities[i] = l.quantity();
            amounts[i] = l.amount().minor();
            operatorShares[i] = l.operatorShare().minor();
            partnerShares[i] = l.partnerShare().minor();
        }
        return conn.preparedQuery("""
                INSERT INTO billing_posting_line (partner_id, usage_period, revision, meter, tariff_version, tier, unit,
                                                  unit_price, quantity, amount_minor, operator_share_minor,
                                                  partner_share_minor)
                SELECT $1, $2, $3, t.* FROM unnest($4::text[], $5::int[], $6::int[], $7::text[], $8::numeric[],
                                                    $9::numeric[], $10::bigint[], $11::bigint[], $12::bigint[]) AS t""")
                .execute(Tuple.tuple().addUUID(due.partner()).addString(due.period().toString()).addInteger(revision)
                        .addArrayOfString(meters).addArrayOfInteger(versions).addArrayOfInteger(tiers)
                        .addArrayOfString(units).addArrayOfBigDecimal(prices).addArrayOfBigDecimal(quantities)
                        .addArrayOfLong(amounts).addArrayOfLong(operatorShares).addArrayOfLong(partnerShares))
                .replaceWithVoid();
    }

    /** The usage period if it is open, else the first open period after it. */
    static YearMonth nextOpen(YearMonth period, List<YearMonth> closedFromPeriod) {
        YearMonth p = period;
        for (YearMonth closed : closedFromPeriod) {
            if (closed.equals(p)) {
                p = p.plusMonths(1);
            } else if (closed.isAfter(p)) {
                break;
            }
        }
        return p;
    }

    /** Opens (at zero) the accounts a posting may touch, once per process. */
    private Uni<Void> openAccounts(SqlClient conn, UUID partner, CurrencyUnit currency) {
        List<Account> accounts = PeriodDelta.accounts(partner, currency);
        if (openedAccounts.containsAll(accounts.stream().map(Account::id).toList())) {
            return Uni.createFrom().voidItem();
        }
        int n = accounts.size();
        UUID[] ids = new UUID[n];
        String[] codes = new String[n];
        String[] kinds = new String[n];
        UUID[] partners = new UUID[n];
        String[] currencies = new String[n];
        for (int i = 0; i < n; i++) {
            Account a = accounts.get(i);
            ids[i] = a.id();
            codes[i] = a.code();
            kinds[i] = a.kind().wire();
            partners[i] = a.partner().orElse(null);
            currencies[i] = a.currency().code();
        }
        return conn.preparedQuery("INSERT INTO ledger_account (id, code, kind, partner_id, currency)"
                + " SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::text[])"
                + " ON CONFLICT DO NOTHING")
                .execute(Tuple.tuple().addArrayOfUUID(ids).addArrayOfString(codes).addArrayOfString(kinds)
                        .addArrayOfUUID(partners).addArrayOfString(currencies))
                .invoke(() -> accounts.forEach(a -> openedAccounts.add(a.id()))).replaceWithVoid();
    }
}

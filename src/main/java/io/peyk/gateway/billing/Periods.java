package io.peyk.gateway.billing;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.peyk.billing.ledger.Account;
import io.peyk.billing.ledger.AccountKind;
import io.peyk.billing.ledger.Ledger;
import io.peyk.billing.ledger.LedgerPostings;
import io.peyk.billing.ledger.TransferCode;
import io.peyk.billing.ledger.TransferIds;
import io.peyk.billing.ledger.TransferRequest;
import io.peyk.billing.money.CurrencyUnit;
import io.peyk.billing.money.Money;
import io.peyk.billing.statement.Statement;
import io.peyk.billing.statement.StatementStatus;
import io.peyk.gateway.api.ProblemException;
import io.peyk.gateway.api.Problems;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Closing billing periods and recording settlements. A period can be closed once it has ended in every time zone (its
 * month has passed at UTC-12); usage already metered for it is rated first, then the period is recorded closed under the
 * exclusive period lock, so no rating transaction posts into it afterwards. Closing again answers the first closing.
 */
@ApplicationScoped
public class Periods {

    /** The latest time zone there is: a month has ended everywhere once it has ended here. */
    private static final ZoneOffset LAST_ZONE = ZoneOffset.ofHours(-12);
    /** Rating passes a close makes at most before it closes (what is still due then becomes next month's adjustment). */
    private static final int MAX_RATING_PASSES = 20;

    private final Pool pool;
    private final Rater rater;
    private final Statements statements;
    private final Ledger ledger;
    private final Clock clock;

    Periods(Pool pool, Rater rater, Statements statements, Ledger ledger) {
        this.pool = pool;
        this.rater = rater;
        this.statements = statements;
        this.ledger = ledger;
        this.clock = Clock.systemUTC();
    }

    /** A closed period: when, by whom, and whether this call closed it. */
    public record Closed(YearMonth period, Instant closedAt, String closedBy, boolean closedNow, int statements) {
    }

    public Uni<Closed> close(YearMonth period, String by) {
        Instant endEverywhere = period.plusMonths(1).atDay(1).atStartOfDay(LAST_ZONE).toInstant();
        if (clock.instant().isBefore(endEverywhere)) {
            return Uni.createFrom().failure(ProblemException.of(409, "period-not-ended", "Period not ended",
                    "Period " + period + " has not ended in every time zone yet (at " + endEverywhere + ")."));
        }
        return rateAll(period, MAX_RATING_PASSES).chain(() -> pool.withTransaction(conn -> conn
                .preparedQuery("SELECT pg_advisory_xact_lock($1)").execute(Tuple.of(Rater.PERIOD_LOCK))
                .chain(() -> conn.preparedQuery("INSERT INTO billing_period (period, closed_by) VALUES ($1, $2)"
                        + " ON CONFLICT (period) DO NOTHING RETURNING closed_at").execute(Tuple.of(period.toString(),
                                by)))
                .chain(inserted -> conn.preparedQuery("SELECT closed_at, closed_by, (SELECT count(DISTINCT partner_id)"
                        + " FROM billing_revision WHERE posted_period = $1) AS n FROM billing_period WHERE period = $1")
                        .execute(Tuple.of(period.toString())).map(rows -> {
                            var r = rows.iterator().next();
                            return new Closed(period, r.getOffsetDateTime("closed_at").toInstant(),
                                    r.getString("closed_by"), inserted.size() == 1, r.getLong("n").intValue());
                        }))));
    }

    /** Rates the month's due pairs, pass after pass, until none is left or {@code passes} are spent. */
    private Uni<Void> rateAll(YearMonth period, int passes) {
        if (passes == 0) {
            return Uni.createFrom().voidItem();
        }
        return rater.rateDue(Optional.of(period))
                .chain(n -> n == 0 ? Uni.createFrom().voidItem() : rateAll(period, passes - 1));
    }

    /**
     * Records that a closed statement's net was paid: one settlement transfer clears what the partner owed
     * (receivable) and was owed (payable) for the period against the operator's cash. Idempotent per partner and
     * period; 409 when the period is not closed.
     */
    public Uni<Statement> settle(UUID partner, YearMonth period, String reference, String by) {
        return statements.of(partner, period).chain(found -> {
            Statement s = found.orElseThrow(() -> Problems.notFound("No partner " + partner + "."));
            if (s.status() == StatementStatus.SETTLED) {
                return Uni.createFrom().item(s);
            }
            if (s.status() != StatementStatus.CLOSED) {
                throw ProblemException.of(409, "period-open", "Period open",
                        "Close period " + period + " before recording its settlement.");
            }
            Optional<TransferRequest> transfer = settlement(s);
            Uni<Void> posted = transfer.isEmpty()
                    ? Uni.createFrom().voidItem()
                    : ledger.account(AccountKind.OPERATOR_CASH, Optional.empty(), s.currency())
                            .chain(() -> ledger.post(transfer.get())).replaceWithVoid();
            return posted.chain(() -> pool.preparedQuery("INSERT INTO statement_settlement (partner_id, period,"
                    + " transfer_id, reference, settled_by) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING")
                    .execute(Tuple.tuple().addUUID(partner).addString(period.toString())
                            .addUUID(transfer.map(TransferRequest::id).orElse(null)).addString(reference)
                            .addString(by)))
                    .chain(() -> statements.of(partner, period)).map(Optional::orElseThrow);
        });
    }

    private static Optional<TransferRequest> settlement(Statement s) {
        Statement.Totals t = s.totals();
        if (t.partnerOwes().isZero() && t.operatorOwes().isZero()) {
            return Optional.empty();
        }
        CurrencyUnit c = s.currency();
        UUID partner = s.partnerId();
        LedgerPostings.Builder b = LedgerPostings.transfer(TransferIds.named("settlement:" + partner + ":"
                + s.period()), TransferCode.SETTLEMENT).partner(partner).period(s.period())
                .description("settlement of " + s.period() + " statement v" + s.version());
        Money cash = t.partnerOwes().minus(t.operatorOwes());
        if (!cash.isZero()) {
            b.leg(Account.operator(AccountKind.OPERATOR_CASH, c), cash);
        }
        if (!t.partnerOwes().isZero()) {
            b.leg(Account.partner(AccountKind.PARTNER_RECEIVABLE, partner, c), t.partnerOwes().negate());
        }
        if (!t.operatorOwes().isZero()) {
            b.leg(Account.partner(AccountKind.PARTNER_PAYABLE, partner, c), t.operatorOwes());
        }
        return Optional.of(b.build());
    }
}

package io.peyk.gateway.billing;

import static io.peyk.gateway.billing.LedgerFixtures.IRR;
import static io.peyk.gateway.billing.LedgerFixtures.USD;
import static io.peyk.gateway.billing.LedgerFixtures.await;
import static io.peyk.gateway.billing.LedgerFixtures.balanceAndVersion;
import static io.peyk.gateway.billing.LedgerFixtures.longValue;
import static io.peyk.gateway.billing.LedgerFixtures.open;
import static io.peyk.gateway.billing.LedgerFixtures.partner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.peyk.billing.ledger.Account;
import io.peyk.billing.ledger.AccountKind;
import io.peyk.billing.ledger.Ledger;
import io.peyk.billing.ledger.LedgerPostings;
import io.peyk.billing.ledger.PostResult;
import io.peyk.billing.ledger.TransferCode;
import io.peyk.billing.ledger.TransferIds;
import io.peyk.billing.money.Money;
import io.peyk.gateway.EmbeddedServicesResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/**
 * The ledger's invariants as PostgreSQL keeps them, against raw SQL that bypasses the Java side: unbalanced or
 * incomplete transfers are refused at commit, an entry's currency is its account's, transfers and entries are
 * append-only, balances change only through entries, a reversal must negate its original.
 */
@QuarkusTest
@WithTestResource(EmbeddedServicesResource.class)
class LedgerSchemaTest {

    private static final String INSERT_TRANSFER = "INSERT INTO ledger_transfer (id, code, reverses, leg_count,"
            + " content_hash) VALUES ($1, $2, $3, $4, $5)";
    private static final String INSERT_ENTRY = "INSERT INTO ledger_entry (transfer_id, seq, account_id, currency,"
            + " amount_minor) VALUES ($1, $2, $3, $4, $5)";

    @Inject
    Pool pool;

    @Inject
    Ledger ledger;

    private Account receivable;
    private Account revenue;
    private Account usdRevenue;

    @BeforeEach
    void accounts() {
        UUID partner = partner(pool);
        receivable = open(ledger, AccountKind.PARTNER_RECEIVABLE, Optional.of(partner), IRR);
        revenue = open(ledger, AccountKind.OPERATOR_REVENUE, Optional.empty(), IRR);
        usdRevenue = open(ledger, AccountKind.OPERATOR_REVENUE, Optional.empty(), USD);
    }

    private record RawLeg(Account account, String currency, long amount) {
    }

    private static Uni<Void> insertTransfer(SqlConnection conn, UUID id, String code, UUID reverses, int legs) {
        return conn.preparedQuery(INSERT_TRANSFER).execute(Tuple.tuple().addUUID(id).addString(code)
                .addUUID(reverses).addShort((short) legs).addBuffer(Buffer.buffer(new byte[32]))).replaceWithVoid();
    }

    private static Uni<Void> insertEntries(SqlConnection conn, UUID transfer, int firstSeq, List<RawLeg> legs) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int i = 0; i < legs.size(); i++) {
            RawLeg leg = legs.get(i);
            Tuple args = Tuple.tuple().addUUID(transfer).addShort((short) (firstSeq + i)).addUUID(leg.account().id())
                    .addString(leg.currency()).addLong(leg.amount());
            chain = chain.chain(() -> conn.preparedQuery(INSERT_ENTRY).execute(args).replaceWithVoid());
        }
        return chain;
    }

    /** Writes a transfer and its legs in one explicit transaction; returns the failure (null when it committed). */
    private Throwable rawTransfer(UUID id, String code, UUID reverses, int declaredLegs, List<RawLeg> legs) {
        return catchThrowable(() -> await(pool.withTransaction(conn -> insertTransfer(conn, id, code, reverses,
                declaredLegs).chain(() -> insertEntries(conn, id, 0, legs)))));
    }

    private long transfers(UUID id) {
        return longValue(pool, "SELECT count(*) FROM ledger_transfer WHERE id = $1", Tuple.of(id));
    }

    private static void assertRefusedBy(Throwable failure, String sqlState, String constraint) {
        assertThat(failure).isInstanceOf(PgException.class);
        PgException pg = (PgException) failure;
        assertThat(pg.getSqlState()).as(pg.getMessage()).isEqualTo(sqlState);
        assertThat(pg.getConstraint()).as(pg.getMessage()).isEqualTo(constraint);
    }

    @Test
    void flywayAppliedTheLedgerMigration() {
        assertThat(longValue(pool, "SELECT count(*) FROM flyway_schema_history WHERE version = '9' AND success"
                + " AND script LIKE '%V9__ledger.sql'", Tuple.tuple())).isOne();
    }

    @Test
    void aBalancedRawTransferCommitsAndMovesBalances() {
        long[] before = balanceAndVersion(pool, revenue.id());
        UUID id = TransferIds.next();
        assertThat(rawTransfer(id, "usage", null, 2, List.of(new RawLeg(receivable, "IRR", 700),
                new RawLeg(revenue, "IRR", -700)))).isNull();
        assertThat(balanceAndVersion(pool, receivable.id())).containsExactly(700, 1);
        assertThat(balanceAndVersion(pool, revenue.id())).containsExactly(before[0] - 700, before[1] + 1);
    }

    @Test
    void anUnbalancedTransferIsRefusedAtCommit() {
        UUID id = TransferIds.next();
        Throwable failure = rawTransfer(id, "usage", null, 2, List.of(new RawLeg(receivable, "IRR", 700),
                new RawLeg(revenue, "IRR", -699)));
        assertRefusedBy(failure, "23514", "ledger_transfer_balanced");
        assertThat(transfers(id)).isZero();
        assertThat(balanceAndVersion(pool, receivable.id())).containsExactly(0, 0);
    }

    @Test
    void anUnbalancedTransferInOneAutocommitStatementIsRefused() {
        UUID id = TransferIds.next();
        Throwable failure = catchThrowable(() -> await(pool.preparedQuery("""
                WITH t AS (INSERT INTO ledger_transfer (id, code, leg_count, content_hash)
                           VALUES ($1, 'usage', 2, $2) RETURNING id)
                INSERT INTO ledger_entry (transfer_id, seq, account_id, currency, amount_minor)
                SELECT t.id, l.seq, l.account, 'IRR', l.amount
                  FROM t, (VALUES (0::smallint, $3::uuid, 5::bigint), (1::smallint, $4::uuid, -4::bigint))
                       AS l (seq, account, amount)
                """).execute(Tuple.tuple().addUUID(id).addBuffer(Buffer.buffer(new byte[32])).addUUID(receivable.id())
                .addUUID(revenue.id()))));
        assertRefusedBy(failure, "23514", "ledger_transfer_balanced");
        assertThat(transfers(id)).isZero();
    }

    @Test
    void balancingPerCurrencyMeansEveryCurrency() {
        Account usdExpense = open(ledger, AccountKind.OPERATOR_EXPENSE, Optional.empty(), USD);
        UUID id = TransferIds.next();
        // Sums to zero over all legs, but IRR +10 and USD -10 are not a balance.
        Throwable failure = rawTransfer(id, "usage", null, 2, List.of(new RawLeg(receivable, "IRR", 10),
                new RawLeg(usdExpense, "USD", -10)));
        assertRefusedBy(failure, "23514", "ledger_transfer_balanced");
        assertThat(failure).hasMessageContaining("IRR");
    }

    @Test
    void aTransferWithFewerOrMoreLegsThanItDeclaresIsRefused() {
        UUID none = TransferIds.next();
        assertRefusedBy(rawTransfer(none, "usage", null, 2, List.of()), "23514", "ledger_transfer_legs");
        UUID three = TransferIds.next();
        assertRefusedBy(rawTransfer(three, "usage", null, 3, List.of(new RawLeg(receivable, "IRR", 1),
                new RawLeg(revenue, "IRR", -1))), "23514", "ledger_transfer_legs");
        assertThat(transfers(none) + transfers(three)).isZero();
    }

    @Test
    void noEntryCanBeAddedToACommittedTransferEvenABalancedPair() {
        UUID id = TransferIds.next();
        assertThat(rawTransfer(id, "usage", null, 2, List.of(new RawLeg(receivable, "IRR", 50),
                new RawLeg(revenue, "IRR", -50)))).isNull();
        Throwable failure = catchThrowable(() -> await(pool.withTransaction(conn -> insertEntries(conn, id, 2,
                List.of(new RawLeg(receivable, "IRR", 9), new RawLeg(revenue, "IRR", -9))))));
        assertRefusedBy(failure, "23514", "ledger_transfer_legs");
        assertThat(balanceAndVersion(pool, receivable.id())).containsExactly(50, 1);
    }

    @Test
    void aLegInAnotherCurrencyThanItsAccountIsRefused() {
        UUID id = TransferIds.next();
        // Balanced in USD, but the receivable is an IRR account.
        Throwable failure = rawTransfer(id, "usage", null, 2, List.of(new RawLeg(receivable, "USD", 10),
                new RawLeg(usdRevenue, "USD", -10)));
        assertRefusedBy(failure, "23503", "ledger_entry_account_fk");
        assertThat(transfers(id)).isZero();
    }

    @Test
    void transfersAndEntriesAreAppendOnly() {
        UUID id = TransferIds.next();
        assertThat(rawTransfer(id, "usage", null, 2, List.of(new RawLeg(receivable, "IRR", 30),
                new RawLeg(revenue, "IRR", -30)))).isNull();
        for (String sql : List.of("UPDATE ledger_entry SET amount_minor = amount_minor * 2 WHERE transfer_id = $1",
                "DELETE FROM ledger_entry WHERE transfer_id = $1",
                "UPDATE ledger_transfer SET description = 'edited' WHERE id = $1",
                "DELETE FROM ledger_transfer WHERE id = $1")) {
            Throwable failure = catchThrowable(() -> await(pool.preparedQuery(sql).execute(Tuple.of(id))));
            assertThat(failure).as(sql).isInstanceOf(PgException.class).hasMessageContaining("append-only");
            assertThat(((PgException) failure).getSqlState()).isEqualTo("23001");
        }
        // An upsert is an UPDATE too.
        Throwable upsert = catchThrowable(() -> await(pool.preparedQuery(INSERT_TRANSFER + " ON CONFLICT (id) DO UPDATE"
                + " SET description = 'edited'").execute(Tuple.tuple().addUUID(id).addString("usage").addUUID(null)
                        .addShort((short) 2).addBuffer(Buffer.buffer(new byte[32])))));
        assertThat(upsert).isInstanceOf(PgException.class).hasMessageContaining("append-only");
        for (String table : List.of("ledger_entry", "ledger_transfer CASCADE", "ledger_account CASCADE")) {
            assertThat(truncate(table)).as(table).isInstanceOf(PgException.class);
        }
        assertThat(longValue(pool, "SELECT count(*) FROM ledger_entry WHERE transfer_id = $1 AND abs(amount_minor) = 30",
                Tuple.of(id))).isEqualTo(2);
        assertThat(longValue(pool, "SELECT count(*) FROM ledger_transfer WHERE id = $1 AND description = ''",
                Tuple.of(id))).isOne();
    }

    /** Tries a TRUNCATE inside a transaction that is rolled back in any case; returns the database's refusal. */
    private Throwable truncate(String table) {
        IllegalStateException rollback = new IllegalStateException("rolled back on purpose");
        Throwable failure = catchThrowable(() -> await(pool.withTransaction(conn -> conn.query("TRUNCATE " + table)
                .execute().chain(() -> Uni.createFrom().failure(rollback)))));
        return failure == rollback ? null : failure;
    }

    @Test
    void balancesChangeOnlyThroughEntriesAndAccountsStay() {
        UUID id = TransferIds.next();
        assertThat(rawTransfer(id, "usage", null, 2, List.of(new RawLeg(receivable, "IRR", 30),
                new RawLeg(revenue, "IRR", -30)))).isNull();
        for (String sql : List.of("UPDATE ledger_account SET balance_minor = 0 WHERE id = $1",
                "UPDATE ledger_account SET version = version + 1 WHERE id = $1",
                "DELETE FROM ledger_account WHERE id = $1")) {
            Throwable failure = catchThrowable(() -> await(pool.preparedQuery(sql).execute(Tuple.of(receivable.id()))));
            assertThat(failure).as(sql).isInstanceOf(PgException.class);
            assertThat(((PgException) failure).getSqlState()).isEqualTo("23001");
        }
        Throwable opening = catchThrowable(() -> await(pool.preparedQuery("INSERT INTO ledger_account (id, code, kind,"
                + " currency, balance_minor) VALUES ($1, 'operator:suspense:EUR', 'suspense', 'EUR', 1000)")
                .execute(Tuple.of(Account.idOf("operator:suspense:EUR")))));
        assertRefusedBy(opening, "23514", "ledger_account_opening");
        Throwable misnamed = catchThrowable(() -> await(pool.preparedQuery("INSERT INTO ledger_account (id, code, kind,"
                + " currency) VALUES ($1, 'operator:revenue:EUR', 'suspense', 'EUR')").execute(Tuple.of(UUID.randomUUID()))));
        assertRefusedBy(misnamed, "23514", "ledger_account_code_form");
        assertThat(balanceAndVersion(pool, receivable.id())).containsExactly(30, 1);
    }

    @Test
    void aReversalMustNegateEveryLegOfItsOriginal() {
        UUID original = TransferIds.next();
        assertThat(rawTransfer(original, "usage", null, 2, List.of(new RawLeg(receivable, "IRR", 30),
                new RawLeg(revenue, "IRR", -30)))).isNull();
        // Balanced, but the legs are swapped rather than negated in place.
        Throwable swapped = rawTransfer(TransferIds.next(), "reversal", original, 2, List.of(
                new RawLeg(revenue, "IRR", 30), new RawLeg(receivable, "IRR", -30)));
        assertRefusedBy(swapped, "23514", "ledger_transfer_reversal");
        Throwable partial = rawTransfer(TransferIds.next(), "reversal", original, 2, List.of(
                new RawLeg(receivable, "IRR", -20), new RawLeg(revenue, "IRR", 20)));
        assertRefusedBy(partial, "23514", "ledger_transfer_reversal");
        Throwable unpointed = rawTransfer(TransferIds.next(), "adjustment", original, 2, List.of(
                new RawLeg(receivable, "IRR", -30), new RawLeg(revenue, "IRR", 30)));
        assertRefusedBy(unpointed, "23514", "ledger_transfer_reversal_code");
        assertThat(rawTransfer(TransferIds.next(), "reversal", original, 2, List.of(new RawLeg(receivable, "IRR", -30),
                new RawLeg(revenue, "IRR", 30)))).isNull();
        Throwable second = rawTransfer(TransferIds.next(), "reversal", original, 2, List.of(
                new RawLeg(receivable, "IRR", -30), new RawLeg(revenue, "IRR", 30)));
        assertRefusedBy(second, "23505", "ledger_transfer_reverses_key");
        assertThat(balanceAndVersion(pool, receivable.id())).containsExactly(0, 2);
    }

    @Test
    void javaPostingsPassTheSameChecks() {
        // The Java side builds what the database accepts: a three-leg, two-currency transfer.
        Account usdExpense = open(ledger, AccountKind.OPERATOR_EXPENSE, Optional.empty(), USD);
        UUID partner = receivable.partner().orElseThrow();
        assertThat(await(ledger.post(LedgerPostings.transfer(TransferIds.next(), TransferCode.ADJUSTMENT).partner(partner)
                .debit(receivable, Money.ofMinor(90, IRR)).credit(revenue, Money.ofMinor(90, IRR))
                .debit(usdExpense, Money.ofMinor(125, USD)).credit(usdRevenue, Money.ofMinor(125, USD)).build())))
                .isEqualTo(PostResult.CREATED);
        assertThat(balanceAndVersion(pool, receivable.id())).containsExactly(90, 1);
    }
}

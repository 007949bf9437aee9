package io.peyk.gateway.billing;

import static io.peyk.gateway.billing.LedgerFixtures.DB;
import static io.peyk.gateway.billing.LedgerFixtures.IRR;
import static io.peyk.gateway.billing.LedgerFixtures.SOUND;
import static io.peyk.gateway.billing.LedgerFixtures.USD;
import static io.peyk.gateway.billing.LedgerFixtures.await;
import static io.peyk.gateway.billing.LedgerFixtures.balanceAndVersion;
import static io.peyk.gateway.billing.LedgerFixtures.longValue;
import static io.peyk.gateway.billing.LedgerFixtures.open;
import static io.peyk.gateway.billing.LedgerFixtures.partner;
import static io.peyk.gateway.billing.LedgerFixtures.violations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.peyk.billing.ledger.Account;
import io.peyk.billing.ledger.AccountKind;
import io.peyk.billing.ledger.Entry;
import io.peyk.billing.ledger.EntryCursor;
import io.peyk.billing.ledger.Ledger;
import io.peyk.billing.ledger.LedgerException;
import io.peyk.billing.ledger.LedgerPostings;
import io.peyk.billing.ledger.PostResult;
import io.peyk.billing.ledger.TransferCode;
import io.peyk.billing.ledger.TransferIds;
import io.peyk.billing.ledger.TransferRequest;
import io.peyk.billing.money.Money;
import io.peyk.gateway.EmbeddedServicesResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** The ledger repository: accounts, idempotent posts, reversals, balances and entry pages, on PostgreSQL. */
@QuarkusTest
@WithTestResource(EmbeddedServicesResource.class)
class LedgerTest {

    @Inject
    Pool pool;

    @Inject
    Ledger ledger;

    private UUID partner;
    private Account receivable;
    private Account payable;
    private Account revenue;
    private Account expense;

    @BeforeEach
    void accounts() {
        partner = partner(pool);
        receivable = open(ledger, AccountKind.PARTNER_RECEIVABLE, Optional.of(partner), IRR);
        payable = open(ledger, AccountKind.PARTNER_PAYABLE, Optional.of(partner), IRR);
        revenue = open(ledger, AccountKind.OPERATOR_REVENUE, Optional.empty(), IRR);
        expense = open(ledger, AccountKind.OPERATOR_EXPENSE, Optional.empty(), IRR);
    }

    private TransferRequest usage(UUID id, long rials) {
        return LedgerPostings.transfer(id, TransferCode.USAGE).partner(partner).period(YearMonth.of(2026, 11))
                .description("ott.message 2026-11").debit(receivable, Money.ofMinor(rials, IRR))
                .credit(revenue, Money.ofMinor(rials, IRR)).build();
    }

    private long entries(UUID transfer) {
        return longValue(pool, "SELECT count(*) FROM ledger_entry WHERE transfer_id = $1", Tuple.of(transfer));
    }

    @Test
    void openingAnAccountIsIdempotentAlsoUnderConcurrentCalls() {
        UUID fresh = partner(pool);
        List<Uni<Account>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(ledger.account(AccountKind.PARTNER_PAYABLE, Optional.of(fresh), USD));
        }
        List<Account> opened = Uni.join().all(calls).andFailFast().await().atMost(DB);
        Account expected = Account.partner(AccountKind.PARTNER_PAYABLE, fresh, USD);
        assertThat(opened).hasSize(8).containsOnly(expected);
        assertThat(expected.code()).isEqualTo("partner:" + fresh + ":payable:USD");
        assertThat(longValue(pool, "SELECT count(*) FROM ledger_account WHERE partner_id = $1", Tuple.of(fresh)))
                .isOne();
        assertThat(await(ledger.balance(expected.id()))).isEqualTo(Money.zero(USD));
        assertThat(await(ledger.account(AccountKind.PARTNER_PAYABLE, Optional.of(fresh), USD))).isEqualTo(expected);
    }

    @Test
    void accountsNeedAKnownPartnerForPartnerKindsAndNoneForTheOperators() {
        UUID stranger = UUID.randomUUID();
        assertThat(catchThrowable(() -> await(ledger.account(AccountKind.PARTNER_RECEIVABLE, Optional.of(stranger),
                IRR)))).isInstanceOfSatisfying(LedgerException.UnknownPartner.class,
                        e -> assertThat(e.partnerId()).isEqualTo(stranger));
        assertThat(catchThrowable(() -> await(ledger.account(AccountKind.OPERATOR_REVENUE, Optional.of(partner), IRR))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(catchThrowable(() -> await(ledger.balance(Account.idOf("operator:revenue:EUR")))))
                .isInstanceOf(LedgerException.UnknownAccount.class);
    }

    @Test
    void postingIsIdempotentByIdAndContent() {
        UUID id = TransferIds.next();
        assertThat(await(ledger.post(usage(id, 1500)))).isEqualTo(PostResult.CREATED);
        long[] receivableAfter = balanceAndVersion(pool, receivable.id());
        long[] revenueAfter = balanceAndVersion(pool, revenue.id());
        assertThat(receivableAfter).containsExactly(1500, 1);

        // A retry: same id, same content.
        assertThat(await(ledger.post(usage(id, 1500)))).isEqualTo(PostResult.EXISTS);
        assertThat(entries(id)).isEqualTo(2);
        assertThat(balanceAndVersion(pool, receivable.id())).containsExactly(receivableAfter);
        assertThat(balanceAndVersion(pool, revenue.id())).containsExactly(revenueAfter);

        // The same id for other content is a conflict, and writes nothing.
        Throwable conflict = catchThrowable(() -> await(ledger.post(usage(id, 1501))));
        assertThat(conflict).isInstanceOfSatisfying(LedgerException.IdempotencyConflict.class,
                e -> assertThat(e.transferId()).isEqualTo(id));
        Throwable otherCode = catchThrowable(() -> await(ledger.post(LedgerPostings.transfer(id, TransferCode.ADJUSTMENT)
                .partner(partner).period(YearMonth.of(2026, 11)).description("ott.message 2026-11")
                .debit(receivable, Money.ofMinor(1500, IRR)).credit(revenue, Money.ofMinor(1500, IRR)).build())));
        assertThat(otherCode).isInstanceOf(LedgerException.IdempotencyConflict.class);
        assertThat(entries(id)).isEqualTo(2);
        assertThat(balanceAndVersion(pool, receivable.id())).containsExactly(receivableAfter);

        // What is stored is what was posted.
        assertThat(await(ledger.transfer(id))).contains(usage(id, 1500));
        assertThat(await(ledger.transfer(TransferIds.next()))).isEmpty();
    }

    @Test
    void aTransferOnAnAccountNeverOpenedWritesNothing() {
        UUID fresh = partner(pool);
        UUID id = TransferIds.next();
        Account unopened = Account.partner(AccountKind.PARTNER_RECEIVABLE, fresh, IRR);
        Throwable failure = catchThrowable(() -> await(ledger.post(LedgerPostings.transfer(id, TransferCode.USAGE)
                .partner(fresh).debit(unopened, Money.ofMinor(5, IRR)).credit(revenue, Money.ofMinor(5, IRR)).build())));
        assertThat(failure).isInstanceOf(LedgerException.UnknownAccount.class).hasMessageContaining(unopened.id().toString());
        assertThat(longValue(pool, "SELECT count(*) FROM ledger_transfer WHERE id = $1", Tuple.of(id))).isZero();
    }

    @Test
    void aReversalNegatesEveryLegPointsAtTheOriginalAndRestoresBalances() {
        long[] receivableBefore = balanceAndVersion(pool, receivable.id());
        long[] revenueBefore = balanceAndVersion(pool, revenue.id());
        long[] payableBefore = balanceAndVersion(pool, payable.id());
        long[] expenseBefore = balanceAndVersion(pool, expense.id());
        // A three-party posting: the partner owes 10,000; 3,000 of it is the partner's share back.
        UUID original = TransferIds.next();
        TransferRequest posting = LedgerPostings.transfer(original, TransferCode.USAGE).partner(partner)
                .debit(receivable, Money.ofMinor(10_000, IRR)).credit(revenue, Money.ofMinor(10_000, IRR))
                .debit(expense, Money.ofMinor(3_000, IRR)).credit(payable, Money.ofMinor(3_000, IRR)).build();
        assertThat(await(ledger.post(posting))).isEqualTo(PostResult.CREATED);
        assertThat(await(ledger.balance(receivable.id()))).isEqualTo(Money.ofMinor(receivableBefore[0] + 10_000, IRR));
        assertThat(await(ledger.balance(payable.id()))).isEqualTo(Money.ofMinor(payableBefore[0] - 3_000, IRR));

        UUID reversalId = TransferIds.next();
        assertThat(await(ledger.reverse(original, reversalId, "tariff v2 was wrong"))).isEqualTo(PostResult.CREATED);
        TransferRequest reversal = await(ledger.transfer(reversalId)).orElseThrow();
        assertThat(reversal.code()).isEqualTo(TransferCode.REVERSAL);
        assertThat(reversal.reverses()).contains(original);
        assertThat(reversal.partner()).contains(partner);
        assertThat(reversal.description()).isEqualTo("tariff v2 was wrong");
        for (int i = 0; i < posting.legs().size(); i++) {
            assertThat(reversal.legs().get(i)).isEqualTo(posting.legs().get(i).negate());
        }
        assertThat(longValue(pool, "SELECT count(*) FROM ledger_transfer WHERE id = $1 AND reverses = $2"
                + " AND code = 'reversal'", Tuple.of(reversalId, original))).isOne();

        // Balances are back; versions count both transfers.
        assertThat(balanceAndVersion(pool, receivable.id())).containsExactly(receivableBefore[0], receivableBefore[1] + 2);
        assertThat(balanceAndVersion(pool, revenue.id())).containsExactly(revenueBefore[0], revenueBefore[1] + 2);
        assertThat(balanceAndVersion(pool, payable.id())).containsExactly(payableBefore[0], payableBefore[1] + 2);
        assertThat(balanceAndVersion(pool, expense.id())).containsExactly(expenseBefore[0], expenseBefore[1] + 2);

        // A retry of the same reversal is idempotent; a second reversal is refused.
        assertThat(await(ledger.reverse(original, reversalId, "tariff v2 was wrong"))).isEqualTo(PostResult.EXISTS);
        assertThat(catchThrowable(() -> await(ledger.reverse(original, TransferIds.next(), "again"))))
                .isInstanceOfSatisfying(LedgerException.AlreadyReversed.class,
                        e -> assertThat(e.original()).isEqualTo(original));
        // The same reversal id with another reason is another content.
        assertThat(catchThrowable(() -> await(ledger.reverse(original, reversalId, "another reason"))))
                .isInstanceOf(LedgerException.IdempotencyConflict.class);
        UUID unknown = TransferIds.next();
        assertThat(catchThrowable(() -> await(ledger.reverse(unknown, TransferIds.next(), "nothing"))))
                .isInstanceOfSatisfying(LedgerException.UnknownTransfer.class,
                        e -> assertThat(e.transferId()).isEqualTo(unknown));
        assertThat(balanceAndVersion(pool, receivable.id())).containsExactly(receivableBefore[0], receivableBefore[1] + 2);
        assertThat(violations(pool)).isEqualTo(SOUND);
    }

    @Test
    void entriesArePagedByCursor() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 1; i <= 25; i++) {
            UUID id = TransferIds.next();
            ids.add(id);
            await(ledger.post(usage(id, i)));
        }
        List<Entry> all = new ArrayList<>();
        Optional<EntryCursor> after = Optional.empty();
        List<Integer> pageSizes = new ArrayList<>();
        while (true) {
            List<Entry> page = await(ledger.entries(receivable.id(), after, 10));
            pageSizes.add(page.size());
            if (page.isEmpty()) {
                break;
            }
            all.addAll(page);
            after = Optional.of(page.get(page.size() - 1).cursor());
        }
        assertThat(pageSizes).containsExactly(10, 10, 5, 0);
        assertThat(all).extracting(Entry::transferId).containsExactlyInAnyOrderElementsOf(ids).isSorted();
        assertThat(all).allSatisfy(e -> {
            assertThat(e.accountId()).isEqualTo(receivable.id());
            assertThat(e.seq()).isZero();
            assertThat(e.code()).isEqualTo(TransferCode.USAGE);
            assertThat(e.amount().signum()).isPositive();
        });
        assertThat(all.stream().mapToLong(e -> e.amount().minor()).sum()).isEqualTo(25 * 26 / 2);
        assertThat(await(ledger.balance(receivable.id()))).isEqualTo(Money.ofMinor(25 * 26 / 2, IRR));
        // The revenue side of the same transfers is seq 1, negative.
        Entry credit = await(ledger.entries(revenue.id(), Optional.of(new EntryCursor(ids.get(0), 0)), 1)).get(0);
        assertThat(credit.transferId()).isEqualTo(ids.get(0));
        assertThat(credit.seq()).isOne();
        assertThat(credit.amount()).isEqualTo(Money.ofMinor(-1, IRR));
        assertThat(catchThrowable(() -> await(ledger.entries(receivable.id(), Optional.empty(), 0))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(catchThrowable(() -> await(ledger.entries(receivable.id(), Optional.empty(), 1001))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(await(ledger.entries(receivable.id(), Optional.empty(), 1000))).hasSize(25);
    }
}

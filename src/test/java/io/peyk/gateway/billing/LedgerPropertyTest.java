package io.peyk.gateway.billing;

import static io.peyk.gateway.billing.LedgerFixtures.DB;
import static io.peyk.gateway.billing.LedgerFixtures.IRR;
import static io.peyk.gateway.billing.LedgerFixtures.SOUND;
import static io.peyk.gateway.billing.LedgerFixtures.accounts;
import static io.peyk.gateway.billing.LedgerFixtures.await;
import static io.peyk.gateway.billing.LedgerFixtures.balanceAndVersion;
import static io.peyk.gateway.billing.LedgerFixtures.open;
import static io.peyk.gateway.billing.LedgerFixtures.partner;
import static io.peyk.gateway.billing.LedgerFixtures.violations;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.peyk.billing.ledger.Account;
import io.peyk.billing.ledger.AccountKind;
import io.peyk.billing.ledger.Entry;
import io.peyk.billing.ledger.EntryCursor;
import io.peyk.billing.ledger.Ledger;
import io.peyk.billing.ledger.LedgerPostings;
import io.peyk.billing.ledger.Leg;
import io.peyk.billing.ledger.PostResult;
import io.peyk.billing.ledger.TransferCode;
import io.peyk.billing.ledger.TransferIds;
import io.peyk.billing.ledger.TransferRequest;
import io.peyk.billing.money.CurrencyUnit;
import io.peyk.billing.money.Money;
import io.peyk.gateway.EmbeddedServicesResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Properties of the ledger over thousands of random transfers on PostgreSQL: money is conserved per currency, every
 * balance is the sum of its entries and every version their count, also with eight concurrent posters on the same hot
 * accounts (no lost update, no deadlock, one write per transfer id).
 */
@QuarkusTest
@WithTestResource(EmbeddedServicesResource.class)
class LedgerPropertyTest {

    private static final Duration BULK = Duration.ofMinutes(5);
    private static final List<TransferCode> CODES = List.of(TransferCode.USAGE, TransferCode.REVENUE_SHARE,
            TransferCode.ADJUSTMENT, TransferCode.SETTLEMENT);

    @Inject
    Pool pool;

    @Inject
    Ledger ledger;

    @Test
    void randomBalancedTransfersConserveMoneyAndBalancesEqualTheirEntries() {
        Random random = new Random(20261101L);
        List<UUID> partners = List.of(partner(pool), partner(pool), partner(pool));
        Map<UUID, List<Account>> candidates = new HashMap<>();
        Set<Account> touched = new LinkedHashSet<>();
        for (UUID partner : partners) {
            candidates.put(partner, accounts(ledger, partner));
            touched.addAll(candidates.get(partner));
        }
        Map<Account, long[]> start = snapshot(touched);

        List<TransferRequest> transfers = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            UUID partner = partners.get(random.nextInt(partners.size()));
            transfers.add(new TransferRequest(TransferIds.next(), CODES.get(random.nextInt(CODES.size())),
                    Optional.empty(), Optional.of(partner), Optional.of(YearMonth.of(2026, 1 + random.nextInt(12))),
                    "random " + i, randomBalancedLegs(random, candidates.get(partner), 1 + random.nextInt(8))));
        }
        assertThat(postAll(transfers)).hasSize(2_000).containsOnly(PostResult.CREATED);

        // Retries of 200 of them write nothing; reversals of 200 others undo them.
        List<TransferRequest> shuffled = new ArrayList<>(transfers);
        Collections.shuffle(shuffled, random);
        assertThat(postAll(shuffled.subList(0, 200))).containsOnly(PostResult.EXISTS);
        List<TransferRequest> reversed = shuffled.subList(200, 400);
        List<TransferRequest> reversals = new ArrayList<>();
        for (TransferRequest t : reversed) {
            reversals.add(LedgerPostings.reversal(t, TransferIds.next(), "property reversal"));
        }
        assertThat(postAll(reversals)).containsOnly(PostResult.CREATED);

        Map<Account, long[]> expected = expect(start, transfers, reversed);
        for (Account account : touched) {
            assertThat(await(ledger.balance(account.id()))).as(account.code())
                    .isEqualTo(Money.ofMinor(expected.get(account)[0], account.currency()));
            assertThat(balanceAndVersion(pool, account.id())).as(account.code()).containsExactly(expected.get(account));
        }
        assertThat(violations(pool)).isEqualTo(SOUND);

        // Paging one account's entries from the start gives its version's count and its balance's sum.
        Account busy = candidates.get(partners.get(0)).get(0);
        long count = 0;
        long sum = 0;
        Optional<EntryCursor> after = Optional.empty();
        while (true) {
            List<Entry> page = await(ledger.entries(busy.id(), after, 97));
            if (page.isEmpty()) {
                break;
            }
            count += page.size();
            for (Entry e : page) {
                sum += e.amount().minor();
            }
            after = Optional.of(page.get(page.size() - 1).cursor());
        }
        assertThat(count).isEqualTo(expected.get(busy)[1]).isPositive();
        assertThat(sum).isEqualTo(expected.get(busy)[0]);
    }

    @Test
    void eightConcurrentPostersOnHotAccountsLoseNoUpdate() throws Exception {
        UUID partner = partner(pool);
        List<Account> hot = List.of(open(ledger, AccountKind.PARTNER_RECEIVABLE, Optional.of(partner), IRR),
                open(ledger, AccountKind.PARTNER_PAYABLE, Optional.of(partner), IRR),
                open(ledger, AccountKind.OPERATOR_REVENUE, Optional.empty(), IRR),
                open(ledger, AccountKind.OPERATOR_EXPENSE, Optional.empty(), IRR),
                open(ledger, AccountKind.ROUNDING, Optional.empty(), IRR));
        Map<Account, long[]> start = snapshot(hot);

        int posters = 8;
        int ownPerPoster = 100;
        // Twenty transfers every poster posts (same id, same content): exactly one of them writes each.
        Random sharedRandom = new Random(7);
        List<TransferRequest> shared = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            shared.add(hotTransfer(sharedRandom, partner, hot));
        }
        List<List<TransferRequest>> plans = new ArrayList<>();
        List<TransferRequest> all = new ArrayList<>(shared);
        for (int k = 0; k < posters; k++) {
            Random random = new Random(1_000 + k);
            List<TransferRequest> plan = new ArrayList<>(shared);
            for (int i = 0; i < ownPerPoster; i++) {
                TransferRequest own = hotTransfer(random, partner, hot);
                plan.add(own);
                all.add(own);
            }
            Collections.shuffle(plan, random);
            plans.add(plan);
        }

        ExecutorService executor = Executors.newFixedThreadPool(posters);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Map<UUID, PostResult>>> futures = new ArrayList<>();
        try {
            for (List<TransferRequest> plan : plans) {
                futures.add(executor.submit(() -> {
                    go.await();
                    Map<UUID, PostResult> results = new HashMap<>();
                    for (TransferRequest t : plan) {
                        results.put(t.id(), ledger.post(t).await().atMost(DB));
                    }
                    return results;
                }));
            }
            go.countDown();
            Map<UUID, Integer> created = new HashMap<>();
            for (Future<Map<UUID, PostResult>> f : futures) {
                for (Map.Entry<UUID, PostResult> e : f.get(BULK.toSeconds(), TimeUnit.SECONDS).entrySet()) {
                    created.merge(e.getKey(), e.getValue() == PostResult.CREATED ? 1 : 0, Integer::sum);
                }
            }
            assertThat(created).hasSize(all.size());
            assertThat(created.values()).containsOnly(1);
        } finally {
            executor.shutdownNow();
        }

        Map<Account, long[]> expected = expect(start, all, List.of());
        for (Account account : hot) {
            assertThat(balanceAndVersion(pool, account.id())).as(account.code()).containsExactly(expected.get(account));
        }
        assertThat(violations(pool)).isEqualTo(SOUND);
    }

    private List<PostResult> postAll(List<TransferRequest> transfers) {
        return Multi.createFrom().iterable(transfers).onItem().transformToUni(ledger::post).merge(8).collect()
                .asList().await().atMost(BULK);
    }

    private Map<Account, long[]> snapshot(Iterable<Account> accounts) {
        Map<Account, long[]> out = new HashMap<>();
        for (Account account : accounts) {
            out.put(account, balanceAndVersion(pool, account.id()));
        }
        return out;
    }

    /** Balances and versions after the transfers, from the start, with the reversed ones posted and reversed. */
    private static Map<Account, long[]> expect(Map<Account, long[]> start, List<TransferRequest> transfers,
            List<TransferRequest> reversed) {
        Map<Account, long[]> out = new HashMap<>();
        start.forEach((account, bv) -> out.put(account, bv.clone()));
        for (TransferRequest t : transfers) {
            for (Leg leg : t.legs()) {
                long[] bv = out.get(leg.account());
                bv[0] += leg.amount().minor();
                bv[1]++;
            }
        }
        for (TransferRequest t : reversed) {
            for (Leg leg : t.legs()) {
                long[] bv = out.get(leg.account());
                bv[0] -= leg.amount().minor();
                bv[1]++;
            }
        }
        return out;
    }

    /** Two to six legs over the hot accounts, in random order. */
    private static TransferRequest hotTransfer(Random random, UUID partner, List<Account> hot) {
        return new TransferRequest(TransferIds.next(), CODES.get(random.nextInt(CODES.size())), Optional.empty(),
                Optional.of(partner), Optional.empty(), "", randomBalancedLegs(random, hot, 1 + random.nextInt(5)));
    }

    /** {@code n} random legs on random accounts, then one leg closing each currency they leave unbalanced. */
    private static List<Leg> randomBalancedLegs(Random random, List<Account> accounts, int n) {
        List<Leg> legs = new ArrayList<>();
        Map<CurrencyUnit, Long> sums = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            Account account = accounts.get(random.nextInt(accounts.size()));
            long amount = 1 + random.nextInt(1_000_000_000);
            Money money = Money.ofMinor(random.nextBoolean() ? amount : -amount, account.currency());
            legs.add(new Leg(account, money));
            sums.merge(account.currency(), money.minor(), Long::sum);
        }
        sums.forEach((currency, sum) -> {
            if (sum != 0) {
                List<Account> closing = accounts.stream().filter(a -> a.currency().equals(currency)).toList();
                legs.add(new Leg(closing.get(random.nextInt(closing.size())), Money.ofMinor(-sum, currency)));
            }
        });
        return legs;
    }
}

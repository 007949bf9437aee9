package io.peyk.gateway.billing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.peyk.billing.ledger.Account;
import io.peyk.billing.ledger.AccountKind;
import io.peyk.billing.ledger.Ledger;
import io.peyk.billing.money.CurrencyUnit;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Partners, accounts and SQL probes for the ledger tests (each test works on partners of its own). */
final class LedgerFixtures {

    static final Duration DB = Duration.ofSeconds(30);
    static final CurrencyUnit IRR = CurrencyUnit.IRR;
    static final CurrencyUnit USD = CurrencyUnit.of("USD");
    static final String SOUND = "unconserved currencies 0, drifted accounts 0, unbalanced transfers 0, incomplete transfers 0";

    private LedgerFixtures() {
    }

    static <T> T await(Uni<T> uni) {
        return uni.await().atMost(DB);
    }

    /** A partner row inserted straight into PostgreSQL. */
    static UUID partner(Pool pool) {
        UUID id = UUID.randomUUID();
        await(pool.preparedQuery("INSERT INTO partner (id, name, sender_ids, webhook_secret, rate_limit_per_second)"
                + " VALUES ($1, $2, $3, $4, $5)").execute(Tuple.tuple().addUUID(id).addString("ledger-" + id)
                        .addArrayOfString(new String[]{"3000"}).addString("whsec_ledger").addInteger(1000)));
        return id;
    }

    static Account open(Ledger ledger, AccountKind kind, Optional<UUID> partner, CurrencyUnit currency) {
        return await(ledger.account(kind, partner, currency));
    }

    /** The partner's receivable and payable and the operator's accounts, in both currencies, opened. */
    static List<Account> accounts(Ledger ledger, UUID partner) {
        List<Account> out = new ArrayList<>();
        for (CurrencyUnit currency : List.of(IRR, USD)) {
            out.add(open(ledger, AccountKind.PARTNER_RECEIVABLE, Optional.of(partner), currency));
            out.add(open(ledger, AccountKind.PARTNER_PAYABLE, Optional.of(partner), currency));
            out.addAll(operatorAccounts(ledger, currency));
        }
        return out;
    }

    static List<Account> operatorAccounts(Ledger ledger, CurrencyUnit currency) {
        List<Account> out = new ArrayList<>();
        for (AccountKind kind : List.of(AccountKind.OPERATOR_REVENUE, AccountKind.OPERATOR_EXPENSE,
                AccountKind.ROUNDING, AccountKind.SUSPENSE)) {
            out.add(open(ledger, kind, Optional.empty(), currency));
        }
        return out;
    }

    /** The first column of the first row of a query, as a long. */
    static long longValue(Pool pool, String sql, Tuple args) {
        Row row = await(pool.preparedQuery(sql).execute(args)).iterator().next();
        return ((Number) row.getValue(0)).longValue();
    }

    /** Balance and version of an account, read from its row. */
    static long[] balanceAndVersion(Pool pool, UUID account) {
        Row row = await(pool.preparedQuery("SELECT balance_minor, version FROM ledger_account WHERE id = $1")
                .execute(Tuple.of(account))).iterator().next();
        return new long[]{row.getLong(0), row.getLong(1)};
    }

    /**
     * The ledger-wide invariants, over every account and transfer in the database: per currency the balances sum to
     * zero, every balance is the sum of its entries and every version their count, every transfer balances per currency
     * and has the legs it declares. Returns the violations found, by kind ({@link #SOUND} when there are none).
     */
    static String violations(Pool pool) {
        long unconserved = longValue(pool, "SELECT count(*) FROM (SELECT currency FROM ledger_account"
                + " GROUP BY currency HAVING sum(balance_minor) <> 0) c", Tuple.tuple());
        long drifted = longValue(pool, """
                SELECT count(*) FROM ledger_account a
                  LEFT JOIN (SELECT account_id, sum(amount_minor) AS total, count(*) AS entries
                               FROM ledger_entry GROUP BY account_id) e ON e.account_id = a.id
                 WHERE a.balance_minor <> coalesce(e.total, 0) OR a.version <> coalesce(e.entries, 0)
                """, Tuple.tuple());
        long unbalanced = longValue(pool, "SELECT count(*) FROM (SELECT transfer_id, currency FROM ledger_entry"
                + " GROUP BY transfer_id, currency HAVING sum(amount_minor) <> 0) t", Tuple.tuple());
        long incomplete = longValue(pool, """
                SELECT count(*) FROM ledger_transfer t
                 WHERE t.leg_count <> (SELECT count(*) FROM ledger_entry e WHERE e.transfer_id = t.id)
                """, Tuple.tuple());
        return "unconserved currencies " + unconserved + ", drifted accounts " + drifted + ", unbalanced transfers "
                + unbalanced + ", incomplete transfers " + incomplete;
    }
}

package io.peyk.gateway.finance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.peyk.billing.ledger.Entry;
import io.peyk.billing.money.CurrencyUnit;
import io.peyk.billing.money.Money;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Ledger accounts and entries as the finance API shows them: balances as decimal strings, keyset paging. */
@ApplicationScoped
public class LedgerAccounts {

    private final Pool pool;

    LedgerAccounts(Pool pool) {
        this.pool = pool;
    }

    /** An account and its balance (the sum of its entries); {@code version} is its entry count. */
    public record AccountView(UUID id, String code, String kind, UUID partnerId, String currency, String balance,
            long version) {
    }

    /** A page of accounts; {@code next} is the {@code after} of the next page, absent on the last. */
    public record Page(List<AccountView> accounts, String next) {
    }

    /** One entry: positive amounts are debits, negative credits. */
    public record EntryView(UUID transferId, int seq, String amount, String currency, String code, Instant postedAt) {
    }

    /** A page of entries; {@code next} is the {@code after} of the next page ({@code <transferId>:<seq>}). */
    public record EntriesPage(List<EntryView> entries, String next) {
    }

    Uni<Page> page(Optional<UUID> partner, Optional<String> after, int limit) {
        return pool.preparedQuery("""
                SELECT id, code, kind, partner_id, currency, balance_minor, version FROM ledger_account
                 WHERE ($1::uuid IS NULL OR partner_id = $1) AND ($2::text IS NULL OR code > $2)
                 ORDER BY code LIMIT $3""").execute(Tuple.of(partner.orElse(null), after.orElse(null), limit + 1))
                .map(rows -> {
                    List<AccountView> out = new ArrayList<>();
                    for (Row r : rows) {
                        if (out.size() == limit) {
                            return new Page(out, out.get(out.size() - 1).code());
                        }
                        CurrencyUnit c = CurrencyUnit.of(r.getString("currency"));
                        out.add(new AccountView(r.getUUID("id"), r.getString("code"), r.getString("kind"),
                                r.getUUID("partner_id"), c.code(),
                                Money.ofMinor(r.getLong("balance_minor"), c).toDecimal().toPlainString(),
                                r.getLong("version")));
                    }
                    return new Page(out, null);
                });
    }

    static EntriesPage entriesPage(List<Entry> entries) {
        List<EntryView> out = entries.stream().map(e -> new EntryView(e.transferId(), e.seq(),
                e.amount().toDecimal().toPlainString(), e.amount().currency().code(), e.code().wire(), e.postedAt()))
                .toList();
        String next = entries.isEmpty()
                ? null
                : entries.get(entries.size() - 1).transferId() + ":"
                        + entries.get(entries.size() - 1).seq();
        return new EntriesPage(out, next);
    }
}

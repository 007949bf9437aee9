package io.peyk.billing.ledger;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.peyk.billing.money.CurrencyUnit;
import io.peyk.billing.money.Money;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/**
 * The ledger in PostgreSQL ({@code ledger_account}, {@code ledger_transfer}, {@code ledger_entry}; migration V9), through
 * the reactive client. A post is one statement, hence one transaction: the transfer row first (ON CONFLICT on its id:
 * an existing transfer is compared by content hash), then all its legs; PostgreSQL checks the balance per currency at
 * commit and adds the legs to the account balances. See the package documentation for idempotency and ordering.
 */
@ApplicationScoped
public class Ledger {

    /** Most entries one page returns. */
    public static final int MAX_PAGE = 1000;

    private static final UUID NO_TRANSFER = new UUID(0, 0);

    private static final String POST = """
            WITH transfer AS (
                INSERT INTO ledger_transfer (id, code, reverses, partner_id, period, leg_count, content_hash, description)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                ON CONFLICT (id) DO NOTHING
                RETURNING id
            ), legs AS (
                INSERT INTO ledger_entry (transfer_id, seq, account_id, currency, amount_minor)
                SELECT transfer.id, leg.seq, leg.account_id, leg.currency, leg.amount_minor
                  FROM transfer, unnest($9::smallint[], $10::uuid[], $11::text[], $12::bigint[])
                       AS leg (seq, account_id, currency, amount_minor)
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM legs) AS legs_written,
                   (SELECT content_hash FROM ledger_transfer WHERE id = $1) AS stored_hash
            """;

    private static final String TRANSFER = """
            SELECT t.code, t.reverses, t.partner_id, t.period, t.description, t.content_hash, e.seq, e.amount_minor,
                   a.id AS account_id, a.code AS account_code, a.kind, a.partner_id AS account_partner, a.currency
              FROM ledger_transfer t
              JOIN ledger_entry e ON e.transfer_id = t.id
              JOIN ledger_account a ON a.id = e.account_id
             WHERE t.id = $1
             ORDER BY e.seq
            """;

    private static final String ENTRIES = """
            SELECT e.transfer_id, e.seq, e.account_id, e.currency, e.amount_minor, t.code, t.created_at
              FROM ledger_entry e
              JOIN ledger_transfer t ON t.id = e.transfer_id
             WHERE e.account_id = $1 AND (e.transfer_id, e.seq) > ($2, $3)
             ORDER BY e.transfer_id, e.seq
             LIMIT $4
            """;

    private final Pool pool;

    @Inject
    public Ledger(Pool pool) {
        this.pool = pool;
    }

    /**
     * The account of a kind, partner (for partner kinds) and currency, opened (at zero) if it does not exist yet.
     * Idempotent, also under concurrent calls. Fails with {@link LedgerException.UnknownPartner}, or
     * {@link IllegalArgumentException} for a partner given to an operator kind or missing for a partner kind.
     */
    public Uni<Account> account(AccountKind kind, Optional<UUID> partner, CurrencyUnit currency) {
        return Uni.createFrom().item(() -> Account.of(kind, partner, currency))
                .chain(account -> exists(account).chain(found -> found
                        ? Uni.createFrom().item(account)
                        : open(account)));
    }

    /**
     * Posts a transfer: {@link PostResult#CREATED} when written now, {@link PostResult#EXISTS} when the same transfer
     * (same id, same content hash) was written before. Fails with {@link LedgerException.IdempotencyConflict} (the id is
     * taken by other content), {@link LedgerException.AlreadyReversed}, {@link LedgerException.UnknownTransfer} (the
     * original of a reversal) or {@link LedgerException.UnknownAccount}; nothing is written then. Any other failure may be
     * retried with the same request.
     */
    public Uni<PostResult> post(TransferRequest transfer) {
        return post(pool, transfer);
    }

    /**
     * {@link #post(TransferRequest)} on a caller's connection, inside the caller's transaction: the transfer commits or
     * rolls back with whatever else that transaction writes (the balance check runs at its commit).
     */
    public Uni<PostResult> post(SqlClient client, TransferRequest transfer) {
        byte[] hash = transfer.contentHash();
        List<Leg> legs = transfer.legs();
        Short[] seqs = new Short[legs.size()];
        UUID[] accounts = new UUID[legs.size()];
        String[] currencies = new String[legs.size()];
        Long[] amounts = new Long[legs.size()];
        for (int i = 0; i < legs.size(); i++) {
            seqs[i] = (short) i;
            accounts[i] = legs.get(i).account().id();
            currencies[i] = legs.get(i).amount().currency().code();
            amounts[i] = legs.get(i).amount().minor();
        }
        Tuple args = Tuple.tuple().addUUID(transfer.id()).addString(transfer.code().wire())
                .addUUID(transfer.reverses().orElse(null)).addUUID(transfer.partner().orElse(null))
                .addString(transfer.period().map(YearMonth::toString).orElse(null)).addShort((short) legs.size())
                .addBuffer(Buffer.buffer(hash)).addString(transfer.description()).addArrayOfShort(seqs)
                .addArrayOfUUID(accounts).addArrayOfString(currencies).addArrayOfLong(amounts);
        return client.preparedQuery(POST).execute(args).onFailure().transform(e -> translate(e, transfer))
                .chain(rows -> {
                    Row row = rows.iterator().next();
                    long written = row.getLong("legs_written");
                    if (written == legs.size()) {
                        return Uni.createFrom().item(PostResult.CREATED);
                    }
                    if (written != 0) {
                        return Uni.createFrom().failure(new IllegalStateException("transfer " + transfer.id()
                                + " wrote " + written + " of " + legs.size() + " legs"));
                    }
                    Buffer stored = row.getBuffer("stored_hash");
                    // Null: the transfer was committed by a concurrent post after this statement's snapshot was taken.
                    Uni<Buffer> existing = stored != null
                            ? Uni.createFrom().item(stored)
                            : storedHash(client, transfer.id());
                    return existing.map(h -> {
                        if (!Arrays.equals(h.getBytes(), hash)) {
                            throw new LedgerException.IdempotencyConflict(transfer.id());
                        }
                        return PostResult.EXISTS;
                    });
                });
    }

    /**
     * Reverses a transfer: posts {@link LedgerPostings#reversal} of it under {@code reversalId} (idempotent like
     * {@link #post}: the same call again answers {@link PostResult#EXISTS}). Fails with
     * {@link LedgerException.UnknownTransfer}, or {@link LedgerException.AlreadyReversed} when another transfer reverses it.
     */
    public Uni<PostResult> reverse(UUID original, UUID reversalId, String reason) {
        return transfer(original).chain(found -> post(LedgerPostings.reversal(
                found.orElseThrow(() -> new LedgerException.UnknownTransfer(original, null)), reversalId, reason)));
    }

    /**
     * A posted transfer as it was requested, its content hash checked against the stored one (a mismatch fails with
     * {@link IllegalStateException}: the stored rows are not what was posted).
     */
    public Uni<Optional<TransferRequest>> transfer(UUID id) {
        return pool.preparedQuery(TRANSFER).execute(Tuple.of(id)).map(rows -> {
            RowIterator<Row> it = rows.iterator();
            if (!it.hasNext()) {
                return Optional.empty();
            }
            Row first = null;
            List<Leg> legs = new ArrayList<>();
            while (it.hasNext()) {
                Row row = it.next();
                if (first == null) {
                    first = row;
                }
                CurrencyUnit currency = CurrencyUnit.of(row.getString("currency"));
                Account account = new Account(row.getUUID("account_id"), row.getString("account_code"),
                        AccountKind.ofWire(row.getString("kind")), Optional.ofNullable(row.getUUID("account_partner")),
                        currency);
                legs.add(new Leg(account, Money.ofMinor(row.getLong("amount_minor"), currency)));
            }
            TransferRequest transfer = new TransferRequest(id, TransferCode.ofWire(first.getString("code")),
                    Optional.ofNullable(first.getUUID("reverses")), Optional.ofNullable(first.getUUID("partner_id")),
                    Optional.ofNullable(first.getString("period")).map(YearMonth::parse), first.getString("description"),
                    legs);
            if (!Arrays.equals(transfer.contentHash(), first.getBuffer("content_hash").getBytes())) {
                throw new IllegalStateException("ledger transfer " + id + " does not match its content hash");
            }
            return Optional.of(transfer);
        });
    }

    /** The balance of an account (the sum of its entries). Fails with {@link LedgerException.UnknownAccount}. */
    public Uni<Money> balance(UUID accountId) {
        return pool.preparedQuery("SELECT balance_minor, currency FROM ledger_account WHERE id = $1")
                .execute(Tuple.of(accountId)).map(rows -> {
                    RowIterator<Row> it = rows.iterator();
                    if (!it.hasNext()) {
                        throw new LedgerException.UnknownAccount(accountId.toString(), null);
                    }
                    Row row = it.next();
                    return Money.ofMinor(row.getLong("balance_minor"), CurrencyUnit.of(row.getString("currency")));
                });
    }

    /**
     * A page of an account's entries in (transfer id, seq) order, after {@code after} (from the start when empty), at most
     * {@code limit} (1..{@link #MAX_PAGE}); the next page starts after {@link Entry#cursor()} of the last one. An unknown
     * account has no entries.
     */
    public Uni<List<Entry>> entries(UUID accountId, Optional<EntryCursor> after, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            return Uni.createFrom().failure(new IllegalArgumentException("limit is 1.." + MAX_PAGE + ": " + limit));
        }
        UUID afterTransfer = after.map(EntryCursor::transferId).orElse(NO_TRANSFER);
        short afterSeq = after.map(c -> (short) c.seq()).orElse((short) -1);
        return pool.preparedQuery(ENTRIES).execute(Tuple.of(accountId, afterTransfer, afterSeq, limit)).map(rows -> {
            List<Entry> out = new ArrayList<>(rows.size());
            for (Row row : rows) {
                CurrencyUnit currency = CurrencyUnit.of(row.getString("currency"));
                out.add(new Entry(row.getUUID("transfer_id"), row.getShort("seq"), row.getUUID("account_id"),
                        Money.ofMinor(row.getLong("amount_minor"), currency), TransferCode.ofWire(row.getString("code")),
                        row.getOffsetDateTime("created_at").toInstant()));
            }
            return out;
        });
    }

    private Uni<Boolean> exists(Account account) {
        return pool.preparedQuery("SELECT 1 FROM ledger_account WHERE id = $1").execute(Tuple.of(account.id()))
                .map(rows -> rows.size() > 0);
    }

    private Uni<Account> open(Account account) {
        // A concurrent call may open the same account first: the insert then does nothing (it waits for that
        // transaction, so the row is committed by the time the existence is checked again).
        return pool.preparedQuery("INSERT INTO ledger_account (id, code, kind, partner_id, currency)"
                + " VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING")
                .execute(Tuple.tuple().addUUID(account.id()).addString(account.code()).addString(account.kind().wire())
                        .addUUID(account.partner().orElse(null)).addString(account.currency().code()))
                .onFailure(Ledger::unknownPartner)
                .transform(e -> new LedgerException.UnknownPartner(account.partner().orElseThrow(), e))
                .chain(inserted -> inserted.rowCount() == 1
                        ? Uni.createFrom().item(account)
                        : exists(account).map(found -> {
                            if (!found) {
                                throw new IllegalStateException("account code " + account.code()
                                        + " is held by a row with another id");
                            }
                            return account;
                        }));
    }

    private static Uni<Buffer> storedHash(SqlClient client, UUID id) {
        return client.preparedQuery("SELECT content_hash FROM ledger_transfer WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> {
                    RowIterator<Row> it = rows.iterator();
                    if (!it.hasNext()) {
                        throw new IllegalStateException("transfer " + id + " was neither written nor found");
                    }
                    return it.next().getBuffer("content_hash");
                });
    }

    private static boolean unknownPartner(Throwable e) {
        return e instanceof PgException pg && "23503".equals(pg.getSqlState())
                && "ledger_account_partner_fk".equals(pg.getConstraint());
    }

    private static Throwable translate(Throwable e, TransferRequest transfer) {
        if (!(e instanceof PgException pg) || pg.getConstraint() == null) {
            return e;
        }
        String state = pg.getSqlState();
        String constraint = pg.getConstraint();
        if ("23505".equals(state) && "ledger_transfer_reverses_key".equals(constraint)) {
            return new LedgerException.AlreadyReversed(transfer.reverses().orElseThrow(), e);
        }
        if ("23503".equals(state) && "ledger_transfer_reverses_fk".equals(constraint)) {
            return new LedgerException.UnknownTransfer(transfer.reverses().orElseThrow(), e);
        }
        if ("23503".equals(state) && "ledger_entry_account_fk".equals(constraint)) {
            return new LedgerException.UnknownAccount(pg.getDetail(), e);
        }
        if ("23514".equals(state) && "ledger_transfer_balanced".equals(constraint)) {
            return new LedgerException.Unbalanced(pg.getErrorMessage(), e);
        }
        return e;
    }
}

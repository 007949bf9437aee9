/**
 * The double-entry ledger: accounts per partner and for the operator, transfers of two or more legs that balance per
 * currency, reversals that point at what they correct.
 * <p>
 * <b>Invariants</b>, kept by PostgreSQL (migration V9) and checked in Java before anything is sent: every transfer
 * balances per currency and has exactly the legs it declares (checked at commit); transfers and entries are append-only
 * (a mistake is corrected by {@link io.peyk.billing.ledger.Ledger#reverse}, which negates every leg and can happen once
 * per original); an account's balance is the sum of its entries and its version their count; an entry's currency is its
 * account's. Amounts are integer minor units ({@link io.peyk.billing.money.Money}).
 * <p>
 * <b>Idempotency.</b> The caller chooses a transfer's id ({@link io.peyk.billing.ledger.TransferIds#next()}, or derived
 * from what it posts) and persists it with its own state before posting. Posting is one statement: the transfer row and
 * all its legs commit together or not at all, so a retry after any failure (timeout, crash, lost connection) is safe.
 * The same id with the same content (the canonical hash, {@link io.peyk.billing.ledger.LedgerPostings}) answers
 * {@link io.peyk.billing.ledger.PostResult#EXISTS} and writes nothing; the same id with other content is refused
 * ({@link io.peyk.billing.ledger.LedgerException.IdempotencyConflict}). Concurrent posts of one id write it once.
 * Account ids derive from their codes, so opening an account is idempotent too.
 * <p>
 * <b>Ordering.</b> Concurrent transfers over the same accounts serialise on the account rows, which the balance trigger
 * locks in id order (no deadlock whatever the order of legs). An account's entries are listed in (transfer id, seq)
 * order: with time-sortable ids that is roughly posting order, stable for paging, but a transfer committed late with an
 * older id can land before a cursor already passed, so the entry list is not a change feed.
 */
package io.peyk.billing.ledger;

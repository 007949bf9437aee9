package io.peyk.billing.ledger;

import java.time.Instant;
import java.util.UUID;

import io.peyk.billing.money.Money;

/**
 * One posted leg as stored: the {@code seq}-th leg of a transfer, on one account. Positive is a debit, negative a credit.
 *
 * @param transferId the transfer it belongs to
 * @param seq its index among the transfer's legs
 * @param accountId the account it moved
 * @param amount signed, in the account's currency
 * @param code why the transfer moved money
 * @param postedAt when the transfer was written (the database's clock at its transaction start)
 */
public record Entry(UUID transferId, int seq, UUID accountId, Money amount, TransferCode code, Instant postedAt) {

    /** The cursor of the page that ends with this entry. */
    public EntryCursor cursor() {
        return new EntryCursor(transferId, seq);
    }
}

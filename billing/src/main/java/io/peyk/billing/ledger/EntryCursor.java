package io.peyk.billing.ledger;

import java.util.Objects;
import java.util.UUID;

/**
 * Where a page of an account's entries ended: entries are listed by (transfer id, seq), and the next page starts after
 * this one ({@link Entry#cursor()} of the last entry of a page).
 */
public record EntryCursor(UUID transferId, int seq) {

    public EntryCursor {
        Objects.requireNonNull(transferId, "transferId");
        if (seq < 0 || seq >= LedgerPostings.MAX_LEGS) {
            throw new IllegalArgumentException("seq is 0.." + (LedgerPostings.MAX_LEGS - 1) + ": " + seq);
        }
    }
}

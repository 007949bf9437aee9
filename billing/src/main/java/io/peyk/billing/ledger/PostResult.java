package io.peyk.billing.ledger;

/** What posting a transfer did: wrote it, or found the same transfer (same id, same content) already written. */
public enum PostResult {
    CREATED, EXISTS
}

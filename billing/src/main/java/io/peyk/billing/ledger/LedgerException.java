package io.peyk.billing.ledger;

import java.util.UUID;

/**
 * A posting or query the ledger refuses, by reason. None of them is worth retrying as is: each says what is wrong with
 * the request (database and connection failures are not ledger exceptions, and a post of the same request may be
 * retried after them: it is idempotent).
 */
public abstract sealed class LedgerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private LedgerException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The transfer id is taken by a transfer of other content: a caller bug (ids are never reused), never a retry. */
    public static final class IdempotencyConflict extends LedgerException {

        private static final long serialVersionUID = 1L;
        private final UUID transferId;

        public IdempotencyConflict(UUID transferId) {
            super("transfer " + transferId + " already exists with other content", null);
            this.transferId = transferId;
        }

        public UUID transferId() {
            return transferId;
        }
    }

    /** The original already has a reversal (another transfer id): a transfer is reversed at most once. */
    public static final class AlreadyReversed extends LedgerException {

        private static final long serialVersionUID = 1L;
        private final UUID original;

        public AlreadyReversed(UUID original, Throwable cause) {
            super("transfer " + original + " is already reversed", cause);
            this.original = original;
        }

        public UUID original() {
            return original;
        }
    }

    /** No transfer has this id (the original of a reversal). */
    public static final class UnknownTransfer extends LedgerException {

        private static final long serialVersionUID = 1L;
        private final UUID transferId;

        public UnknownTransfer(UUID transferId, Throwable cause) {
            super("no ledger transfer " + transferId, cause);
            this.transferId = transferId;
        }

        public UUID transferId() {
            return transferId;
        }
    }

    /** An account a request names does not exist (in that currency); accounts are opened by {@code Ledger.account}. */
    public static final class UnknownAccount extends LedgerException {

        private static final long serialVersionUID = 1L;

        public UnknownAccount(String detail, Throwable cause) {
            super("unknown ledger account: " + detail, cause);
        }
    }

    /** The partner of a partner account does not exist. */
    public static final class UnknownPartner extends LedgerException {

        private static final long serialVersionUID = 1L;
        private final UUID partnerId;

        public UnknownPartner(UUID partnerId, Throwable cause) {
            super("no partner " + partnerId, cause);
            this.partnerId = partnerId;
        }

        public UUID partnerId() {
            return partnerId;
        }
    }

    /** The legs do not sum to zero in some currency (refused in Java before sending, and by PostgreSQL at commit). */
    public static final class Unbalanced extends LedgerException {

        private static final long serialVersionUID = 1L;

        public Unbalanced(String detail, Throwable cause) {
            super("unbalanced transfer: " + detail, cause);
        }
    }
}

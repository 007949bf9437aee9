package io.peyk.smpp.receipt;

/**
 * How an SMSC writes its message ids, set per connector and separately for submit_sm_resp and for receipts.
 */
public enum MessageIdFormat {

    /** Opaque text: trimmed, compared case-sensitively. */
    TEXT,
    /** Opaque text compared ignoring case: trimmed and lower-cased. */
    TEXT_IGNORE_CASE,
    /** An unsigned decimal number, possibly with leading zeros. */
    DECIMAL,
    /** An unsigned hexadecimal number (either case, no {@code 0x} prefix), possibly with leading zeros. */
    HEX;

    /** Whether ids in this format are numbers whose canonical key is their decimal value. */
    public boolean isNumeric() {
        return this == DECIMAL || this == HEX;
    }
}

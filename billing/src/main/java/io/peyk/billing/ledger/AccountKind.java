package io.peyk.billing.ledger;

/**
 * What a ledger account holds, with its wire value ({@code ledger_account.kind}) and the word that names it in account
 * codes. Partner kinds belong to one partner; the operator's kinds to none. Unknown wire values are refused: the
 * database admits only these.
 */
public enum AccountKind {

    /** What a partner owes the operator (messages, sponsored data). */
    PARTNER_RECEIVABLE("partner_receivable", "receivable", true),
    /** What the operator owes a partner (its share of data revenue). */
    PARTNER_PAYABLE("partner_payable", "payable", true),
    /** The operator's revenue from partners. */
    OPERATOR_REVENUE("operator_revenue", "revenue", false),
    /** The operator's expense: revenue shared with partners. */
    OPERATOR_EXPENSE("operator_expense", "expense", false),
    /** The operator's cash: settlements are paid into and out of it. */
    OPERATOR_CASH("operator_cash", "cash", false),
    /** Residue of the one rounding policy ({@link io.peyk.billing.money.Rounding}), so that nothing is lost or made up. */
    ROUNDING("rounding", "rounding", false),
    /** Money that cannot be attributed yet. */
    SUSPENSE("suspense", "suspense", false);

    private final String wire;
    private final String codeWord;
    private final boolean partnerScoped;

    AccountKind(String wire, String codeWord, boolean partnerScoped) {
        this.wire = wire;
        this.codeWord = codeWord;
        this.partnerScoped = partnerScoped;
    }

    /** The value stored in {@code ledger_account.kind}. */
    public String wire() {
        return wire;
    }

    /** The word naming the kind in an account code ({@code receivable} in {@code partner:<uuid>:receivable:IRR}). */
    public String codeWord() {
        return codeWord;
    }

    /** True when an account of this kind belongs to a partner (and then always to one). */
    public boolean partnerScoped() {
        return partnerScoped;
    }

    /** The kind of a stored wire value; unknown values are refused. */
    public static AccountKind ofWire(String wire) {
        for (AccountKind kind : values()) {
            if (kind.wire.equals(wire)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown ledger account kind: " + wire);
    }
}

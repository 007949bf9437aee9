package io.peyk.billing.ledger;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import io.peyk.billing.money.CurrencyUnit;

/**
 * A ledger account: one kind, for one partner or for the operator, in one currency. Its code spells those out
 * ({@code partner:<uuid>:receivable:IRR}, {@code operator:revenue:IRR}) and its id is derived from the code (a name-based
 * UUID, version 5, in a namespace of Peyk's), so that the same account has the same id in every database and replaying
 * postings into an empty ledger gives the same rows.
 *
 * @param id {@link #idOf(String)} of the code
 * @param code {@link #codeOf(AccountKind, Optional, CurrencyUnit)}
 * @param kind what the account holds
 * @param partner the partner of a partner-scoped kind; empty for the operator's accounts
 * @param currency the only currency of its entries ({@link CurrencyUnit#of(String)} of its code)
 */
public record Account(UUID id, String code, AccountKind kind, Optional<UUID> partner, CurrencyUnit currency) {

    /** The namespace of account ids (RFC 9562 name-based UUIDs). */
    static final UUID NAMESPACE = UUID.fromString("a121fc04-cca0-4797-8d01-7c703748d6bd");

    public Account {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(partner, "partner");
        Objects.requireNonNull(currency, "currency");
        if (kind.partnerScoped() != partner.isPresent()) {
            throw new IllegalArgumentException(kind.partnerScoped()
                    ? kind + " accounts belong to a partner"
                    : kind + " accounts belong to the operator, not to a partner");
        }
        if (!CurrencyUnit.of(currency.code()).equals(currency)) {
            throw new IllegalArgumentException("not the standard unit of " + currency.code() + ": scale "
                    + currency.scale());
        }
        String expected = codeOf(kind, partner, currency);
        if (!expected.equals(code)) {
            throw new IllegalArgumentException("account code " + code + " should be " + expected);
        }
        if (!idOf(expected).equals(id)) {
            throw new IllegalArgumentException("account id " + id + " is not derived from its code " + code);
        }
    }

    /** The account of a kind, partner (for partner kinds) and currency. */
    public static Account of(AccountKind kind, Optional<UUID> partner, CurrencyUnit currency) {
        String code = codeOf(kind, partner, currency);
        return new Account(idOf(code), code, kind, partner, currency);
    }

    /** A partner's account of a partner-scoped kind. */
    public static Account partner(AccountKind kind, UUID partner, CurrencyUnit currency) {
        return of(kind, Optional.of(partner), currency);
    }

    /** The operator's account of an operator kind. */
    public static Account operator(AccountKind kind, CurrencyUnit currency) {
        return of(kind, Optional.empty(), currency);
    }

    /** {@code partner:<uuid>:<word>:<currency>} or {@code operator:<word>:<currency>}. */
    public static String codeOf(AccountKind kind, Optional<UUID> partner, CurrencyUnit currency) {
        String owner = partner.map(p -> "partner:" + p).orElse("operator");
        return owner + ":" + kind.codeWord() + ":" + currency.code();
    }

    /** The name-based UUID (version 5: SHA-1 of the namespace and the UTF-8 code) of an account code. */
    public static UUID idOf(String code) {
        return TransferIds.nameBased(NAMESPACE, code);
    }
}

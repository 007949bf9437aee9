package io.peyk.billing.posting;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import io.peyk.billing.ledger.Account;
import io.peyk.billing.ledger.AccountKind;
import io.peyk.billing.ledger.LedgerPostings;
import io.peyk.billing.ledger.TransferCode;
import io.peyk.billing.ledger.TransferRequest;
import io.peyk.billing.money.CurrencyUnit;
import io.peyk.billing.money.MixedCurrencyException;
import io.peyk.billing.money.Money;
import io.peyk.billing.rating.RatedLine;

/**
 * What one posting adds to a period: per line key, the rated line minus what was posted before (keys no longer rated are
 * taken back), and the change of the ledger totals. Posting it makes the period's posted lines equal its rated lines, so
 * posting the delta of the same usage again changes nothing.
 *
 * @param currency the one currency of the period
 * @param lines the changed lines, in key order (unchanged keys left out)
 * @param change the change of the ledger totals
 */
public record PeriodDelta(CurrencyUnit currency, List<PostedLine> lines, PostedTotals change) {

    public PeriodDelta {
        lines = List.copyOf(lines);
    }

    /**
     * The delta between a period's rated lines and what has been posted for it ({@code posted}: one sum per key;
     * {@code postedTotals}: the sum of earlier changes). Empty when nothing has been rated or posted. Fails with
     * {@link MixedCurrencyException} when the rated and posted currencies differ.
     */
    public static Optional<PeriodDelta> between(List<RatedLine> rated, Collection<PostedLine> posted,
            Optional<PostedTotals> postedTotals) {
        CurrencyUnit currency = null;
        for (RatedLine line : rated) {
            currency = same(currency, line.amount().currency());
        }
        for (PostedLine line : posted) {
            currency = same(currency, line.amount().currency());
        }
        if (postedTotals.isPresent()) {
            currency = same(currency, postedTotals.get().charges().currency());
        }
        if (currency == null) {
            return Optional.empty();
        }
        Map<LineKey, PostedLine> changes = new TreeMap<>();
        Map<LineKey, PostedLine> before = new TreeMap<>();
        for (PostedLine p : posted) {
            if (before.put(p.key(), p) != null) {
                throw new IllegalArgumentException("posted lines must be one sum per key: " + p.key());
            }
        }
        for (RatedLine r : rated) {
            PostedLine now = PostedLine.of(r);
            PostedLine was = before.remove(now.key());
            PostedLine change = was == null ? now : now.minus(was);
            if (!change.isZero()) {
                changes.put(now.key(), change);
            }
        }
        for (PostedLine gone : before.values()) {
            if (!gone.isZero()) {
                changes.put(gone.key(), gone.negate());
            }
        }
        PostedTotals target = PostedTotals.of(rated, currency);
        PostedTotals change = target.minus(postedTotals.orElse(PostedTotals.zero(currency)));
        return Optional.of(new PeriodDelta(currency, new ArrayList<>(changes.values()), change));
    }

    /** True when posting it would change nothing. */
    public boolean isEmpty() {
        return lines.isEmpty() && change.isZero();
    }

    /** True when it moves money (a ledger transfer); a quantity-only change has no transfer. */
    public boolean movesMoney() {
        return !change.isZero();
    }

    /**
     * The ledger transfer of this delta for a partner: the partner's receivable against the operator's revenue (charges),
     * the operator's expense against the partner's payable (its share of data revenue), and the difference of the two
     * roundings on the rounding account. Zero legs are left out.
     */
    public TransferRequest transfer(UUID id, TransferCode code, UUID partner, YearMonth postedPeriod,
            String description) {
        if (!movesMoney()) {
            throw new IllegalStateException("a delta that moves no money has no transfer");
        }
        LedgerPostings.Builder b = LedgerPostings.transfer(id, code).partner(partner).period(postedPeriod)
                .description(description);
        leg(b, Account.partner(AccountKind.PARTNER_RECEIVABLE, partner, currency), change.charges());
        leg(b, Account.operator(AccountKind.OPERATOR_REVENUE, currency), change.revenue().negate());
        leg(b, Account.operator(AccountKind.OPERATOR_EXPENSE, currency), change.expense());
        leg(b, Account.partner(AccountKind.PARTNER_PAYABLE, partner, currency), change.share().negate());
        leg(b, Account.operator(AccountKind.ROUNDING, currency), change.rounding());
        return b.build();
    }

    /** The accounts a transfer of this delta may touch (to open them before posting). */
    public static List<Account> accounts(UUID partner, CurrencyUnit currency) {
        return List.of(Account.partner(AccountKind.PARTNER_RECEIVABLE, partner, currency),
                Account.operator(AccountKind.OPERATOR_REVENUE, currency),
                Account.operator(AccountKind.OPERATOR_EXPENSE, currency),
                Account.partner(AccountKind.PARTNER_PAYABLE, partner, currency),
                Account.operator(AccountKind.ROUNDING, currency));
    }

    private static void leg(LedgerPostings.Builder b, Account account, Money signed) {
        if (!signed.isZero()) {
            b.leg(account, signed);
        }
    }

    private static CurrencyUnit same(CurrencyUnit known, CurrencyUnit next) {
        if (known != null && !known.equals(next)) {
            throw new MixedCurrencyException(known, next);
        }
        return next;
    }
}

package io.peyk.billing.ledger;

import java.time.YearMonth;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A transfer to post (or one read back): legs that balance per currency, why ({@code code}), and what it is about.
 * Every instance is valid: two to {@link LedgerPostings#MAX_LEGS} legs balancing per currency
 * ({@link LedgerPostings#requireBalanced(List)}), a reversal and only a reversal points at another transfer, every
 * partner account among the legs belongs to {@code partner}, and the description is one line of at most
 * {@link LedgerPostings#MAX_DESCRIPTION_CHARS} characters. Build one with {@link LedgerPostings#transfer(UUID, TransferCode)}.
 *
 * @param id chosen by the caller before posting, time-sortable ({@link TransferIds#next()}) or derived from what it
 *     posts; the same id always means the same transfer
 * @param code why money moves
 * @param reverses the transfer a {@link TransferCode#REVERSAL} negates
 * @param partner the partner the transfer is about
 * @param period the billing month (in the partner's zone) the transfer belongs to
 * @param description free text for people, one line
 * @param legs in order: a leg's index is its {@code seq}
 */
public record TransferRequest(UUID id, TransferCode code, Optional<UUID> reverses, Optional<UUID> partner,
        Optional<YearMonth> period, String description, List<Leg> legs) {

    public TransferRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(reverses, "reverses");
        Objects.requireNonNull(partner, "partner");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(description, "description");
        legs = List.copyOf(legs);
        if ((code == TransferCode.REVERSAL) != reverses.isPresent()) {
            throw new IllegalArgumentException("a reversal, and only a reversal, names the transfer it reverses");
        }
        if (reverses.isPresent() && reverses.get().equals(id)) {
            throw new IllegalArgumentException("a transfer cannot reverse itself");
        }
        if (period.isPresent() && (period.get().getYear() < 1 || period.get().getYear() > 9999)) {
            throw new IllegalArgumentException("a period's year is 1..9999: " + period.get());
        }
        LedgerPostings.requireDescription(description);
        if (legs.size() < 2 || legs.size() > LedgerPostings.MAX_LEGS) {
            throw new IllegalArgumentException("a transfer has 2.." + LedgerPostings.MAX_LEGS + " legs: " + legs.size());
        }
        for (Leg leg : legs) {
            Optional<UUID> owner = leg.account().partner();
            if (owner.isPresent() && !owner.equals(partner)) {
                throw new IllegalArgumentException("account " + leg.account().code() + " belongs to another partner"
                        + " than the transfer's (" + partner.map(UUID::toString).orElse("none") + ")");
            }
        }
        LedgerPostings.requireBalanced(legs);
    }

    /** SHA-256 of the canonical content ({@link LedgerPostings#contentHash(TransferRequest)}). */
    public byte[] contentHash() {
        return LedgerPostings.contentHash(this);
    }
}

package io.peyk.billing.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.peyk.billing.money.CurrencyUnit;
import io.peyk.billing.money.MixedCurrencyException;
import io.peyk.billing.money.Money;

class LedgerPostingsTest {

    private static final CurrencyUnit IRR = CurrencyUnit.IRR;
    private static final CurrencyUnit USD = CurrencyUnit.of("USD");
    private static final UUID PARTNER = UUID.fromString("11111111-2222-4333-8444-555555555555");
    private static final UUID OTHER_PARTNER = UUID.fromString("99999999-2222-4333-8444-555555555555");
    private static final UUID TRANSFER = UUID.fromString("0190f5d2-0000-7000-8000-000000000001");
    private static final Account RECEIVABLE = Account.partner(AccountKind.PARTNER_RECEIVABLE, PARTNER, IRR);
    private static final Account REVENUE = Account.operator(AccountKind.OPERATOR_REVENUE, IRR);

    private static TransferRequest usage() {
        return LedgerPostings.transfer(TRANSFER, TransferCode.USAGE).partner(PARTNER).period(YearMonth.of(2026, 11))
                .description("usage 2026-11 ott.message").debit(RECEIVABLE, Money.ofMinor(1500, IRR))
                .credit(REVENUE, Money.ofMinor(1500, IRR)).build();
    }

    @Test
    void accountCodesSpellOutKindPartnerAndCurrencyAndIdsAreNameBasedUuids() {
        assertThat(RECEIVABLE.code()).isEqualTo("partner:11111111-2222-4333-8444-555555555555:receivable:IRR");
        assertThat(REVENUE.code()).isEqualTo("operator:revenue:IRR");
        // Golden values: RFC 9562 version 5 in the namespace a121fc04-cca0-4797-8d01-7c703748d6bd (Python uuid.uuid5).
        assertThat(RECEIVABLE.id()).isEqualTo(UUID.fromString("5e3b13b1-371e-5321-ba6a-1c1c21e652e3"));
        assertThat(REVENUE.id()).isEqualTo(UUID.fromString("57a8e2c0-7821-5b57-9e66-f257ec3b252b"));
        assertThat(Account.operator(AccountKind.ROUNDING, USD).id())
                .isEqualTo(UUID.fromString("64f616e4-989f-59f1-8cb0-b62a20cb1311"));
        assertThat(RECEIVABLE.id().version()).isEqualTo(5);
    }

    @Test
    void accountsBelongToAPartnerExactlyWhenTheirKindSaysSo() {
        assertThatThrownBy(() -> Account.of(AccountKind.PARTNER_PAYABLE, Optional.empty(), IRR))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("belong to a partner");
        assertThatThrownBy(() -> Account.of(AccountKind.SUSPENSE, Optional.of(PARTNER), IRR))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("operator");
        assertThatThrownBy(() -> Account.operator(AccountKind.ROUNDING, new CurrencyUnit("USD", 4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("standard unit");
        assertThatThrownBy(() -> new Account(UUID.randomUUID(), REVENUE.code(), AccountKind.OPERATOR_REVENUE,
                Optional.empty(), IRR)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not derived");
        assertThatThrownBy(() -> new Account(REVENUE.id(), "operator:revenue:USD", AccountKind.OPERATOR_REVENUE,
                Optional.empty(), IRR)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("should be");
        for (AccountKind kind : AccountKind.values()) {
            assertThat(AccountKind.ofWire(kind.wire())).isSameAs(kind);
        }
        assertThatThrownBy(() -> AccountKind.ofWire("asset")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TransferCode.ofWire("refund")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void canonicalBytesAreByteExact() {
        String expected = "00177065796b2e6c65646765722e7472616e736665722e7631" // str "peyk.ledger.transfer.v1"
                + "00057573616765" // str "usage"
                + "00" // no reverses
                + "01" + "11111111222243338444555555555555" // partner
                + "01" + "0007323032362d3131" // period "2026-11"
                + "0019757361676520323032362d3131206f74742e6d657373616765" // description
                + "02" // legs
                + "5e3b13b1371e5321ba6a1c1c21e652e3" + "0003495252" + "00000000000005dc" // receivable, IRR, +1500
                + "57a8e2c078215b579e66f257ec3b252b" + "0003495252" + "fffffffffffffa24"; // revenue, IRR, -1500
        assertThat(Hex.of(LedgerPostings.canonicalBytes(usage()))).isEqualTo(expected);
        // SHA-256 of those bytes (computed independently with Python hashlib).
        assertThat(Hex.of(usage().contentHash()))
                .isEqualTo("717ea52a3ed61b7bad6b8cd48e96aa101aa0ecf438a17af063cc1932df23fc41");
    }

    @Test
    void aReversalNegatesEveryLegInOrderAndPointsAtTheOriginal() {
        UUID reversalId = UUID.fromString("0190f5d2-0000-7000-8000-000000000002");
        TransferRequest reversal = LedgerPostings.reversal(usage(), reversalId, "wrong tariff");
        assertThat(reversal.code()).isEqualTo(TransferCode.REVERSAL);
        assertThat(reversal.reverses()).contains(TRANSFER);
        assertThat(reversal.partner()).contains(PARTNER);
        assertThat(reversal.period()).contains(YearMonth.of(2026, 11));
        assertThat(reversal.description()).isEqualTo("wrong tariff");
        assertThat(reversal.legs()).containsExactly(new Leg(RECEIVABLE, Money.ofMinor(-1500, IRR)),
                new Leg(REVENUE, Money.ofMinor(1500, IRR)));
        assertThat(Hex.of(reversal.contentHash()))
                .isEqualTo("b2d8325de71a9bec7683246117d50073f5e9878248d9b5ea6334aae81f72ac8e");
        assertThatThrownBy(() -> LedgerPostings.reversal(usage(), reversalId, " "))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LedgerPostings.reversal(usage(), TRANSFER, "itself"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("itself");
    }

    @Test
    void unbalancedTransfersAreRefusedPerCurrency() {
        Account usdRounding = Account.operator(AccountKind.ROUNDING, USD);
        Account usdSuspense = Account.operator(AccountKind.SUSPENSE, USD);
        assertThatThrownBy(() -> LedgerPostings.transfer(TRANSFER, TransferCode.USAGE).partner(PARTNER)
                .debit(RECEIVABLE, Money.ofMinor(1500, IRR)).credit(REVENUE, Money.ofMinor(1499, IRR)).build())
                .isInstanceOf(LedgerException.Unbalanced.class).hasMessageContaining("1500").hasMessageContaining("1499");
        // Balanced in IRR, but not in USD: an IRR surplus never pays for a USD gap.
        assertThatThrownBy(() -> LedgerPostings.transfer(TRANSFER, TransferCode.ADJUSTMENT).partner(PARTNER)
                .debit(RECEIVABLE, Money.ofMinor(100, IRR)).credit(REVENUE, Money.ofMinor(100, IRR))
                .debit(usdRounding, Money.ofMinor(7, USD)).credit(usdSuspense, Money.ofMinor(6, USD)).build())
                .isInstanceOf(LedgerException.Unbalanced.class).hasMessageContaining("USD");
        TransferRequest both = LedgerPostings.transfer(TRANSFER, TransferCode.ADJUSTMENT).partner(PARTNER)
                .debit(RECEIVABLE, Money.ofMinor(100, IRR)).credit(REVENUE, Money.ofMinor(100, IRR))
                .debit(usdRounding, Money.ofMinor(7, USD)).credit(usdSuspense, Money.ofMinor(7, USD)).build();
        assertThat(both.legs()).hasSize(4);
        // Debits of Long.MAX_VALUE and 1 balance credits of the same, but move more than a long one way.
        assertThatThrownBy(() -> LedgerPostings.transfer(TRANSFER, TransferCode.USAGE)
                .debit(usdRounding, Money.ofMinor(Long.MAX_VALUE, USD)).debit(usdRounding, Money.ofMinor(1, USD))
                .credit(usdSuspense, Money.ofMinor(Long.MAX_VALUE, USD)).credit(usdSuspense, Money.ofMinor(1, USD))
                .build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("each way");
    }

    @Test
    void legsAreNonZeroInTheirAccountsCurrencyAndNegatable() {
        assertThatThrownBy(() -> new Leg(REVENUE, Money.ofMinor(5, USD))).isInstanceOf(MixedCurrencyException.class);
        assertThatThrownBy(() -> new Leg(REVENUE, Money.zero(IRR))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Leg(REVENUE, Money.ofMinor(Long.MIN_VALUE, IRR)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LedgerPostings.transfer(TRANSFER, TransferCode.USAGE).debit(REVENUE,
                Money.ofMinor(-5, IRR))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThat(new Leg(REVENUE, Money.ofMinor(5, IRR)).isDebit()).isTrue();
        assertThat(new Leg(REVENUE, Money.ofMinor(-5, IRR)).isDebit()).isFalse();
    }

    @Test
    void shapeRulesAreEnforced() {
        Leg debit = new Leg(RECEIVABLE, Money.ofMinor(10, IRR));
        Leg credit = new Leg(REVENUE, Money.ofMinor(-10, IRR));
        Optional<UUID> partner = Optional.of(PARTNER);
        Optional<YearMonth> period = Optional.empty();
        assertThatThrownBy(() -> new TransferRequest(TRANSFER, TransferCode.USAGE, Optional.empty(), partner, period, "",
                List.of(new Leg(REVENUE, Money.ofMinor(10, IRR))))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2..64");
        List<Leg> many = new ArrayList<>();
        for (int i = 0; i < 65; i++) {
            many.add(new Leg(REVENUE, Money.ofMinor(i < 64 ? 1 : -64, IRR)));
        }
        assertThatThrownBy(() -> new TransferRequest(TRANSFER, TransferCode.USAGE, Optional.empty(), partner, period, "",
                many)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("65");
        assertThatThrownBy(() -> new TransferRequest(TRANSFER, TransferCode.REVERSAL, Optional.empty(), partner, period,
                "", List.of(debit, credit))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TransferRequest(TRANSFER, TransferCode.ADJUSTMENT,
                Optional.of(UUID.randomUUID()), partner, period, "", List.of(debit, credit)))
                .isInstanceOf(IllegalArgumentException.class);
        // A partner account only in a transfer about its partner.
        assertThatThrownBy(() -> new TransferRequest(TRANSFER, TransferCode.USAGE, Optional.empty(),
                Optional.of(OTHER_PARTNER), period, "", List.of(debit, credit)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another partner");
        assertThatThrownBy(() -> new TransferRequest(TRANSFER, TransferCode.USAGE, Optional.empty(), Optional.empty(),
                period, "", List.of(debit, credit))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TransferRequest(TRANSFER, TransferCode.USAGE, Optional.empty(), partner, period,
                "x".repeat(501), List.of(debit, credit))).isInstanceOf(IllegalArgumentException.class);
        assertThat(new TransferRequest(TRANSFER, TransferCode.USAGE, Optional.empty(), partner, period,
                "\u06cc".repeat(500), List.of(debit, credit)).description()).hasSize(500);
        assertThatThrownBy(() -> new TransferRequest(TRANSFER, TransferCode.USAGE, Optional.empty(), partner, period,
                "two\nlines", List.of(debit, credit))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TransferRequest(TRANSFER, TransferCode.USAGE, Optional.empty(), partner,
                Optional.of(YearMonth.of(10000, 1)), "", List.of(debit, credit)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void randomBalancedTransfersBuildAndAnyChangeOfContentChangesTheHash() {
        Random random = new Random(20261101L);
        List<Account> accounts = new ArrayList<>();
        for (CurrencyUnit currency : List.of(IRR, USD)) {
            accounts.add(Account.partner(AccountKind.PARTNER_RECEIVABLE, PARTNER, currency));
            accounts.add(Account.partner(AccountKind.PARTNER_PAYABLE, PARTNER, currency));
            accounts.add(Account.operator(AccountKind.OPERATOR_REVENUE, currency));
            accounts.add(Account.operator(AccountKind.OPERATOR_EXPENSE, currency));
            accounts.add(Account.operator(AccountKind.ROUNDING, currency));
        }
        for (int i = 0; i < 5_000; i++) {
            List<Leg> legs = randomBalancedLegs(random, accounts);
            TransferRequest t = new TransferRequest(UUID.randomUUID(), TransferCode.USAGE, Optional.empty(),
                    Optional.of(PARTNER), Optional.of(YearMonth.of(2026, 1 + random.nextInt(12))), "t" + i, legs);
            TransferRequest copy = new TransferRequest(UUID.randomUUID(), t.code(), t.reverses(), t.partner(),
                    t.period(), t.description(), new ArrayList<>(t.legs()));
            assertThat(copy.contentHash()).isEqualTo(t.contentHash());

            // One leg off by one minor unit: refused.
            List<Leg> off = new ArrayList<>(legs);
            int k = random.nextInt(off.size());
            Leg leg = off.get(k);
            long changed = leg.amount().minor() == 1 ? 2 : leg.amount().minor() - 1;
            off.set(k, new Leg(leg.account(), Money.ofMinor(changed, leg.amount().currency())));
            assertThatThrownBy(() -> new TransferRequest(t.id(), t.code(), t.reverses(), t.partner(), t.period(),
                    t.description(), off)).isInstanceOf(LedgerException.Unbalanced.class);

            // Reordered legs, another description or period: another content.
            List<Leg> reordered = new ArrayList<>(legs);
            Collections.rotate(reordered, 1);
            if (!reordered.equals(legs)) {
                assertThat(new TransferRequest(t.id(), t.code(), t.reverses(), t.partner(), t.period(), t.description(),
                        reordered).contentHash()).isNotEqualTo(t.contentHash());
            }
            assertThat(new TransferRequest(t.id(), t.code(), t.reverses(), t.partner(), t.period(), t.description() + ".",
                    legs).contentHash()).isNotEqualTo(t.contentHash());
            assertThat(new TransferRequest(t.id(), TransferCode.ADJUSTMENT, t.reverses(), t.partner(), Optional.empty(),
                    t.description(), legs).contentHash()).isNotEqualTo(t.contentHash());
            // A reversal of a reversal restores the original legs.
            TransferRequest reversal = LedgerPostings.reversal(t, UUID.randomUUID(), "undo");
            assertThat(LedgerPostings.reversal(reversal, UUID.randomUUID(), "redo").legs()).isEqualTo(t.legs());
        }
    }

    /** 2..9 legs over random accounts: random ones, then one closing each currency they use; no zero leg. */
    static List<Leg> randomBalancedLegs(Random random, List<Account> accounts) {
        int n = 1 + random.nextInt(7);
        List<Leg> legs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Account account = accounts.get(random.nextInt(accounts.size()));
            long amount = 1 + random.nextInt(1_000_000_000);
            legs.add(new Leg(account, Money.ofMinor(random.nextBoolean() ? amount : -amount, account.currency())));
        }
        for (CurrencyUnit currency : List.of(IRR, USD)) {
            long sum = 0;
            for (Leg leg : legs) {
                if (leg.amount().currency().equals(currency)) {
                    sum += leg.amount().minor();
                }
            }
            if (sum != 0) {
                List<Account> candidates = accounts.stream().filter(a -> a.currency().equals(currency)).toList();
                legs.add(new Leg(candidates.get(random.nextInt(candidates.size())), Money.ofMinor(-sum, currency)));
            }
        }
        return legs;
    }
}

package io.peyk.billing.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Random;

import org.junit.jupiter.api.Test;

class MoneyTest {

    private static final CurrencyUnit USD = CurrencyUnit.of("usd");

    @Test
    void currenciesKnowTheirMinorUnit() {
        assertThat(CurrencyUnit.IRR.scale()).isZero();
        assertThat(USD).isEqualTo(new CurrencyUnit("USD", 2));
        assertThatThrownBy(() -> CurrencyUnit.of("XYZ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mixedCurrenciesAreRefused() {
        Money rials = Money.ofMinor(1000, CurrencyUnit.IRR);
        Money dollars = Money.ofMinor(1000, USD);
        assertThatThrownBy(() -> rials.plus(dollars)).isInstanceOf(MixedCurrencyException.class);
        assertThatThrownBy(() -> rials.compareTo(dollars)).isInstanceOf(MixedCurrencyException.class);
    }

    @Test
    void arithmeticIsExactAndOverflowFails() {
        assertThat(Money.ofExact(new BigDecimal("12.50"), USD).minor()).isEqualTo(1250);
        assertThatThrownBy(() -> Money.ofExact(new BigDecimal("12.505"), USD))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.ofMinor(Long.MAX_VALUE, USD).plus(Money.ofMinor(1, USD)))
                .isInstanceOf(ArithmeticException.class);
        assertThat(Money.ofMinor(1250, USD).toString()).isEqualTo("12.50 USD");
    }

    @Test
    void roundingIsHalfEvenAndAmountPlusResidueIsTheExactAmount() {
        assertThat(Rounding.round(new BigDecimal("0.5"), CurrencyUnit.IRR).amount().minor()).isZero();
        assertThat(Rounding.round(new BigDecimal("1.5"), CurrencyUnit.IRR).amount().minor()).isEqualTo(2);
        assertThat(Rounding.round(new BigDecimal("0.175"), USD).amount().minor()).isEqualTo(18);
        Random random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            BigDecimal exact = BigDecimal.valueOf(random.nextLong() % 1_000_000_000_000L, random.nextInt(9));
            CurrencyUnit currency = random.nextBoolean() ? CurrencyUnit.IRR : USD;
            Rounding.Rounded r = Rounding.round(exact, currency);
            assertThat(r.amount().toDecimal().add(r.residue())).isEqualByComparingTo(exact);
            assertThat(r.residue().abs().multiply(BigDecimal.TEN.pow(currency.scale())))
                    .isLessThanOrEqualTo(new BigDecimal("0.5"));
        }
    }
}

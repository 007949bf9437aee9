package io.peyk.billing.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.peyk.billing.money.CurrencyUnit;
import io.peyk.billing.money.MixedCurrencyException;
import io.peyk.billing.money.Money;

class RatingTest {

    private static final UUID PARTNER = UUID.randomUUID();
    private static final Instant NOV = Instant.parse("2026-10-31T20:30:00Z");
    private static final GraduatedPrice SMS = new GraduatedPrice(List.of(Tier.upTo(1000, "100"), Tier.rest("80")));

    private static TariffHistory tariffs(Tariff... versions) {
        return new TariffHistory(List.of(versions));
    }

    private static Tariff v1() {
        return new Tariff(PARTNER, 1, NOV, CurrencyUnit.IRR, Map.of(Meter.SMS_SEGMENT, SMS, Meter.OTT_MESSAGE,
                GraduatedPrice.flat("2.5"), Meter.DATA_REVENUE_SHARE, GraduatedPrice.flat("1000")), new BigDecimal("30"));
    }

    private static Usage u(Meter m, int hour, String quantity) {
        return new Usage(m, NOV.plusSeconds(hour * 3600L), new BigDecimal(quantity));
    }

    @Test
    void linesPerTierWithTheirRateAndSharesAndANetSettlement() {
        List<RatedLine> lines = Rating.rate(List.of(u(Meter.SMS_SEGMENT, 1, "600"), u(Meter.SMS_SEGMENT, 2, "600"),
                u(Meter.OTT_MESSAGE, 3, "3"), u(Meter.DATA_REVENUE_SHARE, 4, "10.5")), tariffs(v1()));
        assertThat(lines).extracting(l -> l.meter() + " t" + l.tier() + " " + l.quantity().stripTrailingZeros()
                .toPlainString() + " x " + l.unitPrice() + " = " + l.amount().minor()).containsExactly(
                        "SMS_SEGMENT t0 1000 x 100 = 100000", "SMS_SEGMENT t1 200 x 80 = 16000",
                        "OTT_MESSAGE t0 3 x 2.5 = 8", "DATA_REVENUE_SHARE t0 10.5 x 1000 = 10500");
        RatedLine ott = lines.get(2);
        assertThat(ott.residue()).isEqualByComparingTo("-0.5"); // 7.5 rounds half-even to 8
        RatedLine data = lines.get(3);
        assertThat(data.partnerShare().minor()).isEqualTo(3150);
        assertThat(data.operatorShare().minor()).isEqualTo(7350);

        Settlement s = Settlement.of(lines, CurrencyUnit.IRR);
        assertThat(s.partnerOwes().minor()).isEqualTo(116_008);
        assertThat(s.operatorOwes().minor()).isEqualTo(3150);
        assertThat(s.net().minor()).isEqualTo(112_858);
        assertThat(s.direction()).isEqualTo(Settlement.Direction.PARTNER_PAYS_OPERATOR);
    }

    @Test
    void aNewVersionPricesLaterBucketsWithoutResettingTheVolume() {
        Tariff v2 = new Tariff(PARTNER, 2, NOV.plusSeconds(10 * 3600), CurrencyUnit.IRR,
                Map.of(Meter.SMS_SEGMENT, new GraduatedPrice(List.of(Tier.upTo(1000, "90"), Tier.rest("70")))),
                new BigDecimal("30"));
        List<RatedLine> lines = Rating.rate(List.of(u(Meter.SMS_SEGMENT, 1, "800"), u(Meter.SMS_SEGMENT, 11, "400")),
                tariffs(v1(), v2));
        assertThat(lines).extracting(l -> "v" + l.tariffVersion() + " t" + l.tier() + " " + l.amount().minor())
                .containsExactly("v1 t0 80000", "v2 t0 18000", "v2 t1 14000");
    }

    @Test
    void theOrderUsageArrivesInDoesNotChangeTheLinesAndLinesSumToTheExactTotalMinusResidue() {
        Random random = new Random(5);
        for (int run = 0; run < 500; run++) {
            List<Usage> usage = new ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(40); i++) {
                Meter m = Meter.values()[random.nextInt(Meter.values().length)];
                usage.add(new Usage(m, NOV.plusSeconds(3600L * random.nextInt(700)),
                        BigDecimal.valueOf(random.nextInt(5_000_000), random.nextInt(4))));
            }
            List<RatedLine> lines = Rating.rate(usage, tariffs(v1()));
            List<Usage> shuffled = new ArrayList<>(usage);
            Collections.shuffle(shuffled, random);
            assertThat(Rating.rate(shuffled, tariffs(v1()))).isEqualTo(lines);
            for (RatedLine l : lines) {
                assertThat(l.amount().toDecimal().add(l.residue()))
                        .isEqualByComparingTo(l.quantity().multiply(l.unitPrice()));
                assertThat(l.operatorShare().plus(l.partnerShare())).isEqualTo(l.amount());
            }
            Settlement s = Settlement.of(lines, CurrencyUnit.IRR);
            Money charges = lines.stream().filter(l -> l.meter().direction() == Meter.Direction.PARTNER_PAYS)
                    .map(RatedLine::amount).reduce(Money.zero(CurrencyUnit.IRR), Money::plus);
            assertThat(s.partnerOwes()).isEqualTo(charges);
        }
    }

    @Test
    void mixedCurrenciesInOnePeriodAreRefused() {
        Tariff dollars = new Tariff(PARTNER, 2, NOV.plusSeconds(3600 * 5), CurrencyUnit.of("USD"),
                Map.of(Meter.SMS_SEGMENT, SMS), BigDecimal.ZERO);
        assertThatThrownBy(() -> Rating.rate(List.of(u(Meter.SMS_SEGMENT, 1, "1"), u(Meter.SMS_SEGMENT, 6, "1")),
                tariffs(v1(), dollars))).isInstanceOf(MixedCurrencyException.class);
    }
}

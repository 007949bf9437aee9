package io.peyk.billing.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.peyk.billing.money.CurrencyUnit;

class GraduatedPriceTest {

    private static final GraduatedPrice SMS = new GraduatedPrice(
            List.of(Tier.upTo(10_000, "100"), Tier.upTo(100_000, "80"), Tier.rest("60.5")));

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    void eachUnitCostsTheTierItFallsIn() {
        assertThat(SMS.price(d("0"), d("10000"))).isEqualByComparingTo("1000000");
        assertThat(SMS.price(d("0"), d("10001"))).isEqualByComparingTo("1000080");
        assertThat(SMS.price(d("9999.5"), d("10000.5"))).as("fractional usage across a tier edge")
                .isEqualByComparingTo("90");
        assertThat(SMS.price(d("100000"), d("100002"))).isEqualByComparingTo("121.0");
        assertThat(SMS.price(d("5"), d("5"))).isEqualByComparingTo("0");
    }

    @Test
    void ratingPiecesOneByOneCostsExactlyTheirSum() {
        Random random = new Random(11);
        for (int run = 0; run < 2_000; run++) {
            BigDecimal volume = BigDecimal.ZERO;
            BigDecimal pieces = BigDecimal.ZERO;
            int n = 1 + random.nextInt(30);
            for (int i = 0; i < n; i++) {
                BigDecimal q = BigDecimal.valueOf(random.nextInt(20_000_000), random.nextInt(4));
                pieces = pieces.add(SMS.price(volume, volume.add(q)));
                volume = volume.add(q);
            }
            assertThat(pieces).isEqualByComparingTo(SMS.price(BigDecimal.ZERO, volume));
        }
    }

    @Test
    void malformedTiersAreRefused() {
        assertThatThrownBy(() -> new GraduatedPrice(List.of(Tier.upTo(10, "1"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GraduatedPrice(List.of(Tier.upTo(10, "1"), Tier.upTo(5, "1"), Tier.rest("1"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tier.rest("-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SMS.price(d("5"), d("4"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theVersionInForceIsTheLatestEffectiveOne() {
        UUID partner = UUID.randomUUID();
        Tariff v1 = new Tariff(partner, 1, Instant.parse("2026-01-01T00:00:00Z"), CurrencyUnit.IRR,
                Map.of(Meter.SMS_SEGMENT, SMS), d("30"));
        Tariff v2 = new Tariff(partner, 2, Instant.parse("2026-06-01T00:00:00Z"), CurrencyUnit.IRR,
                Map.of(Meter.SMS_SEGMENT, GraduatedPrice.flat("50")), d("35"));
        TariffHistory history = new TariffHistory(List.of(v2, v1));
        assertThat(history.at(Instant.parse("2025-12-31T23:59:59Z"))).isEmpty();
        assertThat(history.at(Instant.parse("2026-05-31T23:59:59Z"))).contains(v1);
        assertThat(history.at(Instant.parse("2026-06-01T00:00:00Z"))).contains(v2);
        assertThat(v2.price(Meter.OTT_MESSAGE)).isEmpty();
        assertThat(Meter.ofKind("sms.segment")).contains(Meter.SMS_SEGMENT);
    }
}

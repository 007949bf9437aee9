package io.peyk.billing.period;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Random;

import org.junit.jupiter.api.Test;

class BillingPeriodTest {

    private static final ZoneId TEHRAN = ZoneId.of("Asia/Tehran");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void aTehranMonthStartsAt2030UtcTheDayBefore() {
        BillingPeriod november = BillingPeriod.parse("2026-11", TEHRAN);
        assertThat(november.start()).isEqualTo(Instant.parse("2026-10-31T20:30:00Z"));
        assertThat(november.end()).isEqualTo(Instant.parse("2026-11-30T20:30:00Z"));
        assertThat(november.contains(Instant.parse("2026-10-31T20:29:59.999999Z"))).isFalse();
        assertThat(november.contains(Instant.parse("2026-10-31T20:30:00Z"))).isTrue();
        assertThat(november.contains(Instant.parse("2026-11-30T20:30:00Z"))).as("half-open").isFalse();
        assertThat(BillingPeriod.containing(Instant.parse("2026-11-30T20:30:00Z"), TEHRAN).month().toString())
                .isEqualTo("2026-12");
    }

    @Test
    void daylightSavingMonthsAreNotAllEqual() {
        assertThat(Duration.between(BillingPeriod.parse("2026-03", BERLIN).start(),
                BillingPeriod.parse("2026-03", BERLIN).end()).toHours()).isEqualTo(743);
        assertThat(Duration.between(BillingPeriod.parse("2026-10", BERLIN).start(),
                BillingPeriod.parse("2026-10", BERLIN).end()).toHours()).isEqualTo(745);
    }

    @Test
    void everyInstantIsInExactlyOnePeriodAndItsHourBucketIsInTheSamePeriod() {
        Random random = new Random(7);
        Instant base = Instant.parse("2025-01-01T00:00:00Z");
        for (ZoneId zone : new ZoneId[]{TEHRAN, BERLIN, ZoneId.of("Asia/Kathmandu"), ZoneId.of("UTC")}) {
            for (int i = 0; i < 20_000; i++) {
                Instant at = base.plusSeconds(random.nextInt(3 * 365 * 86_400));
                BillingPeriod p = BillingPeriod.containing(at, zone);
                assertThat(p.contains(at)).isTrue();
                assertThat(p.next().contains(at)).isFalse();
                HourBucket bucket = HourBucket.of(at, zone);
                assertThat(bucket.start()).isBeforeOrEqualTo(at);
                assertThat(bucket.period(zone)).isEqualTo(p);
            }
        }
    }

    @Test
    void theRepeatedHourOfAFallBackIsTwoBuckets() {
        Instant first = Instant.parse("2026-10-25T00:30:00Z"); // 02:30 CEST
        Instant second = Instant.parse("2026-10-25T01:30:00Z"); // 02:30 CET
        assertThat(HourBucket.of(first, BERLIN)).isNotEqualTo(HourBucket.of(second, BERLIN));
    }
}

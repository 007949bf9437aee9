package io.peyk.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;

import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(10), Duration.ofHours(1));

    @Test
    void doublesWithinTwentyPercentAndCapsAtMax() {
        Random random = new Random(7L);
        for (int i = 0; i < 10_000; i++) {
            int attempts = 1 + random.nextInt(100);
            long nominal = Math.min(3_600_000L, 10_000L * (attempts - 1 >= 30 ? 1L << 30 : 1L << (attempts - 1)));
            long delay = backoff.delay(attempts, random).toMillis();
            assertThat(delay).as("attempt %d", attempts).isBetween(nominal - nominal / 5, Math.min(3_600_000L,
                    nominal + nominal / 5));
        }
    }

    @Test
    void firstRetriesFollowTheSchedule() {
        Random random = new Random(1L);
        assertThat(backoff.delay(1, random)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(12));
        assertThat(backoff.delay(2, random)).isBetween(Duration.ofSeconds(16), Duration.ofSeconds(24));
        assertThat(backoff.delay(9, random)).isBetween(Duration.ofMillis(2_048_000), Duration.ofMillis(3_072_000));
        assertThat(backoff.delay(10, random)).isBetween(Duration.ofMinutes(48), Duration.ofHours(1));
        assertThat(backoff.delay(Integer.MAX_VALUE, random)).isBetween(Duration.ofMinutes(48), Duration.ofHours(1));
    }

    @Test
    void jitterSpreadsRetries() {
        Random random = new Random(3L);
        long distinct = java.util.stream.IntStream.range(0, 1000).mapToLong(i -> backoff.delay(3, random).toMillis())
                .distinct().count();
        assertThat(distinct).isGreaterThan(500);
    }

    @Test
    void rejectsBadBounds() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

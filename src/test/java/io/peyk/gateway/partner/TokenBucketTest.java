package io.peyk.gateway.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void fullBucketGrantsItsRateThenRefusesWithTheExactWait() {
        TokenBucket bucket = new TokenBucket(10, 0);
        for (int i = 0; i < 10; i++) {
            assertThat(bucket.tryAcquire(1, 10, 0)).isEmpty();
        }
        assertThat(bucket.tryAcquire(1, 10, 0)).contains(Duration.ofMillis(100));
        assertThat(bucket.tryAcquire(1, 10, 99_999_999)).contains(Duration.ofNanos(1));
        assertThat(bucket.tryAcquire(1, 10, 100_000_000)).isEmpty();
        assertThat(bucket.tryAcquire(3, 10, 100_000_000)).contains(Duration.ofMillis(300));
    }

    @Test
    void refillStopsAtCapacity() {
        TokenBucket bucket = new TokenBucket(5, 0);
        assertThat(bucket.tryAcquire(5, 5, 0)).isEmpty();
        // An hour idle refills to 5, not more.
        long later = 3600 * SECOND;
        assertThat(bucket.tryAcquire(5, 5, later)).isEmpty();
        assertThat(bucket.tryAcquire(1, 5, later)).contains(Duration.ofMillis(200));
    }

    @Test
    void batchLargerThanTheRateWaitsForAFullBucketAndLeavesDebt() {
        TokenBucket bucket = new TokenBucket(100, 0);
        assertThat(bucket.tryAcquire(1, 100, 0)).isEmpty();
        // Needs a full bucket: 1 token missing = 10 ms.
        assertThat(bucket.tryAcquire(1000, 100, 0)).contains(Duration.ofMillis(10));
        assertThat(bucket.tryAcquire(1000, 100, 10_000_000)).isEmpty();
        // 900 tokens in debt: the next single token needs 9.01 s.
        assertThat(bucket.tryAcquire(1, 100, 10_000_000)).contains(Duration.ofMillis(9010));
    }

    @Test
    void lowerRateShrinksTheBucket() {
        TokenBucket bucket = new TokenBucket(1000, 0);
        assertThat(bucket.tryAcquire(1, 2, 0)).isEmpty();
        assertThat(bucket.tryAcquire(1, 2, 0)).isEmpty();
        assertThat(bucket.tryAcquire(1, 2, 0)).contains(Duration.ofMillis(500));
    }

    @Test
    void fullAtTellsWhenForgettingLosesNothing() {
        TokenBucket bucket = new TokenBucket(4, 0);
        assertThat(bucket.fullAt(0)).isTrue();
        bucket.tryAcquire(2, 4, 0);
        assertThat(bucket.fullAt(499_999_999)).isFalse();
        assertThat(bucket.fullAt(500_000_000)).isTrue();
    }

    @Test
    void refusesOutOfRangeArguments() {
        TokenBucket bucket = new TokenBucket(1, 0);
        assertThatThrownBy(() -> bucket.tryAcquire(0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bucket.tryAcquire(TokenBucket.MAX_PERMITS + 1, 1, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bucket.tryAcquire(1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBucket(TokenBucket.MAX_RATE + 1, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Over random runs: tokens granted never exceed the capacity plus the refill (rate × elapsed) plus the one batch
     * larger than the capacity a full bucket may lend; and waiting exactly the answered duration is enough.
     */
    @Test
    void propertyGrantsNeverExceedTheRateAndWaitsSuffice() {
        Random random = new Random(20250611L);
        for (int run = 0; run < 3000; run++) {
            int rate = 1 + random.nextInt(random.nextBoolean() ? 20 : 100_000);
            int maxPermits = Math.min(rate * 2, 2000);
            long lend = Math.max(0, maxPermits - rate);
            TokenBucket bucket = new TokenBucket(rate, 0);
            long now = 0;
            long granted = 0;
            for (int step = 0; step < 200; step++) {
                if (random.nextInt(3) != 0) {
                    now += (long) (random.nextInt(1_000_000) + 1) * (1 + random.nextInt(400));
                }
                int permits = 1 + random.nextInt(maxPermits);
                Optional<Duration> wait = bucket.tryAcquire(permits, rate, now);
                if (wait.isEmpty()) {
                    granted += permits;
                } else {
                    assertThat(wait.get()).isPositive();
                    if (random.nextInt(4) == 0) {
                        now += wait.get().toNanos();
                        assertThat(bucket.tryAcquire(permits, rate, now)).as("rate %d permits %d", rate, permits)
                                .isEmpty();
                        granted += permits;
                    }
                }
                assertThat(granted * SECOND).as("rate %d at %d ns", rate, now)
                        .isLessThanOrEqualTo((rate + lend) * SECOND + rate * now);
            }
        }
    }
}

package io.peyk.gateway.partner;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class PartnerRateLimiterTest {

    private static Partner partner(int rate) {
        return new Partner(UUID.randomUUID(), "p", List.of("Acme"), Optional.empty(), "whsec_x",
                ZoneId.of("Asia/Tehran"), rate, PartnerStatus.ACTIVE);
    }

    @Test
    void eachPartnerHasItsOwnBucket() {
        AtomicLong clock = new AtomicLong();
        PartnerRateLimiter limiter = new PartnerRateLimiter(clock::get, 100);
        Partner a = partner(2);
        Partner b = partner(2);
        assertThat(limiter.tryAcquire(a, 2)).isEmpty();
        assertThat(limiter.tryAcquire(a, 1)).contains(Duration.ofMillis(500));
        assertThat(limiter.tryAcquire(b, 2)).isEmpty();
        clock.addAndGet(500_000_000);
        assertThat(limiter.tryAcquire(a, 1)).isEmpty();
    }

    @Test
    void theMapIsBoundedByDroppingFullBuckets() {
        AtomicLong clock = new AtomicLong();
        PartnerRateLimiter limiter = new PartnerRateLimiter(clock::get, 3);
        Partner[] busy = {partner(1), partner(1), partner(1)};
        for (Partner p : busy) {
            assertThat(limiter.tryAcquire(p, 1)).isEmpty();
        }
        // All three are empty: a fourth partner is let through uncounted (fail open) and nothing is forgotten.
        Partner fourth = partner(1);
        assertThat(limiter.tryAcquire(fourth, 1)).isEmpty();
        assertThat(limiter.size()).isEqualTo(3);
        assertThat(limiter.tryAcquire(busy[0], 1)).isPresent();
        // A second later all are full again: they are dropped and the fourth gets a bucket.
        clock.addAndGet(1_000_000_000);
        assertThat(limiter.tryAcquire(fourth, 1)).isEmpty();
        assertThat(limiter.tryAcquire(fourth, 1)).isPresent();
        assertThat(limiter.size()).isEqualTo(1);
        assertThat(limiter.tryAcquire(busy[0], 1)).isEmpty();
    }

    @Test
    void concurrentCallersNeverGetMoreThanTheCapacity() throws InterruptedException {
        PartnerRateLimiter limiter = new PartnerRateLimiter(() -> 0L, 10);
        Partner p = partner(1000);
        AtomicInteger granted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        for (int t = 0; t < 4; t++) {
            pool.execute(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < 1000; i++) {
                    if (limiter.tryAcquire(p, 1).isEmpty()) {
                        granted.incrementAndGet();
                    }
                }
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(granted.get()).isEqualTo(1000);
    }
}

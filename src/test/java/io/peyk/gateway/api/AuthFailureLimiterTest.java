package io.peyk.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The failure window per address: blocked after the limit, free when the window ends, bounded memory. */
class AuthFailureLimiterTest {

    private static AuthFailureConfig config(int max, int tracked) {
        return new AuthFailureConfig() {

            @Override
            public int maxPerWindow() {
                return max;
            }

            @Override
            public Duration window() {
                return Duration.ofMinutes(1);
            }

            @Override
            public int maxTrackedAddresses() {
                return tracked;
            }
        };
    }

    @Test
    void anAddressIsBlockedAfterItsFailuresUntilTheWindowEnds() {
        AtomicLong now = new AtomicLong(1_000_000);
        AuthFailureLimiter limiter = new AuthFailureLimiter(config(3, 100), new SimpleMeterRegistry(), now::get);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.blocked("10.0.0.1")).isEmpty();
            limiter.failed("10.0.0.1");
        }
        now.addAndGet(20_000);
        assertThat(limiter.blocked("10.0.0.1")).contains(Duration.ofSeconds(40));
        assertThat(limiter.blocked("10.0.0.2")).isEmpty();
        now.addAndGet(40_000);
        assertThat(limiter.blocked("10.0.0.1")).isEmpty();
        limiter.failed("10.0.0.1");
        assertThat(limiter.blocked("10.0.0.1")).isEmpty();
    }

    @Test
    void theAddressTableIsBoundedAndForgetsEndedWindowsFirst() {
        AtomicLong now = new AtomicLong(0);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AuthFailureLimiter limiter = new AuthFailureLimiter(config(1, 2), registry, now::get);
        limiter.failed("a");
        limiter.failed("b");
        limiter.failed("c"); // table full, no window ended: not tracked
        assertThat(limiter.blocked("a")).isPresent();
        assertThat(limiter.blocked("c")).isEmpty();
        assertThat(registry.get("peyk.auth.failures.untracked").counter().count()).isEqualTo(1.0);
        now.addAndGet(61_000);
        limiter.failed("c"); // a and b's windows ended: dropped, c tracked
        assertThat(limiter.blocked("c")).isPresent();
    }
}

package io.peyk.gateway.partner;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Per-partner rate limit: one {@link TokenBucket} per partner id (capacity = the partner's rate per second, refilled at
 * that rate), in memory, so each gateway instance enforces the rate on its own share of the traffic. The map is bounded:
 * beyond {@link #MAX_PARTNERS} buckets, buckets that would be full again (idle for their refill time, at most a second)
 * are dropped, which changes nothing; if none is, a partner without a bucket is let through uncounted until one frees
 * up (fail open: a limiter must never turn away every partner).
 */
@ApplicationScoped
public class PartnerRateLimiter {

    public static final int MAX_PARTNERS = 100_000;

    private final Map<UUID, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;
    private final int maxPartners;

    @Inject
    PartnerRateLimiter() {
        this(System::nanoTime, MAX_PARTNERS);
    }

    /** For tests: a clock in nanoseconds and a bound on buckets. */
    public PartnerRateLimiter(LongSupplier nanoClock, int maxPartners) {
        this.nanoClock = nanoClock;
        this.maxPartners = maxPartners;
    }

    /**
     * Takes {@code permits} (1..{@value TokenBucket#MAX_PERMITS}) from the partner's bucket: empty when allowed, else how
     * long until enough tokens are there (turn it into a 429 with {@code Problems.tooManyRequests}).
     */
    public Optional<Duration> tryAcquire(Partner partner, int permits) {
        long now = nanoClock.getAsLong();
        TokenBucket bucket = buckets.get(partner.id());
        if (bucket == null) {
            if (buckets.size() >= maxPartners) {
                evictFull(now);
                if (buckets.size() >= maxPartners) {
                    return Optional.empty();
                }
            }
            bucket = buckets.computeIfAbsent(partner.id(), id -> new TokenBucket(partner.rateLimitPerSecond(), now));
        }
        return bucket.tryAcquire(permits, partner.rateLimitPerSecond(), now);
    }

    /** Buckets held now. */
    public int size() {
        return buckets.size();
    }

    private void evictFull(long now) {
        buckets.entrySet().removeIf(e -> e.getValue().fullAt(now));
    }
}

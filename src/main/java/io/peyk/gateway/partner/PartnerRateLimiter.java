package io.peyk.gateway.partner;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/** Placeholder until the partner rate limiter lands: allows everything. */
@ApplicationScoped
public class PartnerRateLimiter {

    public Optional<Duration> tryAcquire(Partner partner, int permits) {
        return Optional.empty();
    }
}

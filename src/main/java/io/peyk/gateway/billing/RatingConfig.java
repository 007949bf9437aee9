package io.peyk.gateway.billing;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The rater ({@code peyk.billing.rating.*}): how often it rates the periods whose usage or tariffs changed. */
@ConfigMapping(prefix = "peyk.billing.rating")
public interface RatingConfig {

    /** Whether this instance rates and posts (it also needs the billing role). */
    @WithDefault("true")
    boolean enabled();

    /** Pause between passes when there was nothing to rate. */
    @WithDefault("1S")
    Duration interval();

    /**
     * How long a month must go without new usage before it is rated (usage arrives in bursts: rating each burst would
     * rate the whole month again every pass).
     */
    @WithDefault("2S")
    Duration settle();

    /** Longest a month with usage arriving all the time waits for rating anyway. */
    @WithDefault("30S")
    Duration maxDelay();

    /** Most (partner, period) pairs rated in one pass. */
    @WithDefault("500")
    int maxPerPass();

    /** How long a pair that failed to rate (e.g. mixed currencies in one period) waits before it is tried again. */
    @WithDefault("1M")
    Duration retryAfterFailure();
}

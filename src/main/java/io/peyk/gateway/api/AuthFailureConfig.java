package io.peyk.gateway.api;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Slowing down guessing of keys and tokens ({@code peyk.auth.failures.*}): failed authentications per address. */
@ConfigMapping(prefix = "peyk.auth.failures")
public interface AuthFailureConfig {

    /** Failed authentications one remote address may make per window before it is refused with 429. */
    @WithDefault("30")
    int maxPerWindow();

    @WithDefault("1M")
    Duration window();

    /** Most addresses tracked at once (a limit on memory under a distributed attack). */
    @WithDefault("100000")
    int maxTrackedAddresses();
}

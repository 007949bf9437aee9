package io.peyk.gateway.device;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Device tokens for the app channel. */
@ConfigMapping(prefix = "peyk.devices")
public interface DevicesConfig {

    /** HMAC-SHA256 key signing device tokens (at least 16 characters); without it, no tokens are issued. */
    Optional<String> tokenSecret();

    @WithDefault("24H")
    Duration defaultTokenTtl();

    @WithDefault("60S")
    Duration minTokenTtl();

    @WithDefault("30D")
    Duration maxTokenTtl();
}

package io.peyk.gateway.device;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Device tokens and the app channel's WebSocket connections ({@code /v1/devices/connect}). */
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

    /** Limits and timing of device connections. */
    Connections connections();

    interface Connections {

        /** Connections one number of one partner may hold on one instance (phone, tablet, ...). */
        @WithDefault("5")
        int maxPerNumber();

        /** Connections one partner may hold on one instance. */
        @WithDefault("200000")
        int maxPerPartner();

        /** Connections one instance holds at most. */
        @WithDefault("250000")
        int maxTotal();

        /** Largest frame an app may send (acknowledgements are small); a larger one closes the connection (1009). */
        @WithDefault("4096")
        int maxInboundFrameBytes();

        /** Frames pushed to one connection and not yet acknowledged; beyond it the push is refused. */
        @WithDefault("256")
        int maxUnacked();

        /** Bytes queued for writing to one connection; a reader slower than that is disconnected (4508). */
        @WithDefault("1048576")
        int maxWriteQueueBytes();

        /** Frames per second an app may send (sustained), and the burst above it; beyond, it is disconnected (4429). */
        @WithDefault("50")
        int maxFramesPerSecond();

        /** Server pings every interval; a connection silent for {@code heartbeat-timeout} is closed (4408). */
        @WithDefault("30S")
        Duration heartbeatInterval();

        @WithDefault("75S")
        Duration heartbeatTimeout();

        /** How often this instance renews its heartbeat row (presence of its devices for other instances). */
        @WithDefault("5S")
        Duration presenceHeartbeat();
    }
}

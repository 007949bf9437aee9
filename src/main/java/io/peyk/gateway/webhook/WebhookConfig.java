package io.peyk.gateway.webhook;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Webhook delivery ({@code peyk.webhooks.*}): how due deliveries are claimed, the HTTP timeouts, the in-flight caps
 * (global and per partner, so that a slow or dead partner endpoint never slows anyone else) and the retry schedule.
 * Durations carry their unit in the value ({@code 200MS}, {@code 10S}, {@code 1H}); counts are plain integers.
 */
@ConfigMapping(prefix = "peyk.webhooks")
public interface WebhookConfig {

    /** Whether this instance delivers webhooks at all. */
    @WithDefault("true")
    boolean enabled();

    /** How often due deliveries are looked for when nothing else wakes the dispatcher. */
    @WithDefault("200MS")
    Duration pollInterval();

    /** How long a claim holds a delivery; a crashed instance's claims are retaken after it. Must exceed the request timeout. */
    @WithDefault("60S")
    Duration claimLease();

    /** TCP connect (and connection pool wait) timeout. */
    @WithDefault("5S")
    Duration connectTimeout();

    /** Longest silence of the partner's endpoint while a request is in flight. */
    @WithDefault("5S")
    Duration idleTimeout();

    /** Longest whole exchange, from sending the request to the end of the response. */
    @WithDefault("10S")
    Duration requestTimeout();

    /** Requests in flight on this instance, over all partners (1..10000). */
    @WithDefault("200")
    int maxInFlight();

    /** Requests in flight on this instance to one partner (1..max-in-flight). */
    @WithDefault("20")
    int maxInFlightPerPartner();

    /** Delay before the first retry; it doubles with each failed attempt (with jitter of +/-20 %). */
    @WithDefault("10S")
    Duration initialBackoff();

    /** Longest delay between two attempts. */
    @WithDefault("1H")
    Duration maxBackoff();

    /** How long after its creation (or an operator's requeue) a failing delivery is retried before it is parked. */
    @WithDefault("24H")
    Duration maxAge();

    /** Response body bytes read (and discarded) at most; a longer body is cut off, the status code still counts. */
    @WithDefault("65536")
    int maxResponseBodyBytes();

    /** Where webhooks may go (server-side request forgery): see {@link AddressPolicy}. */
    Targets targets();

    /** The operator's exceptions to the refusal of internal addresses. */
    interface Targets {

        /** Allow every address, internal ones included (dev and tests on loopback; never in production). */
        @WithDefault("false")
        boolean allowPrivate();

        /** Networks (CIDR, e.g. {@code 10.20.0.0/16}) a webhook may reach although they are internal. */
        Optional<List<String>> allowedNetworks();

        /** Host names whose addresses are not checked (an internal partner proxy the operator runs). */
        Optional<Set<String>> allowedHosts();
    }
}

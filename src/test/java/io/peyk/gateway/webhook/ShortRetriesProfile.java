package io.peyk.gateway.webhook;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Webhook retries shortened to seconds (and quick polling), and a global in-flight cap of 40 with 20 per partner so retries and
 * parking happen within a test.
 */
public final class ShortRetriesProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "peyk.webhooks.poll-interval", "50MS",
                "peyk.webhooks.initial-backoff", "100MS",
                "peyk.webhooks.max-backoff", "400MS",
                "peyk.webhooks.max-age", "3S",
                "peyk.webhooks.request-timeout", "20S",
                "peyk.webhooks.claim-lease", "60S",
                // A small global cap, so one partner's backlog (slowPartnerNeverDelaysAnother) could fill it all.
                "peyk.webhooks.max-in-flight", "40",
                "peyk.webhooks.max-in-flight-per-partner", "20");
    }
}

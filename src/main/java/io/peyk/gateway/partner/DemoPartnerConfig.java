package io.peyk.gateway.partner;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The demo partner of the embedded default ({@code peyk.demo-partner.*}): off unless {@code enabled} (on in the
 * {@code dev} profile only), so a production gateway never carries a well-known key.
 */
@ConfigMapping(prefix = "peyk.demo-partner")
public interface DemoPartnerConfig {

    @WithDefault("false")
    boolean enabled();

    /** The demo partner's API key; anyone who reads this default can send as the demo partner. */
    @WithDefault("peyk_demo_key_change_me")
    String apiKey();

    /** A finance key for the demo (statements, period close); anyone who reads this default can read the statements. */
    @WithDefault("peyk_fin_demo_change_me")
    String financeKey();

    /** Where the demo partner's webhooks go, if anywhere. */
    Optional<String> webhookUrl();
}

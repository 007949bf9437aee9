package io.peyk.gateway.admin;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * The operator's admin API ({@code peyk.admin.*}). {@code peyk.admin.token} is the bearer token of {@code /admin/v1}: a
 * secret, set it from the environment ({@code PEYK_ADMIN_TOKEN}). It has no default in production, where the admin API
 * then refuses every request (503 {@code admin-disabled}); the {@code dev} and {@code test} profiles use
 * {@code dev-admin-token}.
 */
@ConfigMapping(prefix = "peyk.admin")
public interface AdminConfig {

    /** Shortest token accepted; a shorter one leaves the admin API disabled. */
    int MIN_TOKEN_LENGTH = 12;

    Optional<String> token();
}

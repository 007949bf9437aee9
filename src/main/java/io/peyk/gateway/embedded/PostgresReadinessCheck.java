package io.peyk.gateway.embedded;

import java.time.Duration;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Readiness of PostgreSQL (embedded or external): a {@code SELECT 1} through the reactive pool within a timeout.
 */
@Readiness
@Singleton
public final class PostgresReadinessCheck implements AsyncHealthCheck {

    public static final String NAME = "postgresql";

    private final Pool pool;
    private final Duration timeout;

    @Inject
    public PostgresReadinessCheck(Pool pool,
            @ConfigProperty(name = "peyk.health.timeout", defaultValue = "2s") Duration timeout) {
        this.pool = pool;
        this.timeout = timeout;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return pool.query("SELECT 1").execute()
                .ifNoItem().after(timeout).fail()
                .map(rows -> HealthCheckResponse.up(NAME))
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named(NAME)
                        .down()
                        .withData("error", failure.getClass().getSimpleName())
                        .build());
    }
}

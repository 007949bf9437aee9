package io.peyk.gateway.embedded;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * Readiness of Kafka (embedded or external): {@code describeCluster} within a timeout, through one admin client
 * created on first use and closed at shutdown.
 */
@Readiness
@Singleton
public final class KafkaReadinessCheck implements AsyncHealthCheck {

    public static final String NAME = "kafka";
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Map<String, Object> clientConfig;
    private final Duration timeout;
    private final int timeoutMs;
    private AdminClient admin;

    @Inject
    public KafkaReadinessCheck(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            @ConfigProperty(name = "peyk.health.timeout", defaultValue = "2s") Duration timeout) {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "peyk-readiness");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        this.clientConfig = Map.copyOf(config);
        this.timeout = timeout;
        this.timeoutMs = timeoutMs;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return Uni.createFrom().deferred(() -> {
            DescribeClusterResult cluster = admin()
                    .describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs));
            return Uni.createFrom().completionStage(cluster.clusterId().toCompletionStage());
        })
                .ifNoItem().after(timeout).fail()
                .map(clusterId -> HealthCheckResponse.named(NAME).up().withData("clusterId", clusterId).build())
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named(NAME)
                        .down()
                        .withData("error", failure.getClass().getSimpleName())
                        .build());
    }

    private synchronized AdminClient admin() {
        if (admin == null) {
            admin = AdminClient.create(clientConfig);
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(CLOSE_TIMEOUT);
            admin = null;
        }
    }
}

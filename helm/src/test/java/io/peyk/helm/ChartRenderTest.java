package io.peyk.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/** Renders the chart with the ci/ values files (no cluster) and checks the manifests as typed Kubernetes objects. */
class ChartRenderTest {

    @ParameterizedTest
    @ValueSource(strings = {"minimal", "production", "ha"})
    void everyValuesFileRendersSoundManifests(String values) {
        List<HasMetadata> objects = Chart.render(values);

        assertThat(ManifestChecks.violations(objects)).isEmpty();
        assertThat(names(objects, Deployment.class)).containsExactlyInAnyOrder("peyk-gateway", "peyk-billing");
        assertThat(names(objects, Service.class)).containsExactlyInAnyOrder("peyk-gateway", "peyk-billing");
        assertThat(names(objects, NetworkPolicy.class)).containsExactly("peyk");
        assertThat(names(objects, PodDisruptionBudget.class)).containsExactlyInAnyOrder("peyk-gateway", "peyk-billing");
        assertThat(one(objects, ServiceAccount.class).getAutomountServiceAccountToken()).isFalse();
        assertThat(objects).allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo(Chart.NAMESPACE));
    }

    @Test
    void rolesRunOneImageWithTheirRoleAndOnlyTheGatewayGetsSmscAndDeviceSecrets() {
        List<HasMetadata> objects = Chart.render("production");
        Container gateway = container(deployment(objects, "peyk-gateway"));
        Container billing = container(deployment(objects, "peyk-billing"));

        assertThat(gateway.getImage()).isEqualTo(billing.getImage())
                .isEqualTo("registry.operator.example/peyk/gateway:0.1.0");
        assertThat(env(gateway, "PEYK_INSTANCE_ROLE").getValue()).isEqualTo("gateway");
        assertThat(env(billing, "PEYK_INSTANCE_ROLE").getValue()).isEqualTo("billing");
        assertThat(envNames(gateway)).contains("PEYK_SMPP_CONNECTORS_MCI1_PASSWORD", "PEYK_SMPP_CONNECTORS_MCI2_PASSWORD",
                "PEYK_DEVICES_TOKEN_SECRET", "PEYK_ADMIN_TOKEN", "QUARKUS_DATASOURCE_PASSWORD",
                "PEYK_KAFKA_SASL_JAAS_CONFIG");
        assertThat(envNames(billing)).doesNotContain("PEYK_SMPP_CONNECTORS_MCI1_PASSWORD", "PEYK_DEVICES_TOKEN_SECRET")
                .contains("PEYK_ADMIN_TOKEN", "QUARKUS_DATASOURCE_PASSWORD");
        // Text encryption keys: every listed id by reference, the active one named; only the gateway stores text.
        assertThat(env(gateway, "PEYK_CRYPTO_KEYS_K2026A").getValueFrom().getSecretKeyRef().getName())
                .isEqualTo("peyk-text-keys");
        assertThat(env(gateway, "PEYK_CRYPTO_KEYS_K2026B").getValueFrom().getSecretKeyRef().getKey()).isEqualTo("k2026b");
        assertThat(env(gateway, "PEYK_CRYPTO_ACTIVE_KEY").getValue()).isEqualTo("k2026b");
        assertThat(envNames(billing)).doesNotContain("PEYK_CRYPTO_KEYS_K2026A", "PEYK_CRYPTO_ACTIVE_KEY");
        EnvVar smsc = env(gateway, "PEYK_SMPP_CONNECTORS_MCI2_PASSWORD");
        assertThat(smsc.getValueFrom().getSecretKeyRef().getName()).isEqualTo("peyk-smsc");
        assertThat(smsc.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("mci2-password");
        // The hook Job migrates, so the pods do not.
        assertThat(env(gateway, "QUARKUS_FLYWAY_MIGRATE_AT_START").getValue()).isEqualTo("false");
    }

    @Test
    void withoutBillingTheGatewayRunsBothRolesAndMigratesAtStart() {
        List<HasMetadata> objects = Chart.render("minimal", Map.of("billing.enabled", "false"));

        assertThat(names(objects, Deployment.class)).containsExactly("peyk-gateway");
        Container gateway = container(deployment(objects, "peyk-gateway"));
        assertThat(env(gateway, "PEYK_INSTANCE_ROLE").getValue()).isEqualTo("both");
        assertThat(env(gateway, "QUARKUS_FLYWAY_MIGRATE_AT_START").getValue()).isEqualTo("true");
        assertThat(envNames(gateway)).doesNotContain("PEYK_DEVICES_TOKEN_SECRET", "PEYK_KAFKA_SASL_JAAS_CONFIG");
    }

    @Test
    void withATlsSecretThePodsServeHttpsOnlyFromTheMountedCertificate() {
        List<HasMetadata> objects = Chart.render("minimal", Map.of("tls.existingSecret", "peyk-tls"));
        for (String name : List.of("peyk-gateway", "peyk-billing")) {
            Deployment d = deployment(objects, name);
            Container c = container(d);
            assertThat(c.getPorts()).singleElement().satisfies(p -> {
                assertThat(p.getName()).isEqualTo("http");
                assertThat(p.getContainerPort()).isEqualTo(8443);
            });
            assertThat(c.getReadinessProbe().getHttpGet().getScheme()).isEqualTo("HTTPS");
            assertThat(c.getLivenessProbe().getHttpGet().getScheme()).isEqualTo("HTTPS");
            assertThat(c.getStartupProbe().getHttpGet().getScheme()).isEqualTo("HTTPS");
            assertThat(c.getVolumeMounts()).anySatisfy(m -> {
                assertThat(m.getMountPath()).isEqualTo("/deployments/tls");
                assertThat(m.getReadOnly()).isTrue();
            });
            assertThat(d.getSpec().getTemplate().getSpec().getVolumes().stream()
                    .map(v -> v.getSecret() == null ? "" : v.getSecret().getSecretName())).contains("peyk-tls");
        }
        assertThat(one(objects, ConfigMap.class, "peyk-config").getData().get("application.properties")).contains(
                "quarkus.tls.key-store.pem.0.cert=/deployments/tls/tls.crt\n",
                "quarkus.tls.key-store.pem.0.key=/deployments/tls/tls.key\n", "quarkus.http.ssl-port=8443\n",
                "quarkus.http.insecure-requests=disabled\n");
        // Without it: plain HTTP on 8080, no TLS settings.
        List<HasMetadata> plain = Chart.render("minimal");
        Container c = container(deployment(plain, "peyk-gateway"));
        assertThat(c.getPorts().get(0).getContainerPort()).isEqualTo(8080);
        assertThat(c.getReadinessProbe().getHttpGet().getScheme()).isNull();
        assertThat(one(plain, ConfigMap.class, "peyk-config").getData().get("application.properties"))
                .doesNotContain("quarkus.tls", "insecure-requests");
    }

    @Test
    void aTlsConnectorGetsItsTrustStoreMountedReadOnlyAndItsPasswordOnlyByReference() {
        List<HasMetadata> objects = Chart.render("production");
        Deployment gateway = deployment(objects, "peyk-gateway");
        Container c = container(gateway);

        EnvVar password = env(c, "PEYK_SMPP_CONNECTORS_MCI2_TLS_TRUST_STORE_PASSWORD");
        assertThat(password.getValue()).isNull();
        assertThat(password.getValueFrom().getSecretKeyRef().getName()).isEqualTo("peyk-smsc-ca");
        assertThat(password.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("truststore-password");
        assertThat(c.getVolumeMounts()).filteredOn(m -> m.getName().equals("smpp-tls-mci2")).singleElement()
                .satisfies(m -> {
                    assertThat(m.getMountPath()).isEqualTo("/deployments/smpp-tls/mci2");
                    assertThat(m.getReadOnly()).isTrue();
                });
        assertThat(gateway.getSpec().getTemplate().getSpec().getVolumes())
                .filteredOn(v -> v.getName().equals("smpp-tls-mci2")).singleElement().satisfies(v -> {
                    assertThat(v.getSecret().getSecretName()).isEqualTo("peyk-smsc-ca");
                    assertThat(v.getSecret().getItems()).singleElement().satisfies(item -> {
                        assertThat(item.getKey()).isEqualTo("truststore.p12");
                        assertThat(item.getPath()).isEqualTo("truststore.p12");
                    });
                });
        String properties = one(objects, ConfigMap.class, "peyk-config").getData().get("application.properties");
        assertThat(properties).contains("peyk.smpp.connectors.mci2.tls=true\n",
                "peyk.smpp.connectors.mci2.tls-trust-store-file=/deployments/smpp-tls/mci2/truststore.p12\n")
                .doesNotContain("peyk.smpp.connectors.mci1.tls", "trust-store-password");
        // mci1 has no TLS; billing never binds: neither gets a trust store
        assertThat(envNames(c)).doesNotContain("PEYK_SMPP_CONNECTORS_MCI1_TLS_TRUST_STORE_PASSWORD");
        assertThat(c.getVolumeMounts()).noneMatch(m -> m.getName().equals("smpp-tls-mci1"));
        Deployment billing = deployment(objects, "peyk-billing");
        assertThat(envNames(container(billing))).doesNotContain("PEYK_SMPP_CONNECTORS_MCI2_TLS_TRUST_STORE_PASSWORD");
        assertThat(billing.getSpec().getTemplate().getSpec().getVolumes()).noneMatch(v -> v.getName().startsWith("smpp-tls"));
    }

    @Test
    void tlsWithoutATrustStoreSecretUsesTheJvmTrustStoreAndMountsNothing() {
        List<HasMetadata> objects = Chart.render("minimal", Map.of("smpp.connectors.smsc1.tls", "true"));
        Deployment gateway = deployment(objects, "peyk-gateway");

        assertThat(one(objects, ConfigMap.class, "peyk-config").getData().get("application.properties"))
                .contains("peyk.smpp.connectors.smsc1.tls=true\n").doesNotContain("tls-trust-store");
        assertThat(envNames(container(gateway))).noneMatch(n -> n.contains("TRUST_STORE"));
        assertThat(gateway.getSpec().getTemplate().getSpec().getVolumes()).noneMatch(v -> v.getName().startsWith("smpp-tls"));
    }

    @Test
    void configMapCarriesConnectorsRoutesAndTuningButNoSecrets() {
        String properties = one(Chart.render("production"), ConfigMap.class, "peyk-config").getData()
                .get("application.properties");

        assertThat(properties).contains("quarkus.datasource.reactive.url=postgresql://pg-primary.db.svc:5432/peyk\n",
                "quarkus.datasource.jdbc.url=jdbc:postgresql://pg-primary.db.svc:5432/peyk?sslmode=require\n",
                "kafka.bootstrap.servers=kafka-0.kafka.svc:9093,kafka-1.kafka.svc:9093,kafka-2.kafka.svc:9093\n",
                "kafka.sasl.jaas.config=${PEYK_KAFKA_SASL_JAAS_CONFIG}\n",
                "peyk.smpp.connectors.mci1.host=10.20.0.11\n", "peyk.smpp.connectors.mci1.window-size=50\n",
                "peyk.smpp.connectors.mci2.receipt-id-format=hex\n", "peyk.smpp.routes.\"+98912\"=mci1,mci2\n",
                "peyk.smpp.default-route=mci1,mci2\n", "peyk.messages.dispatcher.max-in-flight=1000\n",
                "peyk.outbox.topic-replication-factor=3\n");
        assertThat(properties).doesNotContainIgnoringCase("password").doesNotContain("admin-token");
    }

    @Test
    void networkPolicyOpensOnlyTheHttpPortAndListedEgress() {
        NetworkPolicy np = one(Chart.render("production"), NetworkPolicy.class);

        assertThat(np.getSpec().getIngress()).singleElement()
                .satisfies(rule -> assertThat(rule.getPorts()).singleElement()
                        .satisfies(p -> assertThat(p.getPort().getStrVal()).isEqualTo("http")));
        Map<String, List<Integer>> egressPorts = np.getSpec().getEgress().stream().collect(Collectors.toMap(
                r -> r.getPorts().stream().map(p -> p.getPort().getIntVal().toString()).collect(Collectors.joining(",")),
                ChartRenderTest::portList, (a, b) -> a));
        assertThat(egressPorts).containsOnlyKeys("53,53", "5432", "9093", "2775,2776", "443");
        NetworkPolicyEgressRule webhooks = np.getSpec().getEgress().stream()
                .filter(r -> r.getPorts().get(0).getPort().getIntVal() == 443).findFirst().orElseThrow();
        assertThat(webhooks.getTo()).singleElement().satisfies(peer -> assertThat(peer.getIpBlock().getExcept())
                .contains("10.0.0.0/8", "169.254.0.0/16"));
    }

    @Test
    void highAvailabilityAutoscalesAndSpreadsEachRole() {
        List<HasMetadata> objects = Chart.render("ha");

        assertThat(names(objects, HorizontalPodAutoscaler.class)).containsExactlyInAnyOrder("peyk-gateway",
                "peyk-billing");
        HorizontalPodAutoscaler hpa = one(objects, HorizontalPodAutoscaler.class, "peyk-gateway");
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(3);
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(12);
        assertThat(hpa.getSpec().getMetrics()).hasSize(2);
        Deployment gateway = deployment(objects, "peyk-gateway");
        assertThat(gateway.getSpec().getReplicas()).as("the HPA owns replicas").isNull();
        assertThat(gateway.getSpec().getTemplate().getSpec().getTopologySpreadConstraints()).singleElement()
                .satisfies(t -> assertThat(t.getLabelSelector().getMatchLabels())
                        .isEqualTo(gateway.getSpec().getSelector().getMatchLabels()));
        assertThat(one(objects, PodDisruptionBudget.class, "peyk-gateway").getSpec().getMinAvailable().getIntVal())
                .isEqualTo(2);
    }

    @Test
    void productionShipsIngressMonitoringAlertsAndDashboard() throws IOException {
        List<HasMetadata> objects = Chart.render("production");

        Ingress ingress = one(objects, Ingress.class);
        assertThat(ingress.getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend().getService().getName())
                .isEqualTo("peyk-gateway");
        GenericKubernetesResource monitor = one(objects, GenericKubernetesResource.class, "peyk", "ServiceMonitor");
        assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prometheus");
        GenericKubernetesResource rule = one(objects, GenericKubernetesResource.class, "peyk", "PrometheusRule");
        String rules = new ObjectMapper().writeValueAsString(rule.getAdditionalProperties().get("spec"));
        assertThat(rules).contains("PeykSmppNoBind", "peyk_smpp_binds_bound", "PeykSmppSubmitErrors",
                "peyk_smpp_submits_total", "status!=\\\"ESME_ROK\\\"", "PeykSmppWindowFull", "PeykSmppReceiptLatency",
                "PeykOttFallbackRate", "PeykWebhookBacklog", "peyk_webhooks_overdue_seconds", "> 300",
                "PeykWebhookSaturation", "peyk_webhooks_in_flight", "PeykWebhooksParked", "PeykMeteringConsumerLag",
                "sum(peyk_metering_consumer_lag{", "PeykLedgerImbalance", "peyk_billing_ledger_unbalanced_currencies",
                "service=~\\\"peyk-(gateway|billing)\\\"", ">= 360");
        ConfigMap dashboard = one(objects, ConfigMap.class, "peyk-dashboard");
        assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        JsonNode json = new ObjectMapper().readTree(dashboard.getData().get("peyk-overview.json"));
        assertThat(json.get("uid").asText()).isEqualTo("peyk-overview");
        assertThat(json.get("panels").size()).isGreaterThanOrEqualTo(10);
    }

    @Test
    void minimalShipsNoOptionalResources() {
        List<HasMetadata> objects = Chart.render("minimal");

        assertThat(objects).extracting(HasMetadata::getKind).doesNotContain("Ingress", "HorizontalPodAutoscaler",
                "ServiceMonitor", "PrometheusRule", "Job");
    }

    /**
     * helm template (as helm-java runs it) leaves hooks out, so the migration Job is rendered from a copy of the chart
     * without its hook annotations; the original must carry them.
     */
    @Test
    void migrationJobRunsFlywayOnceAndExitsWithTheOwnersCredentials(@TempDir Path tmp) throws IOException {
        Path original = Chart.path().resolve("templates/migrations-job.yaml");
        String template = Files.readString(original);
        assertThat(template).contains("helm.sh/hook: pre-install,pre-upgrade");
        Path copy = Chart.copy(Chart.path(), tmp.resolve("peyk"));
        Files.writeString(copy.resolve("templates/migrations-job.yaml"),
                template.replaceAll("(?m)^\\s*helm\\.sh/hook.*\\n", ""));

        List<HasMetadata> objects = Chart.parse(Chart.template(copy, Chart.ciValues("production"), Map.of()));

        assertThat(ManifestChecks.violations(objects)).isEmpty();
        Job job = one(objects, Job.class);
        Container c = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(env(c, "QUARKUS_INIT_AND_EXIT").getValue()).isEqualTo("true");
        assertThat(env(c, "QUARKUS_FLYWAY_MIGRATE_AT_START").getValue()).isEqualTo("true");
        assertThat(env(c, "QUARKUS_DATASOURCE_PASSWORD").getValueFrom().getSecretKeyRef().getName())
                .isEqualTo("peyk-database-owner");
        assertThat(job.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
        assertThat(one(objects, ConfigMap.class, "peyk-migrations").getData().get("application.properties"))
                .isEqualTo(one(objects, ConfigMap.class, "peyk-config").getData().get("application.properties"));
    }

    /** The checks catch a broken template: drop the readiness probe and the security context from a copy. */
    @Test
    void checksFailWhenAProbeOrTheSecurityContextIsRemoved(@TempDir Path tmp) throws IOException {
        Path copy = Chart.copy(Chart.path(), tmp.resolve("peyk"));
        Path deployment = copy.resolve("templates/deployment.yaml");
        String template = Files.readString(deployment);
        String readiness = "          readinessProbe:\n"
                + "            {{- include \"peyk.httpProbe\" (dict \"probe\" . \"tls\" $.Values.tls.existingSecret)"
                + " | nindent 12 }}\n";
        String securityContext = "          securityContext:\n"
                + "            {{- toYaml $.Values.containerSecurityContext | nindent 12 }}\n";
        assertThat(template).contains(readiness, securityContext);
        Files.writeString(deployment, template.replace(readiness, "").replace(securityContext, ""));

        List<String> violations = ManifestChecks.violations(
                Chart.parse(Chart.template(copy, Chart.ciValues("minimal"), Map.of())));

        assertThat(violations).contains("Deployment/peyk-gateway/peyk: readiness probe missing",
                "Deployment/peyk-gateway/peyk: no securityContext");
    }

    private static List<Integer> portList(NetworkPolicyEgressRule rule) {
        return rule.getPorts().stream().map(p -> p.getPort().getIntVal()).toList();
    }

    private static Deployment deployment(List<HasMetadata> objects, String name) {
        return one(objects, Deployment.class, name);
    }

    private static Container container(Deployment d) {
        return d.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static EnvVar env(Container c, String name) {
        return c.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in the environment of " + c.getName()));
    }

    private static List<String> envNames(Container c) {
        return c.getEnv().stream().map(EnvVar::getName).toList();
    }

    private static <T extends HasMetadata> List<String> names(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(o -> o.getMetadata().getName()).toList();
    }

    private static <T extends HasMetadata> T one(List<HasMetadata> objects, Class<T> type) {
        List<T> found = objects.stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(found).as(type.getSimpleName()).hasSize(1);
        return found.get(0);
    }

    private static <T extends HasMetadata> T one(List<HasMetadata> objects, Class<T> type, String name) {
        return one(objects, type, name, null);
    }

    private static <T extends HasMetadata> T one(List<HasMetadata> objects, Class<T> type, String name, String kind) {
        List<T> found = objects.stream().filter(type::isInstance).map(type::cast)
                .filter(o -> o.getMetadata().getName().equals(name) && (kind == null || kind.equals(o.getKind())))
                .toList();
        assertThat(found).as(type.getSimpleName() + " " + name).hasSize(1);
        return found.get(0);
    }
}

package io.peyk.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.marcnuri.helm.LintResult;

/** lint --strict, and invalid values refused with a message that names the value: by the schema or by validateValues. */
class ValuesValidationTest {

    @Test
    void lintStrictPassesWithEachValuesFile(@TempDir Path tmp) {
        for (String values : new String[]{"minimal", "production", "ha"}) {
            LintResult result = Chart.lintStrict(Chart.copyWithValues(tmp.resolve(values), Chart.ciValues(values)));

            assertThat(result.isFailed()).as(values + ": " + result.getMessages()).isFalse();
            assertThat(result.getMessages()).as(values).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
        }
    }

    /** helm lint --strict of the chart as it is: clean (a template's fail is only information to lint). */
    @Test
    void lintStrictPassesWithTheBareDefaults() {
        LintResult result = Chart.lintStrict(Chart.path());

        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
    }

    /** The bare defaults cannot install (no database, Kafka, secrets or SMSC): rendering names every value to set. */
    @Test
    void renderingTheBareDefaultsNamesEveryRequiredValue() {
        assertThatThrownBy(() -> Chart.template(Chart.path(), null, Map.of())).hasMessageContainingAll(
                "PEYK VALUES ERROR", "peyk: database.host: set the PostgreSQL host", "peyk: database.existingSecret:",
                "peyk: kafka.bootstrapServers:", "peyk: admin.existingSecret:",
                "peyk: smpp.connectors: configure at least one SMSC connector");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "image.pullPolicy | Sometimes | '/image/pullPolicy': value must be one of 'Always', 'IfNotPresent', 'Never'",
            "gateway.replicaCount | -1 | '/gateway/replicaCount': minimum: got -1, want 0",
            "database.sslMode | sometimes | '/database/sslMode': value must be one of",
            "database.port | 70000 | '/database/port': maximum",
            "kafka.bootstrapServers | kafka | '/kafka/bootstrapServers'",
            "containerSecurityContext.readOnlyRootFilesystem | false | '/containerSecurityContext/readOnlyRootFilesystem'",
            "containerSecurityContext.allowPrivilegeEscalation | true | '/containerSecurityContext/allowPrivilegeEscalation'",
            "podSecurityContext.runAsNonRoot | false | '/podSecurityContext/runAsNonRoot'",
            "smpp.connectors.Bad_Name.host | 10.0.0.1 | invalid propertyName 'Bad_Name'",
            "smpp.connectors.smsc1.systemId | a-system-id-longer-than-15 | '/smpp/connectors/smsc1/systemId'",
            "smpp.connectors.smsc1.settings.password | plain | '/smpp/connectors/smsc1/settings'",
            "smpp.connectors.smsc1.settings.tls-trust-store-password | plain | '/smpp/connectors/smsc1/settings'",
            "smpp.connectors.smsc1.settings.tls | true | '/smpp/connectors/smsc1/settings'",
            "smpp.connectors.smsc1.tls | yes | '/smpp/connectors/smsc1/tls'",
            "smpp.connectors.smsc1.tlsTrustStoreSecret.name | peyk-smsc-ca | '/smpp/connectors/smsc1/tlsTrustStoreSecret'",
            "smpp.connectors.smsc1.tlsTrustStoreSecret.password | plain | '/smpp/connectors/smsc1/tlsTrustStoreSecret'",
            "tuning.dispatcherLease | soon | '/tuning/dispatcherLease'",
            "probes.readiness.path | q/health/ready | '/probes/readiness/path'",
            "replicas | 3 | additional properties 'replicas' not allowed",
            "encryption.keyIds[0] | bad-id | '/encryption/keyIds/0'",
    })
    void schemaRefusesInvalidValues(String key, String value, String named) {
        assertThatThrownBy(() -> Chart.template(Chart.path(), Chart.ciValues("minimal"), Map.of(key, value)))
                .hasMessageContaining("values don't meet the specifications of the schema").hasMessageContaining(named);
    }

    @Test
    void aTrustStoreSecretWithoutTlsIsRefused() {
        Map<String, Object> sets = Map.of("smpp.connectors.smsc1.tlsTrustStoreSecret.name", "peyk-smsc-ca",
                "smpp.connectors.smsc1.tlsTrustStoreSecret.key", "truststore.p12",
                "smpp.connectors.smsc1.tlsTrustStoreSecret.passwordKey", "truststore-password");

        assertThatThrownBy(() -> Chart.template(Chart.path(), Chart.ciValues("minimal"), sets))
                .hasMessageContaining("PEYK VALUES ERROR").hasMessageContaining(
                        "peyk: smpp.connectors.smsc1.tlsTrustStoreSecret: a trust store needs tls: true on the connector");
        Map<String, Object> withTls = new java.util.HashMap<>(sets);
        withTls.put("smpp.connectors.smsc1.tls", "true");
        assertThat(Chart.template(Chart.path(), Chart.ciValues("minimal"), withTls))
                .contains("peyk.smpp.connectors.smsc1.tls-trust-store-file=/deployments/smpp-tls/smsc1/truststore.p12");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "smpp.routes.+98912[0] | nowhere | smpp.routes.+98912: connector \"nowhere\" is not in smpp.connectors",
            "smpp.defaultRoute[0] | nowhere | smpp.defaultRoute: connector \"nowhere\" is not in smpp.connectors",
            "gateway.pdb.minAvailable | 1 | gateway.pdb: set minAvailable or maxUnavailable, not both",
            "billing.autoscaling.enabled | true | billing.autoscaling: minReplicas (3) exceeds maxReplicas (2)",
            "kafka.sasl.mechanism | PLAIN | kafka.sasl.existingSecret: name the Secret holding sasl.jaas.config",
            "extraProperties.peyk\\.webhooks\\.signing-secret | x | extraProperties.peyk.webhooks.signing-secret: looks like a secret",
            "gateway.enabled | false | gateway.enabled: the gateway role is required",
            "encryption.activeKeyId | other | encryption.activeKeyId: must be one of encryption.keyIds",
            "encryption.existingSecret | '' | encryption.existingSecret: name the Secret holding the text encryption keys",
    })
    void validateValuesRefusesInconsistentValues(String key, String value, String message) {
        Map<String, Object> sets = key.startsWith("billing.autoscaling")
                ? Map.of(key, value, "billing.autoscaling.minReplicas", "3", "billing.autoscaling.maxReplicas", "2")
                : Map.of(key, value);
        assertThatThrownBy(() -> Chart.template(Chart.path(), Chart.ciValues("minimal"), sets))
                .hasMessageContaining("PEYK VALUES ERROR").hasMessageContaining("peyk: " + message);
    }
}

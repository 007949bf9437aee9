package io.peyk.helm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

/**
 * The rules every rendering of the chart must satisfy, as a list of violations (empty when the manifests are sound), so
 * that a test can also show that breaking a template is caught.
 */
final class ManifestChecks {

    /** Labels allowed in selectors: name and instance, plus component to tell the roles apart. Never version or chart. */
    static final Set<String> SELECTOR_KEYS = Set.of("app.kubernetes.io/name", "app.kubernetes.io/instance",
            "app.kubernetes.io/component");
    static final Set<String> STANDARD_LABELS = Set.of("app.kubernetes.io/name", "app.kubernetes.io/instance",
            "app.kubernetes.io/version", "app.kubernetes.io/managed-by", "helm.sh/chart");
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSWORD|SECRET|TOKEN|JAAS).*");
    private static final Pattern SECRET_PROPERTY = Pattern
            .compile("(?im)^[^#\\n]*(password|secret|token|jaas)[^=\\n]*=(?!\\$\\{)");

    private ManifestChecks() {
    }

    static List<String> violations(List<HasMetadata> objects) {
        List<String> v = new ArrayList<>();
        boolean networkPolicy = false;
        int deployments = 0;
        for (HasMetadata o : objects) {
            String id = o.getKind() + "/" + o.getMetadata().getName();
            Map<String, String> labels = o.getMetadata().getLabels();
            if (labels == null || !labels.keySet().containsAll(STANDARD_LABELS)) {
                v.add(id + ": standard labels missing");
            }
            if ("Secret".equals(o.getKind())) {
                v.add(id + ": the chart must not create Secrets (secrets only by reference)");
            }
            if (o instanceof Deployment d) {
                deployments++;
                checkSelector(v, id, d.getSpec().getSelector().getMatchLabels());
                if (!d.getSpec().getTemplate().getMetadata().getLabels().entrySet()
                        .containsAll(d.getSpec().getSelector().getMatchLabels().entrySet())) {
                    v.add(id + ": pod labels do not match the selector");
                }
                checkPod(v, id, d.getSpec().getTemplate().getSpec(), true);
            } else if (o instanceof Job j) {
                checkPod(v, id, j.getSpec().getTemplate().getSpec(), false);
            } else if (o instanceof Service s) {
                checkSelector(v, id, s.getSpec().getSelector());
            } else if (o instanceof ConfigMap c && c.getData() != null) {
                c.getData().forEach((key, text) -> {
                    if (key.endsWith(".properties") && SECRET_PROPERTY.matcher(text).find()) {
                        v.add(id + ": a secret-looking property has a literal value in " + key);
                    }
                });
            } else if (o instanceof NetworkPolicy np) {
                networkPolicy = true;
                if (!np.getSpec().getPolicyTypes().containsAll(List.of("Ingress", "Egress"))) {
                    v.add(id + ": must restrict both ingress and egress");
                }
                if (np.getSpec().getEgress().isEmpty() || np.getSpec().getIngress().isEmpty()) {
                    v.add(id + ": ingress and egress rules expected");
                }
                checkSelector(v, id, np.getSpec().getPodSelector().getMatchLabels());
            }
        }
        if (deployments == 0) {
            v.add("no Deployment rendered");
        }
        if (!networkPolicy) {
            v.add("no NetworkPolicy rendered");
        }
        return v;
    }

    private static void checkSelector(List<String> v, String id, Map<String, String> selector) {
        if (selector == null || !selector.containsKey("app.kubernetes.io/name")
                || !selector.containsKey("app.kubernetes.io/instance")) {
            v.add(id + ": selector must carry name and instance");
        } else if (!SELECTOR_KEYS.containsAll(selector.keySet())) {
            v.add(id + ": selector has labels beyond name, instance and component: " + selector.keySet());
        }
    }

    private static void checkPod(List<String> v, String id, PodSpec pod, boolean probes) {
        PodSecurityContext psc = pod.getSecurityContext();
        if (psc == null || !Boolean.TRUE.equals(psc.getRunAsNonRoot())) {
            v.add(id + ": pod must run as non-root");
        }
        if (!Boolean.FALSE.equals(pod.getAutomountServiceAccountToken())) {
            v.add(id + ": no service account token may be mounted");
        }
        if (!Boolean.FALSE.equals(pod.getEnableServiceLinks())) {
            v.add(id + ": service links must be off (they leak variables into the Quarkus configuration)");
        }
        for (Container c : pod.getContainers()) {
            String cid = id + "/" + c.getName();
            SecurityContext sc = c.getSecurityContext();
            if (sc == null) {
                v.add(cid + ": no securityContext");
            } else {
                if (!Boolean.TRUE.equals(sc.getRunAsNonRoot())) {
                    v.add(cid + ": runAsNonRoot must be true");
                }
                if (!Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem())) {
                    v.add(cid + ": readOnlyRootFilesystem must be true");
                }
                if (!Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
                    v.add(cid + ": allowPrivilegeEscalation must be false");
                }
                if (sc.getCapabilities() == null || !sc.getCapabilities().getDrop().contains("ALL")
                        || !sc.getCapabilities().getAdd().isEmpty()) {
                    v.add(cid + ": capabilities must drop ALL and add none");
                }
            }
            if (c.getResources() == null || c.getResources().getRequests() == null
                    || c.getResources().getLimits() == null) {
                v.add(cid + ": resources requests and limits expected");
            }
            if (c.getVolumeMounts().stream().noneMatch(m -> "/tmp".equals(m.getMountPath()))) {
                v.add(cid + ": a writable /tmp is needed with a read-only root filesystem");
            }
            for (EnvVar e : c.getEnv()) {
                if (SECRET_NAME.matcher(e.getName()).matches() && (e.getValue() != null || e.getValueFrom() == null
                        || e.getValueFrom().getSecretKeyRef() == null)) {
                    v.add(cid + ": " + e.getName() + " must come from a Secret by reference");
                }
            }
            if (probes) {
                checkProbe(v, cid, "startup", c.getStartupProbe(), "/q/health/started");
                checkProbe(v, cid, "liveness", c.getLivenessProbe(), "/q/health/live");
                checkProbe(v, cid, "readiness", c.getReadinessProbe(), "/q/health/ready");
            }
        }
    }

    private static void checkProbe(List<String> v, String id, String kind, Probe probe, String path) {
        if (probe == null || probe.getHttpGet() == null) {
            v.add(id + ": " + kind + " probe missing");
        } else if (!path.equals(probe.getHttpGet().getPath()) || !"http".equals(probe.getHttpGet().getPort().getStrVal())) {
            v.add(id + ": " + kind + " probe must GET " + path + " on port http");
        }
    }
}

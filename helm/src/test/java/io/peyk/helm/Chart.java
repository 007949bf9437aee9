package io.peyk.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** The chart under test (helm/peyk) and the helm-java calls the tests make: lint, template, parse to typed objects. */
final class Chart {

    static final String RELEASE = "peyk";
    static final String NAMESPACE = "messaging";
    /** Bound on documents in one rendering: the chart renders fewer than 30. */
    private static final int MAX_DOCUMENTS = 200;

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Chart() {
    }

    /** helm/peyk, from the module directory Maven runs the tests in. */
    static Path path() {
        Path chart = Path.of("peyk").toAbsolutePath();
        if (!Files.isRegularFile(chart.resolve("Chart.yaml"))) {
            throw new IllegalStateException("no chart at " + chart);
        }
        return chart;
    }

    static Path ciValues(String name) {
        return path().resolve("ci").resolve(name + "-values.yaml");
    }

    /** {@code helm template} with a values file (may be null) and {@code --set} pairs; throws on a render failure. */
    static String template(Path chart, Path valuesFile, Map<String, Object> sets) {
        TemplateCommand command = new Helm(chart).template().withName(RELEASE).withNamespace(NAMESPACE)
                .withKubeVersion("1.31.0");
        if (valuesFile != null) {
            command = command.withValuesFile(valuesFile);
        }
        for (Map.Entry<String, Object> set : sets.entrySet()) {
            command = command.set(set.getKey(), set.getValue());
        }
        return command.call();
    }

    static List<HasMetadata> render(String ciName) {
        return parse(template(path(), ciValues(ciName), Map.of()));
    }

    static List<HasMetadata> render(String ciName, Map<String, Object> sets) {
        return parse(template(path(), ciValues(ciName), sets));
    }

    /** Every YAML document of a rendering as a typed object (GenericKubernetesResource for custom resources). */
    static List<HasMetadata> parse(String manifests) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : manifests.split("(?m)^---\\s*$")) {
            if (document.lines().allMatch(line -> line.isBlank() || line.stripLeading().startsWith("#"))) {
                continue;
            }
            if (objects.size() == MAX_DOCUMENTS) {
                throw new IllegalStateException("more than " + MAX_DOCUMENTS + " documents");
            }
            objects.add(SERIALIZATION.unmarshal(document, HasMetadata.class));
        }
        return objects;
    }

    /** {@code helm lint --strict} of a chart directory. */
    static LintResult lintStrict(Path chart) {
        return new Helm(chart).lint().strict().call();
    }

    /**
     * A copy of the chart in {@code target} whose values.yaml is the chart's defaults overlaid with {@code overlay}: how
     * the tests lint with values, since helm-java's lint takes none.
     */
    static Path copyWithValues(Path target, Path overlay) {
        try {
            Path copy = copy(path(), target);
            Map<String, Object> defaults = readYaml(copy.resolve("values.yaml"));
            deepMerge(defaults, readYaml(overlay));
            YAML.writeValue(copy.resolve("values.yaml").toFile(), defaults);
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A plain copy of the chart (for tests that break a template on purpose). */
    static Path copy(Path source, Path target) {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path to = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readYaml(Path file) throws IOException {
        Map<String, Object> map = YAML.readValue(file.toFile(), LinkedHashMap.class);
        return map == null ? new LinkedHashMap<>() : map;
    }

    @SuppressWarnings("unchecked")
    private static void deepMerge(Map<String, Object> into, Map<String, Object> overlay) {
        overlay.forEach((key, value) -> {
            Object existing = into.get(key);
            if (existing instanceof Map && value instanceof Map) {
                deepMerge((Map<String, Object>) existing, (Map<String, Object>) value);
            } else {
                into.put(key, value);
            }
        });
    }
}

package io.peyk.gateway.observability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.peyk.gateway.EmbeddedServicesResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * One catalog of Peyk's metrics, kept honest both ways: every {@code peyk_} metric the application exposes is in the
 * table of docs/operations.md and every name there is exposed, and every {@code peyk_} name the chart's alerts and
 * dashboard query is one the application exposes — a renamed metric cannot silently blind an alert.
 */
@QuarkusTest
@WithTestResource(EmbeddedServicesResource.class)
class MetricsCatalogTest {

    private static final Path REPO = Path.of("..");
    private static final Pattern NAME = Pattern.compile("\\bpeyk_[a-z0-9_]+");
    /** Prometheus suffixes of one family (counter total, histogram and summary series). */
    private static final Pattern SUFFIX = Pattern.compile("_(total|bucket|count|sum|max|created)$");

    @Test
    void everyExposedMetricIsDocumentedAndEveryQueriedMetricExists() throws IOException {
        Set<String> exposed = new TreeSet<>();
        for (String line : given().get("/q/metrics").then().statusCode(200).extract().asString().split("\n")) {
            if (!line.startsWith("#") && line.startsWith("peyk_")) {
                exposed.add(family(line.substring(0, line.indexOf(line.contains("{") ? '{' : ' '))));
            }
        }
        assertThat(exposed).as("exposed peyk_ families").hasSizeGreaterThan(30);

        Set<String> documented = new TreeSet<>();
        String operations = Files.readString(REPO.resolve("docs/operations.md"));
        String catalog = operations.substring(operations.indexOf("## Metrics"));
        catalog = catalog.substring(0, catalog.indexOf("\n## ", 3));
        for (String line : catalog.split("\n")) {
            if (line.startsWith("| `peyk_")) {
                documented.add(family(line.substring(3, line.indexOf('`', 3))));
            }
        }
        assertThat(documented).as("docs/operations.md 'Metrics' table vs /q/metrics").isEqualTo(exposed);

        Set<String> queried = new TreeSet<>();
        try (Stream<Path> files = Stream.concat(Files.list(REPO.resolve("helm/peyk/templates")),
                Files.list(REPO.resolve("helm/peyk/dashboards")))) {
            for (Path f : files.toList()) {
                Matcher m = NAME.matcher(Files.readString(f));
                while (m.find()) {
                    queried.add(family(m.group()));
                }
            }
        }
        assertThat(queried).as("peyk_ metrics the chart's alerts and dashboard query").isNotEmpty();
        assertThat(exposed).as("exposed metrics").containsAll(queried);
    }

    private static String family(String name) {
        return SUFFIX.matcher(name).replaceAll("");
    }
}

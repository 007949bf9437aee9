package io.peyk.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Every value is documented, once, the same way: each leaf of values.yaml is covered by a {@code ## @param} comment
 * (a map documented as a whole covers its keys), and the chart README's values tables list exactly those parameters
 * with the same description and, for scalars, the default values.yaml really has.
 */
class ValuesDocumentationTest {

    private static final Pattern PARAM = Pattern.compile("^## @param (\\S+) (.+)$", Pattern.MULTILINE);
    private static final Pattern ROW = Pattern.compile("^\\| `([A-Za-z0-9_.-]+)` \\| (.*) \\| (.*) \\|$",
            Pattern.MULTILINE);

    @Test
    void everyLeafHasAParameterAndTheReadmeTablesMatchThem() throws IOException {
        String valuesText = Files.readString(Chart.path().resolve("values.yaml"));
        JsonNode values = new ObjectMapper(new YAMLFactory()).readTree(valuesText);
        Map<String, String> params = new LinkedHashMap<>();
        Matcher p = PARAM.matcher(valuesText);
        while (p.find()) {
            assertThat(params.put(p.group(1), p.group(2).strip())).as("@param %s documented twice", p.group(1)).isNull();
        }
        assertThat(params).hasSizeGreaterThan(100);

        List<String> undocumented = new ArrayList<>();
        for (String leaf : leaves(values, "")) {
            if (params.keySet().stream().noneMatch(k -> leaf.equals(k) || leaf.startsWith(k + "."))) {
                undocumented.add(leaf);
            }
        }
        assertThat(undocumented).as("values without a ## @param").isEmpty();
        for (String param : params.keySet()) {
            assertThat(at(values, param)).as("@param %s names no value", param).isNotNull();
        }

        Map<String, String[]> rows = new LinkedHashMap<>();
        Matcher r = ROW.matcher(Files.readString(Chart.path().resolve("README.md")));
        while (r.find()) {
            rows.put(r.group(1), new String[]{r.group(2).strip(), r.group(3).strip()});
        }
        assertThat(rows.keySet()).as("README values tables vs values.yaml @param").containsExactlyInAnyOrderElementsOf(
                params.keySet());
        for (Map.Entry<String, String> param : params.entrySet()) {
            String[] row = rows.get(param.getKey());
            assertThat(row[0]).as("README description of %s", param.getKey()).isEqualTo(param.getValue());
            JsonNode value = at(values, param.getKey());
            if (value.isValueNode() && !value.isNull()) {
                String expected = value.asText().isEmpty() ? "`\"\"`" : "`" + value.asText() + "`";
                assertThat(row[1]).as("README default of %s", param.getKey()).isEqualTo(expected);
            }
        }
    }

    private static List<String> leaves(JsonNode node, String prefix) {
        List<String> out = new ArrayList<>();
        if (node.isObject() && node.size() > 0) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                out.addAll(leaves(e.getValue(), prefix + e.getKey() + "."));
            }
        } else {
            out.add(prefix.substring(0, prefix.length() - 1));
        }
        return out;
    }

    private static JsonNode at(JsonNode root, String path) {
        JsonNode node = root;
        for (String part : path.split("\\.")) {
            node = node == null ? null : node.get(part);
        }
        return node;
    }
}

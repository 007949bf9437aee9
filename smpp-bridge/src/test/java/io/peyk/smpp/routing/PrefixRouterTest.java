package io.peyk.smpp.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class PrefixRouterTest {

    private static PrefixRouter router() {
        Map<String, List<String>> rules = new LinkedHashMap<>();
        rules.put("+989", List.of("mci-1", "mci-2"));
        rules.put("+98912", List.of("mci-vip"));
        rules.put("0098 93", List.of("irancell"));
        rules.put("+1", List.of("us"));
        return new PrefixRouter(rules, List.of("aggregator"));
    }

    @Test
    void longestPrefixWins() {
        PrefixRouter r = router();
        assertThat(r.candidates("+989121234567")).containsExactly("mci-vip");
        assertThat(r.candidates("+989111234567")).containsExactly("mci-1", "mci-2");
        assertThat(r.candidates("+989351234567")).containsExactly("irancell");
        assertThat(r.candidates("+12025550123")).containsExactly("us");
    }

    @Test
    void defaultListWhenNoPrefixMatches() {
        assertThat(router().candidates("+447700900123")).containsExactly("aggregator");
        assertThat(router().candidates("+98")).containsExactly("aggregator");
    }

    @Test
    void noRouteWithoutDefault() {
        PrefixRouter r = new PrefixRouter(Map.of("+98", List.of("a")), List.of());
        assertThat(r.candidates("+447700900123")).isEmpty();
        assertThat(r.candidates("+98912")).containsExactly("a");
    }

    @Test
    void numbersAreNormalisedLikePrefixes() {
        PrefixRouter r = router();
        assertThat(r.candidates("0098 912 123 4567")).containsExactly("mci-vip");
        assertThat(r.candidates(" +98 935\t123 4567 ")).containsExactly("irancell");
    }

    @Test
    void malformedNumbersHaveNoRoute() {
        PrefixRouter r = router();
        assertThat(r.candidates("989121234567")).isEmpty();
        assertThat(r.candidates("+98-912-123")).isEmpty();
        assertThat(r.candidates("+")).isEmpty();
        assertThat(r.candidates("")).isEmpty();
        assertThat(r.candidates(null)).isEmpty();
        assertThat(r.candidates("+9891212345678901")).isEmpty();
        assertThat(r.candidates("+۹۸۹۱۲")).isEmpty();
    }

    @Test
    void normaliseForms() {
        assertThat(PrefixRouter.normalise("00 98 912")).contains("+98912");
        assertThat(PrefixRouter.normalise("+98912")).contains("+98912");
        assertThat(PrefixRouter.normalise("+123456789012345")).contains("+123456789012345");
        assertThat(PrefixRouter.normalise("+1234567890123456")).isEmpty();
        assertThat(PrefixRouter.normalise("0 098")).contains("+98");
        assertThat(PrefixRouter.normalise("98")).isEmpty();
        assertThat(PrefixRouter.normalise("++98")).isEmpty();
    }

    @Test
    void duplicatePrefixesAfterNormalisationAreRejected() {
        Map<String, List<String>> rules = new LinkedHashMap<>();
        rules.put("+98912", List.of("a"));
        rules.put("0098 912", List.of("b"));
        assertThatThrownBy(() -> new PrefixRouter(rules, List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duplicate prefix").hasMessageContaining("+98912");
    }

    @Test
    void invalidRulesAreRejectedWithClearMessages() {
        assertThatThrownBy(() -> new PrefixRouter(Map.of("98", List.of("a")), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid prefix '98'");
        assertThatThrownBy(() -> new PrefixRouter(Map.of("+98", List.of()), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no connectors");
        assertThatThrownBy(() -> new PrefixRouter(Map.of("+98", List.of(" ")), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty connector name");
        assertThatThrownBy(() -> new PrefixRouter(Map.of("+98", Arrays.asList("a", null)), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty connector name");
        assertThatThrownBy(() -> new PrefixRouter(Map.of("+98", List.of("a", "a")), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> new PrefixRouter(Map.of(), List.of("")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("default route");
        assertThatThrownBy(() -> new PrefixRouter(Map.of("+98", List.of(" a")), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("surrounding spaces");
        assertThatThrownBy(() -> new PrefixRouter(Map.of("+98", List.of("x".repeat(129))), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longer than");
    }

    @Test
    void rulesAreCopied() {
        Map<String, List<String>> rules = new HashMap<>();
        rules.put("+98", List.of("a"));
        PrefixRouter r = new PrefixRouter(rules, List.of());
        rules.put("+44", List.of("b"));
        assertThat(r.candidates("+4477")).isEmpty();
    }

    @Test
    void agreesWithABruteForceLongestMatch() {
        Random random = new Random(99L);
        Map<String, List<String>> rules = new HashMap<>();
        while (rules.size() < 300) {
            rules.put("+" + digits(random, 1 + random.nextInt(5)), List.of("c" + rules.size()));
        }
        PrefixRouter r = new PrefixRouter(rules, List.of("default"));
        for (int i = 0; i < 10_000; i++) {
            String number = "+" + digits(random, 1 + random.nextInt(14));
            String best = null;
            for (String prefix : rules.keySet()) {
                if (number.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
                    best = prefix;
                }
            }
            assertThat(r.candidates(number)).as(number).isEqualTo(best == null ? List.of("default") : rules.get(best));
        }
    }

    private static String digits(Random random, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append((char) ('0' + random.nextInt(3)));
        }
        return sb.toString();
    }
}

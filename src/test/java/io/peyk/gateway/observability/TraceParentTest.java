package io.peyk.gateway.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class TraceParentTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN = "00f067aa0ba902b7";

    @Test
    void readsTheSpecificationsExampleAndWritesItBackByteForByte() {
        String header = "00-" + TRACE + "-" + SPAN + "-01";
        TraceParent parsed = TraceParent.parse(header).orElseThrow();
        assertThat(parsed).isEqualTo(new TraceParent(TRACE, SPAN, true));
        assertThat(parsed.header()).isEqualTo(header);
        assertThat(TraceParent.parse("00-" + TRACE + "-" + SPAN + "-00").orElseThrow().sampled()).isFalse();
        // Other flag bits are kept out; only the sampled bit counts.
        assertThat(TraceParent.parse("00-" + TRACE + "-" + SPAN + "-03").orElseThrow().sampled()).isTrue();
    }

    @Test
    void laterVersionsAreReadByTheirFirstFields() {
        assertThat(TraceParent.parse("01-" + TRACE + "-" + SPAN + "-01-extra")).contains(new TraceParent(TRACE, SPAN, true));
        assertThat(TraceParent.parse("01-" + TRACE + "-" + SPAN + "-01")).isPresent();
        assertThat(TraceParent.parse("01-" + TRACE + "-" + SPAN + "-01x")).isEmpty();
    }

    @Test
    void refusesEverythingTheSpecificationCallsInvalid() {
        String[] invalid = {null, "", "garbage", "00-" + TRACE + "-" + SPAN + "-01-", // version 00 has exactly 4 fields
                "ff-" + TRACE + "-" + SPAN + "-01", // version ff is forbidden
                "00-" + "0".repeat(32) + "-" + SPAN + "-01", // all-zero trace id
                "00-" + TRACE + "-" + "0".repeat(16) + "-01", // all-zero span id
                "00-" + TRACE.toUpperCase() + "-" + SPAN + "-01", // upper case
                "00-" + TRACE.substring(1) + "g-" + SPAN + "-01", // not hex
                "00_" + TRACE + "-" + SPAN + "-01", "00-" + TRACE + "-" + SPAN + "-1", "0-" + TRACE + "-" + SPAN + "-01",
                "00-" + TRACE + "-" + SPAN + "-zz", "01-" + TRACE + "-" + SPAN + "-01-" + "x".repeat(300)};
        for (String header : invalid) {
            assertThat(TraceParent.parse(header)).as(String.valueOf(header)).isEmpty();
        }
        assertThatThrownBy(() -> new TraceParent("0".repeat(32), SPAN, true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TraceParent(TRACE, "abc", true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void newTracesAndChildSpansAreFreshAndWellFormed() {
        Set<String> traces = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            TraceParent t = TraceParent.newTrace();
            assertThat(TraceParent.parse(t.header())).contains(t);
            traces.add(t.traceId());
            TraceParent child = t.child();
            assertThat(child.traceId()).isEqualTo(t.traceId());
            assertThat(child.sampled()).isEqualTo(t.sampled());
            assertThat(child.spanId()).isNotEqualTo(t.spanId());
        }
        assertThat(traces).hasSize(10_000);
    }
}

package io.peyk.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonMappingException;

class ProblemsTest {

    @Test
    void retryAfterRoundsUpToWholeSecondsAtLeastOne() {
        assertThat(Problems.retryAfterSeconds(Duration.ZERO)).isEqualTo(1);
        assertThat(Problems.retryAfterSeconds(Duration.ofNanos(1))).isEqualTo(1);
        assertThat(Problems.retryAfterSeconds(Duration.ofSeconds(1))).isEqualTo(1);
        assertThat(Problems.retryAfterSeconds(Duration.ofMillis(1001))).isEqualTo(2);
        assertThat(Problems.retryAfterSeconds(Duration.ofSeconds(9, 1))).isEqualTo(10);
        assertThat(Problems.retryAfterSeconds(Duration.ofSeconds(-3))).isEqualTo(1);
    }

    @Test
    void tooManyRequestsCarriesRetryAfter() {
        ProblemException problem = Problems.tooManyRequests(Duration.ofMillis(2500));
        assertThat(problem.status()).isEqualTo(429);
        assertThat(problem.type()).isEqualTo("rate-limited");
        assertThat(problem.headers()).containsExactly(Map.entry("Retry-After", "3"));
    }

    @Test
    void responseIsProblemJsonWithTheDocumentedShape() {
        Response response = Problems.response(
                new ProblemException(422, "invalid-field", "Invalid field", "to must be E.164.", Optional.of("to"),
                        Map.of("X-Test", "1")),
                "/v1/messages");
        assertThat(response.getStatus()).isEqualTo(422);
        assertThat(response.getMediaType().toString()).isEqualTo("application/problem+json");
        assertThat(response.getHeaderString("X-Test")).isEqualTo("1");
        assertThat(response.getEntity()).isEqualTo("{\"type\":\"https://peyk.io/problems/invalid-field\","
                + "\"title\":\"Invalid field\",\"status\":422,\"detail\":\"to must be E.164.\",\"field\":\"to\","
                + "\"instance\":\"/v1/messages\"}");
    }

    @Test
    void longTextsAreCut() {
        Response response = Problems.response(ProblemException.of(400, "x", "X", "d".repeat(5000)), "/p");
        assertThat((String) response.getEntity()).hasSizeLessThan(Problems.MAX_TEXT + 200);
    }

    @Test
    void jsonPathsReadLikeTheRequest() {
        Object root = new Object();
        assertThat(JsonProblems.path(List.of(new JsonMappingException.Reference(root, "messages"),
                new JsonMappingException.Reference(root, 3), new JsonMappingException.Reference(root, "text"))))
                .isEqualTo("messages[3].text");
        assertThat(JsonProblems.path(List.of())).isEmpty();
        assertThat(JsonProblems.path(List.of(new JsonMappingException.Reference(root, 0)))).isEqualTo("[0]");
    }
}

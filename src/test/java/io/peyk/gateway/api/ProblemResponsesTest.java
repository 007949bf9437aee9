package io.peyk.gateway.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

import io.peyk.gateway.EmbeddedServicesResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

@QuarkusTest
@WithTestResource(EmbeddedServicesResource.class)
class ProblemResponsesTest {

    private static final RestAssuredConfig RAW = RestAssuredConfig.config()
            .encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));

    @TestHTTPResource("/")
    URL base;

    private static JsonPath problem(Response response, int status, String slug) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonPath body = response.jsonPath();
        assertThat(body.getString("type")).isEqualTo("https://peyk.io/problems/" + slug);
        assertThat(body.getInt("status")).isEqualTo(status);
        assertThat(body.getString("title")).isNotBlank();
        assertThat(body.getString("detail")).isNotBlank();
        // Every problem names the request's trace, the same id as the response header.
        assertThat(body.getString("traceId")).matches("[0-9a-f]{32}").isEqualTo(response.header("X-Trace-Id"));
        return body;
    }

    private static Response post(String json) {
        return given().config(RAW).contentType("application/json").body(json.getBytes(StandardCharsets.UTF_8))
                .post("/test-f/echo");
    }

    @Test
    void wellFormedBodyPasses() {
        JsonPath body = post("{\"to\":\"+989121234567\",\"messages\":[{\"text\":\"سلام\",\"count\":2}]}").then()
                .statusCode(200).extract().jsonPath();
        assertThat(body.getString("messages[0].text")).isEqualTo("سلام");
    }

    @Test
    void malformedJsonIs400WithoutEchoingTheBody() {
        JsonPath body = problem(post("{\"to\": secretword }"), 400, "malformed-json");
        assertThat(body.getString("instance")).isEqualTo("/test-f/echo");
        assertThat(body.getString("detail")).doesNotContain("secretword").contains("line 1");
        assertThat(body.getString("field")).isNull();
    }

    @Test
    void trailingContentAndDuplicateKeysAreMalformed() {
        problem(post("{\"to\":\"a\"} {\"to\":\"b\"}"), 400, "malformed-json");
        problem(post("{\"to\":\"a\",\"to\":\"b\"}"), 400, "malformed-json");
    }

    @Test
    void wrongTypeNamesTheFieldPath() {
        JsonPath top = problem(post("{\"to\": 12}"), 400, "invalid-field");
        assertThat(top.getString("field")).isEqualTo("to");
        assertThat(top.getString("detail")).contains("string");

        String items = "{\"text\":\"a\",\"count\":1},".repeat(3);
        JsonPath nested = problem(post("{\"messages\":[" + items + "{\"text\":{\"x\":1},\"count\":1}]}"), 400,
                "invalid-field");
        assertThat(nested.getString("field")).isEqualTo("messages[3].text");

        // No coercion: a string is not an integer, a fraction is not an integer, null is not an int.
        assertThat(problem(post("{\"messages\":[{\"count\":\"5\"}]}"), 400, "invalid-field").getString("field"))
                .isEqualTo("messages[0].count");
        assertThat(problem(post("{\"messages\":[{\"count\":5.5}]}"), 400, "invalid-field").getString("field"))
                .isEqualTo("messages[0].count");
        assertThat(problem(post("{\"messages\":[{\"count\":null}]}"), 400, "invalid-field").getString("field"))
                .isEqualTo("messages[0].count");
        assertThat(problem(post("{\"messages\":{}}"), 400, "invalid-field").getString("field")).isEqualTo("messages");
    }

    @Test
    void wrongRootTypeIsMalformed() {
        assertThat(problem(post("[1,2]"), 400, "malformed-json").getString("field")).isNull();
    }

    @Test
    void unknownFieldIsNamed() {
        JsonPath body = problem(post("{\"to\":\"a\",\"colour\":\"red\"}"), 400, "unknown-field");
        assertThat(body.getString("field")).isEqualTo("colour");
        JsonPath nested = problem(post("{\"messages\":[{\"text\":\"a\",\"count\":1},{\"count\":1,\"txet\":\"b\"}]}"), 400,
                "unknown-field");
        assertThat(nested.getString("field")).isEqualTo("messages[1].txet");
    }

    @Test
    void invalidUtf8Is400() {
        byte[] bytes = {'{', '"', 't', 'o', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        problem(given().config(RAW).contentType("application/json").body(bytes).post("/test-f/echo"), 400,
                "invalid-utf8");
        byte[] lone = {'{', '"', 't', 'o', '"', ':', '"', (byte) 0xFF, '"', '}'};
        problem(given().config(RAW).contentType("application/json").body(lone).post("/test-f/echo"), 400,
                "invalid-utf8");
    }

    @Test
    void unsupportedMediaTypeIs415() {
        problem(given().contentType("text/plain").body("hello").post("/test-f/echo"), 415, "unsupported-media-type");
    }

    @Test
    void unknownRouteIs404Problem() {
        JsonPath body = problem(given().get("/no/such/path"), 404, "not-found");
        assertThat(body.getString("instance")).isEqualTo("/no/such/path");
        problem(given().get("/test-f/nothing-here"), 404, "not-found");
        problem(given().get("/admin/v1/nothing-here"), 404, "not-found");
    }

    @Test
    void wrongMethodIs405() {
        Response response = given().delete("/test-f/echo");
        problem(response, 405, "method-not-allowed");
    }

    @Test
    void problemExceptionHeadersReachTheResponse() {
        Response response = given().get("/test-f/limited");
        problem(response, 429, "rate-limited");
        assertThat(response.header("Retry-After")).isEqualTo("2");
    }

    @Test
    void unexpectedFailureIs500WithTraceIdAndNoExceptionText() {
        List<LogRecord> records = new java.util.concurrent.CopyOnWriteArrayList<>();
        Handler handler = new Handler() {

            @Override
            public void publish(LogRecord record) {
                if (record instanceof org.jboss.logmanager.ExtLogRecord ext) {
                    ext.copyMdc(); // taken on the logging thread: read later on the test's
                }
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(ProblemMappers.class.getName());
        logger.addHandler(handler);
        try {
            // The caller's W3C trace is continued: the problem, the response header and the log line carry its id.
            String callerTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
            String callerSpan = "00f067aa0ba902b7";
            Response response = given().header("traceparent", "00-" + callerTrace + "-" + callerSpan + "-01")
                    .get("/test-f/boom");
            JsonPath body = problem(response, 500, "internal-error");
            assertThat(body.getString("traceId")).isEqualTo(callerTrace);
            assertThat(response.header("X-Trace-Id")).isEqualTo(callerTrace);
            assertThat(response.asString()).doesNotContain("secret message text").doesNotContain("IllegalState");
            assertThat(records).hasSize(1);
            org.jboss.logmanager.ExtLogRecord record = (org.jboss.logmanager.ExtLogRecord) records.get(0);
            assertThat(record.getMdc("traceId")).isEqualTo(callerTrace);
            // This hop is a new span of the caller's trace, not the caller's span.
            assertThat(record.getMdc("spanId")).matches("[0-9a-f]{16}").isNotEqualTo(callerSpan);
            String logged = records.stream().map(r -> r.getMessage() + " " + java.util.Arrays.toString(r.getParameters())
                    + " " + r.getThrown()).reduce("", String::concat);
            assertThat(logged).contains(callerTrace).contains("IllegalStateException").contains("JsonTestResource")
                    .doesNotContain("secret message text");

            // Without a (valid) traceparent each request starts its own trace.
            records.clear();
            Response other = given().header("traceparent", "00-" + "0".repeat(32) + "-" + callerSpan + "-01")
                    .get("/test-f/boom");
            String otherTrace = problem(other, 500, "internal-error").getString("traceId");
            assertThat(otherTrace).matches("[0-9a-f]{32}").isNotEqualTo(callerTrace).isNotEqualTo("0".repeat(32));
            assertThat(((org.jboss.logmanager.ExtLogRecord) records.get(0)).getMdc("traceId")).isEqualTo(otherTrace);
            assertThat(problem(given().get("/test-f/boom"), 500, "internal-error").getString("traceId"))
                    .isNotEqualTo(otherTrace);
        } finally {
            logger.removeHandler(handler);
        }
    }

    @Test
    void declaredOversizedBodyIs413Problem() throws IOException {
        String response = raw("POST /test-f/echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 3000000\r\n\r\n", null);
        assertThat(response).startsWith("HTTP/1.1 413");
        assertThat(response).containsIgnoringCase("content-type: application/problem+json")
                .contains("https://peyk.io/problems/body-too-large");
    }

    @Test
    void chunkedOversizedBodyIs413Problem() throws IOException {
        String response = raw("POST /test-f/echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n", out -> {
                    byte[] chunk = ("{\"to\":\"" + "a".repeat(60_000)).getBytes(StandardCharsets.US_ASCII);
                    for (int i = 0; i < 40; i++) {
                        out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(chunk);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                        chunk = "a".repeat(60_000).getBytes(StandardCharsets.US_ASCII);
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                });
        assertThat(response).startsWith("HTTP/1.1 413");
        assertThat(response).containsIgnoringCase("content-type: application/problem+json")
                .contains("https://peyk.io/problems/body-too-large");
    }

    @Test
    void chunkedBodyWithinTheLimitIsRead() throws IOException {
        String json = "{\"to\":\"" + "a".repeat(100_000) + "\"}";
        String response = raw("POST /test-f/echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n", out -> {
                    byte[] bytes = json.getBytes(StandardCharsets.US_ASCII);
                    out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(bytes);
                    out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                });
        assertThat(response).startsWith("HTTP/1.1 200").contains("aaaaaaaaaa");
    }

    interface BodyWriter {

        void write(OutputStream out) throws IOException;
    }

    /** Sends a raw request and reads the answer until the server closes or 5 s pass. */
    private String raw(String head, BodyWriter body) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            if (body != null) {
                try {
                    body.write(out);
                } catch (IOException e) {
                    // The server may answer and close before the whole body is sent.
                }
            }
            out.flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0;) {
                    answer.write(buffer, 0, n);
                    if (answer.toString(StandardCharsets.ISO_8859_1).contains("}")) {
                        break;
                    }
                }
            } catch (IOException e) {
                // Closed or timed out: what arrived is the answer.
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}

package io.peyk.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The gateway's HTTP API as the benchmarks use it: a partner created through the admin API (rate limit
 * {@value #RATE_LIMIT_PER_SECOND}/s, no webhook), requests for device tokens and messages with its API key, and
 * {@code /q/metrics}. Bodies are built here from values the benchmarks generate (digits, base64, ASCII), so no JSON
 * escaping is needed.
 */
final class GatewayApi {

    static final int RATE_LIMIT_PER_SECOND = 100_000;
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern API_KEY = Pattern.compile("\"apiKey\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-fA-F-]{36})\"");
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http;
    private final String base;

    GatewayApi(HttpClient http, String baseUrl) {
        this.http = http;
        this.base = baseUrl;
    }

    /** An HTTP/1.1 client with keep-alive connections, as every benchmark uses it. */
    static HttpClient newHttpClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    HttpClient http() {
        return http;
    }

    /** A partner created for the run: its id and API key. */
    record Partner(String id, String apiKey) {
    }

    /** Creates a partner allowed to send from these sender ids. */
    Partner createPartner(List<String> senderIds) throws IOException, InterruptedException {
        String senders = senderIds.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(","));
        String body = "{\"name\":\"bench-" + System.nanoTime() + "\",\"senderIds\":[" + senders
                + "],\"rateLimitPerSecond\":" + RATE_LIMIT_PER_SECOND + "}";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/admin/v1/partners"))
                .timeout(REQUEST_TIMEOUT).header("Authorization", "Bearer " + GatewayProcess.ADMIN_TOKEN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = API_KEY.matcher(r.body());
        Optional<String> id = acceptedId(r.body());
        if (r.statusCode() != 201 || !m.find() || id.isEmpty()) {
            throw new IllegalStateException("creating the bench partner failed: " + r.statusCode());
        }
        return new Partner(id.get(), m.group(1));
    }

    /** The gateway's metrics now. */
    PrometheusText metrics() throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/q/metrics")).timeout(REQUEST_TIMEOUT)
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("/q/metrics answered " + r.statusCode());
        }
        return new PrometheusText(r.body());
    }

    /** {@code POST /v1/messages} with a JSON body; 202 when accepted. */
    HttpRequest message(String apiKey, String jsonBody) {
        return post("/v1/messages", apiKey, jsonBody);
    }

    /** {@code POST /v1/devices/tokens} for one number; 201 with the token. */
    HttpRequest deviceToken(String apiKey, String msisdn) {
        return post("/v1/devices/tokens", apiKey, "{\"msisdn\":\"" + msisdn + "\"}");
    }

    /** An SMS-only message body (single-part GSM-7), as the API benchmark sends it. */
    static String smsBody(String to, String from, int i) {
        return "{\"to\":\"" + to + "\",\"from\":\"" + from + "\",\"text\":\"Bench message " + i + "\"}";
    }

    /** An OTT-only message body: the app channel with this base64 payload, expiring after {@code fallbackAfterSeconds}. */
    static String ottBody(String to, String from, String payloadBase64, int fallbackAfterSeconds) {
        return "{\"to\":\"" + to + "\",\"from\":\"" + from + "\",\"channels\":[{\"type\":\"ott\",\"payload\":\""
                + payloadBase64 + "\",\"fallbackAfterSeconds\":" + fallbackAfterSeconds + "}]}";
    }

    /** The first {@code id} of an answer: the message id of a 202, the partner id of a created partner. */
    static Optional<String> acceptedId(String body) {
        Matcher m = ID.matcher(body);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The device token of a 201 answer. */
    static Optional<String> issuedToken(String body) {
        Matcher m = TOKEN.matcher(body);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private HttpRequest post(String path, String apiKey, String body) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}

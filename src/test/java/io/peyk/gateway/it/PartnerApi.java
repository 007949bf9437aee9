package io.peyk.gateway.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One partner's back end calling a gateway process: device tokens ({@code POST /v1/devices/tokens}), OTT-first messages
 * ({@code POST /v1/messages} with a channel plan) and look-ups ({@code GET /v1/messages/{id}}). Any answer other than the
 * expected status fails with the gateway's problem text.
 */
final class PartnerApi {

    /** How much shorter than its timer a correct fallback may look in the transitions (see {@link #fallbackDelay}). */
    static final Duration DUE_SLACK = Duration.ofMillis(500);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    private final HttpClient http;
    private final String apiKey;

    PartnerApi(HttpClient http, String apiKey) {
        this.http = http;
        this.apiKey = apiKey;
    }

    /** A device token for the number, issued by this gateway. */
    String deviceToken(GatewayProcess gateway, String msisdn) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("msisdn", msisdn);
        HttpResponse<String> response = http.send(post(gateway, "/v1/devices/tokens", body),
                HttpResponse.BodyHandlers.ofString());
        return expect(response, 201, "device token").path("token").asText();
    }

    /**
     * Sends {@code payload} over the app channel first, waiting {@code fallbackAfterSeconds} for the acknowledgement,
     * then {@code smsText} by SMS; completes with the accepted message's id.
     */
    CompletableFuture<UUID> sendOttThenSmsAsync(GatewayProcess gateway, String to, byte[] payload,
            int fallbackAfterSeconds, String smsText) {
        ObjectNode body = JSON.createObjectNode().put("to", to).put("from", ItEnvironment.SENDER);
        body.putArray("channels").add(JSON.createObjectNode().put("type", "ott")
                .put("payload", Base64.getEncoder().encodeToString(payload))
                .put("fallbackAfterSeconds", fallbackAfterSeconds))
                .add(JSON.createObjectNode().put("type", "sms").put("text", smsText));
        return http.sendAsync(post(gateway, "/v1/messages", body), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> UUID.fromString(expect(response, 202, "send").path("id").asText()));
    }

    UUID sendOttThenSms(GatewayProcess gateway, String to, byte[] payload, int fallbackAfterSeconds, String smsText) {
        return sendOttThenSmsAsync(gateway, to, payload, fallbackAfterSeconds, smsText)
                .orTimeout(REQUEST_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS).join();
    }

    /** {@code GET /v1/messages/{id}} on this gateway. */
    JsonNode message(GatewayProcess gateway, UUID id) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri(gateway, "/v1/messages/" + id)).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + apiKey).GET().build();
        return expect(http.send(request, HttpResponse.BodyHandlers.ofString()), 200, "message " + id);
    }

    /** The statuses of a message view's transitions, in order. */
    static List<String> transitionStatuses(JsonNode view) {
        List<String> statuses = new ArrayList<>();
        view.path("transitions").forEach(t -> statuses.add(t.path("status").asText()));
        return statuses;
    }

    /** When the message view's transition to {@code status} happened. */
    static Instant transitionAt(JsonNode view, String status) {
        for (JsonNode t : view.path("transitions")) {
            if (status.equals(t.path("status").asText())) {
                return Instant.parse(t.path("at").asText());
            }
        }
        throw new AssertionError("no " + status + " transition in " + view);
    }

    /**
     * How long after OTT_PENDING the message fell back to SMS. The timer is due {@code fallbackAfterSeconds} after the
     * start of the routing transaction (PostgreSQL's {@code now()}), OTT_PENDING is stamped a little later in it by the
     * gateway's clock: a correct fire may therefore show a delay up to {@link #DUE_SLACK} short of the timer.
     */
    static Duration fallbackDelay(JsonNode view) {
        return Duration.between(transitionAt(view, "OTT_PENDING"), transitionAt(view, "SMS_FALLBACK"));
    }

    private HttpRequest post(GatewayProcess gateway, String path, JsonNode body) {
        return HttpRequest.newBuilder(uri(gateway, path)).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    }

    private static URI uri(GatewayProcess gateway, String path) {
        return URI.create("http://127.0.0.1:" + gateway.httpPort() + path);
    }

    private static JsonNode expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new AssertionError(what + ": expected " + status + " from " + response.uri() + ", got "
                    + response.statusCode() + ": " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError(what + ": not JSON: " + response.body(), e);
        }
    }
}

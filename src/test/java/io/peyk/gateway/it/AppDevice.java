package io.peyk.gateway.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A partner's app on the app channel of a gateway process: a real WebSocket ({@code GET /v1/devices/connect} with the
 * device token as bearer) that records every text frame the gateway sends, in order, and sends acknowledgements. At most
 * {@value #MAX_FRAMES} frames of at most {@value #MAX_FRAME_CHARS} characters are kept; beyond that the recording is
 * marked overflowed and every read of it fails.
 */
final class AppDevice implements WebSocket.Listener, AutoCloseable {

    static final int MAX_FRAMES = 10_000;
    static final int MAX_FRAME_CHARS = 1 << 20;
    private static final String PATH = "/v1/devices/connect";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration HELLO_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile boolean overflowed;
    private WebSocket socket;

    private AppDevice(String name) {
        this.name = name;
    }

    /** Opens the WebSocket (bounded); the gateway greets with {@code hello} once the device's presence is stored. */
    static AppDevice open(HttpClient http, GatewayProcess gateway, String token, String name)
            throws InterruptedException, ExecutionException, TimeoutException {
        AppDevice device = new AppDevice(name);
        device.socket = http.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                .connectTimeout(CONNECT_TIMEOUT)
                .buildAsync(URI.create("ws://127.0.0.1:" + gateway.httpPort() + PATH), device)
                .get(CONNECT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return device;
    }

    /** {@link #open} and wait (bounded) for the {@code hello}: from then on, messages to the number go to this app. */
    static AppDevice connect(HttpClient http, GatewayProcess gateway, String token, String name)
            throws InterruptedException, ExecutionException, TimeoutException {
        AppDevice device = open(http, gateway, token, name);
        device.awaitHello();
        return device;
    }

    void awaitHello() {
        Awaitility.await(name + " hello").atMost(HELLO_TIMEOUT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
                .failFast(name + " closed before hello", closeCode::isDone).until(() -> ofType("hello").size() == 1);
    }

    /** Waits (bounded) until at least {@code count} frames of this type arrived; the failure lists every frame. */
    void awaitFrames(String type, int count, Duration timeout) {
        try {
            Awaitility.await(name + ": " + count + " " + type + " frames").atMost(timeout)
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50)).until(() -> ofType(type).size() >= count);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("fewer than " + count + " " + type + " frames after " + timeout + ": " + describe(),
                    e);
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        if (partial.length() + data.length() > MAX_FRAME_CHARS) {
            overflowed = true;
            partial.setLength(0);
        } else {
            partial.append(data);
        }
        if (last && partial.length() > 0) {
            if (frames.size() >= MAX_FRAMES) {
                overflowed = true;
            } else {
                try {
                    frames.add(JSON.readTree(partial.toString()));
                } catch (JsonProcessingException e) {
                    frames.add(JSON.createObjectNode().put("type", "unparseable").put("text", partial.toString()));
                }
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeCode.complete(-1);
    }

    /** The frames of this type ({@code hello}, {@code message}, {@code revoke}, {@code error}), in arrival order. */
    List<JsonNode> ofType(String type) {
        if (overflowed) {
            throw new IllegalStateException(name + " received more than " + MAX_FRAMES + " frames or a frame over "
                    + MAX_FRAME_CHARS + " characters");
        }
        return frames.stream().filter(f -> type.equals(f.path("type").asText())).collect(Collectors.toList());
    }

    /** The ids of the {@code message} frames, in arrival order (a repeated push shows as a repeated id). */
    List<String> messageIds() {
        return ids("message");
    }

    /** The ids of the {@code revoke} frames, in arrival order. */
    List<String> revokedIds() {
        return ids("revoke");
    }

    private List<String> ids(String type) {
        return ofType(type).stream().map(f -> f.path("id").asText()).collect(Collectors.toList());
    }

    /** Every frame received, for a failure message. */
    String describe() {
        return name + " frames " + frames + (closeCode.isDone() ? ", closed " + closeCode.getNow(0) : "");
    }

    /** Acknowledges a pushed message: {@code delivered} or {@code read}. */
    void ack(String messageId, String status) throws InterruptedException, ExecutionException, TimeoutException {
        String frame = JSON.createObjectNode().put("type", "ack").put("id", messageId).put("status", status).toString();
        socket.sendText(frame, true).get(SEND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    CompletableFuture<Integer> closeCode() {
        return closeCode;
    }

    /** Closes normally when the connection is still up (bounded), then drops it. */
    @Override
    public void close() {
        if (socket == null) {
            return;
        }
        if (!socket.isOutputClosed() && !closeCode.isDone()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null)
                    .join();
        }
        socket.abort();
    }
}

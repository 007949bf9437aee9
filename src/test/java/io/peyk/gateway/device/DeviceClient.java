package io.peyk.gateway.device;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.vertx.core.json.JsonObject;

/** A real app connection (the JDK's WebSocket client over loopback) that records what the gateway sends it. */
final class DeviceClient implements WebSocket.Listener, AutoCloseable {

    private final List<JsonObject> frames = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    static DeviceClient connect(int port, String token) {
        DeviceClient client = new DeviceClient();
        client.socket = HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + token)
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create("ws://127.0.0.1:" + port + DeviceEndpoint.PATH), client).orTimeout(10,
                        TimeUnit.SECONDS)
                .join();
        await().atMost(Duration.ofSeconds(10)).until(() -> client.ofType("hello").size() == 1);
        return client;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            frames.add(new JsonObject(partial.toString()));
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

    List<JsonObject> ofType(String type) {
        return frames.stream().filter(f -> type.equals(f.getString("type"))).collect(Collectors.toList());
    }

    /** The ids of the message frames received, in order. */
    List<String> messageIds() {
        return ofType("message").stream().map(f -> f.getString("id")).collect(Collectors.toList());
    }

    void ack(String messageId, String status) {
        send(new JsonObject().put("type", "ack").put("id", messageId).put("status", status).encode());
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    CompletableFuture<Integer> closeCode() {
        return closeCode;
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null)
                    .join();
        }
        socket.abort();
    }
}

package io.peyk.gateway.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Sends numbered single-part GSM messages to {@code POST /v1/messages} from a few concurrent clients, spreading them over
 * the given gateway ports in turn, and keeps the id of every message that got a 202. A request that fails (the gateway
 * was killed under it) or gets another status is not counted as accepted. Bounded by a message count and a time cap.
 */
final class MessageSender implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String apiKey;
    private final List<Integer> ports;
    private final int total;
    private final int clients;
    private final Duration timeCap;
    private final ExecutorService pool;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Queue<UUID> accepted = new ConcurrentLinkedQueue<>();
    private final Map<Integer, AtomicLong> otherStatuses = new ConcurrentHashMap<>();
    private final AtomicLong failures = new AtomicLong();

    MessageSender(HttpClient http, String apiKey, List<Integer> ports, int total, int clients, Duration timeCap) {
        this.http = http;
        this.apiKey = apiKey;
        this.ports = List.copyOf(ports);
        this.total = total;
        this.clients = clients;
        this.timeCap = timeCap;
        this.pool = Executors.newFixedThreadPool(clients, r -> {
            Thread t = new Thread(r, "it-sender");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the clients; they run until {@code total} were sent, {@link #stop()} or the time cap. */
    MessageSender start() {
        long deadline = System.nanoTime() + timeCap.toNanos();
        for (int c = 0; c < clients; c++) {
            pool.execute(() -> {
                while (!stop.get() && System.nanoTime() < deadline) {
                    int n = next.getAndIncrement();
                    if (n >= total) {
                        return;
                    }
                    send(n);
                }
            });
        }
        pool.shutdown();
        return this;
    }

    private void send(int n) {
        int port = ports.get(n % ports.size());
        String body = "{\"to\":\"+98912" + String.format("%07d", n) + "\",\"from\":\"" + ItEnvironment.SENDER
                + "\",\"text\":\"Peyk IT message " + n + "\",\"clientRef\":\"it-" + n + "\"}";
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/messages"))
                .timeout(Duration.ofSeconds(15)).header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 202) {
                JsonNode json = JSON.readTree(response.body());
                accepted.add(UUID.fromString(json.get("id").asText()));
            } else {
                otherStatuses.computeIfAbsent(response.statusCode(), k -> new AtomicLong()).incrementAndGet();
                if (response.statusCode() >= 500 && otherStatuses.get(response.statusCode()).get() <= 3) {
                    System.err.println("[it] " + response.statusCode() + " from :" + port + ": " + response.body());
                }
            }
        } catch (IOException e) {
            failures.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop.set(true);
        }
    }

    void stop() {
        stop.set(true);
    }

    /** Waits (bounded) for every client to finish. */
    boolean awaitDone(Duration timeout) throws InterruptedException {
        return pool.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    int acceptedCount() {
        return accepted.size();
    }

    List<UUID> acceptedIds() {
        return List.copyOf(accepted);
    }

    /** Requests that failed at the transport level (connection refused or reset). */
    long failures() {
        return failures.get();
    }

    /** Responses other than 202, by status code. */
    Map<Integer, Long> otherStatuses() {
        Map<Integer, Long> copy = new java.util.TreeMap<>();
        otherStatuses.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    @Override
    public void close() {
        stop();
        pool.shutdownNow();
    }
}

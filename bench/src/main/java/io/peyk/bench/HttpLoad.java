package io.peyk.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * {@code n} HTTP requests from {@code clients} concurrent loops sharing one {@code java.net.http} client (keep-alive
 * connections): each loop sends its next request when the previous one was answered. Records each request's latency
 * and, when a {@link Sink} is given, hands it the body of every expected answer.
 */
final class HttpLoad {

    static final int MAX_REQUESTS = 5_000_000;
    static final int MAX_CLIENTS = 1_024;

    /** Receives the expected answers, from the client's threads. */
    interface Sink {

        void answered(int index, String body, long sentNanos, long answeredNanos);
    }

    /**
     * What a load did: expected answers, the rest (other status or an I/O error) by status ({@code -1} for an error),
     * when it started and ended ({@link System#nanoTime()}), and each request's latency ({@code -1} when it failed).
     */
    record Result(int ok, int failed, Map<Integer, Integer> failures, long startNanos, long endNanos, long[] latencyNanos) {

        double seconds() {
            return (endNanos - startNanos) / 1e9;
        }

        double okPerSecond() {
            return ok / seconds();
        }
    }

    private HttpLoad() {
    }

    static Result run(HttpClient http, int n, int clients, IntFunction<HttpRequest> request, int expectedStatus,
            Optional<Sink> sink, Duration timeout) throws Exception {
        if (n < 0 || n > MAX_REQUESTS || clients < 1 || clients > MAX_CLIENTS) {
            throw new IllegalArgumentException("requests must be in 0.." + MAX_REQUESTS + " and clients in 1.." + MAX_CLIENTS);
        }
        long[] latencies = new long[n];
        Arrays.fill(latencies, -1);
        AtomicInteger next = new AtomicInteger();
        Map<Integer, AtomicInteger> failures = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        List<CompletableFuture<Void>> loops = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            loops.add(loop(http, n, request, expectedStatus, sink, next, latencies, failures));
        }
        CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        long end = System.nanoTime();
        Map<Integer, Integer> byStatus = new TreeMap<>();
        failures.forEach((status, count) -> byStatus.put(status, count.get()));
        int failed = byStatus.values().stream().mapToInt(Integer::intValue).sum();
        return new Result(n - failed, failed, byStatus, start, end, latencies);
    }

    private static CompletableFuture<Void> loop(HttpClient http, int n, IntFunction<HttpRequest> request,
            int expectedStatus, Optional<Sink> sink, AtomicInteger next, long[] latencies,
            Map<Integer, AtomicInteger> failures) {
        int i = next.getAndIncrement();
        if (i >= n) {
            return CompletableFuture.completedFuture(null);
        }
        long sent = System.nanoTime();
        CompletableFuture<? extends HttpResponse<?>> answer = sink.isPresent()
                ? http.sendAsync(request.apply(i), HttpResponse.BodyHandlers.ofString())
                : http.sendAsync(request.apply(i), HttpResponse.BodyHandlers.discarding());
        return answer.handle((response, error) -> {
            long answered = System.nanoTime();
            if (error == null && response.statusCode() == expectedStatus) {
                latencies[i] = answered - sent;
                sink.ifPresent(s -> s.answered(i, (String) response.body(), sent, answered));
            } else {
                failures.computeIfAbsent(error == null ? response.statusCode() : -1, k -> new AtomicInteger())
                        .incrementAndGet();
            }
            return null;
        }).thenCompose(ignored -> loop(http, n, request, expectedStatus, sink, next, latencies, failures));
    }
}

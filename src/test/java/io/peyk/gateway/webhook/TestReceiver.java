package io.peyk.gateway.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/** A partner's webhook endpoint on loopback: records each request and answers with what {@link Behavior} says. */
final class TestReceiver implements AutoCloseable {

    /** The HTTP status for the n-th request (1-based); may block to simulate a hanging endpoint. */
    interface Behavior {

        int status(int requestNumber) throws InterruptedException;
    }

    /** One request as received. */
    record Received(String signature, String eventId, String contentType, String body, long atNanos) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger concurrent = new AtomicInteger();
    private final AtomicInteger maxConcurrent = new AtomicInteger();

    private TestReceiver(Behavior behavior) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        server.setExecutor(executor);
        server.createContext("/hook", exchange -> {
            int now = concurrent.incrementAndGet();
            maxConcurrent.accumulateAndGet(now, Math::max);
            try (InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                received.add(new Received(exchange.getRequestHeaders().getFirst("Peyk-Signature"),
                        exchange.getRequestHeaders().getFirst("Peyk-Event-Id"),
                        exchange.getRequestHeaders().getFirst("Content-Type"), body, System.nanoTime()));
                int status = behavior.status(requests.incrementAndGet());
                byte[] answer = status == 204 ? new byte[0] : "ok".getBytes(StandardCharsets.US_ASCII);
                exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                concurrent.decrementAndGet();
                exchange.close();
            }
        });
        server.start();
    }

    static TestReceiver start(Behavior behavior) throws IOException {
        return new TestReceiver(behavior);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    int concurrent() {
        return concurrent.get();
    }

    int maxConcurrent() {
        return maxConcurrent.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

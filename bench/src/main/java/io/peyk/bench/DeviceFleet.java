package io.peyk.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * Simulated app devices: one WebSocket to {@code /v1/devices/connect} per device token, from one Vert.x instance with
 * one client per loopback source address ({@code 127.0.0.2} upwards, the devices spread over them in turn), so that no
 * source address runs short of ephemeral ports. Vert.x answers the gateway's pings by itself. When acknowledging, a
 * device answers every message frame at once with {@code {"type":"ack","id":...,"status":"delivered"}}.
 *
 * <p>
 * Counts what arrives: {@code hello} frames (a device counts as registered from its hello on), message frames (with the
 * arrival time of the first frame of each message id, for at most {@link #MAX_TRACKED} ids), duplicate message frames,
 * {@code error} frames by code, pings, and connections the gateway closed (by close code). Each device uses one file
 * descriptor of this process.
 */
final class DeviceFleet implements AutoCloseable {

    static final String PATH = "/v1/devices/connect";
    static final int MAX_DEVICES = 100_000;
    static final int MAX_SOURCE_ADDRESSES = 250;
    static final int MAX_TRACKED = 1_000_000;
    static final int CONNECT_TIMEOUT_MS = 30_000;
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(60);

    private final Vertx vertx;
    private final List<WebSocketClient> clients = new ArrayList<>();
    private final String host;
    private final int port;
    private final boolean ack;
    private final Set<WebSocket> open = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> arrivals = new ConcurrentHashMap<>();
    private final AtomicLong registered = new AtomicLong();
    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong untracked = new AtomicLong();
    private final AtomicLong acksSent = new AtomicLong();
    private final AtomicLong pings = new AtomicLong();
    private final AtomicLong drops = new AtomicLong();
    private final AtomicLong lastRegisteredNanos = new AtomicLong();
    private final Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> closeCodes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> connectFailures = new ConcurrentHashMap<>();
    private volatile boolean closing;

    /**
     * @param sourceAddresses how many loopback source addresses to spread the devices over (127.0.0.2 ..)
     * @param maxDevices the most devices this fleet will connect (per-client connection limit of Vert.x)
     * @param ack whether devices acknowledge message frames
     */
    DeviceFleet(String host, int port, int sourceAddresses, int maxDevices, boolean ack) {
        if (sourceAddresses < 1 || sourceAddresses > MAX_SOURCE_ADDRESSES || maxDevices < 1 || maxDevices > MAX_DEVICES) {
            throw new IllegalArgumentException("source addresses must be in 1.." + MAX_SOURCE_ADDRESSES + ", devices in 1.."
                    + MAX_DEVICES);
        }
        this.vertx = Vertx.vertx();
        this.host = host;
        this.port = port;
        this.ack = ack;
        for (int a = 0; a < sourceAddresses; a++) {
            clients.add(vertx.createWebSocketClient(new WebSocketClientOptions().setLocalAddress("127.0.0." + (2 + a))
                    .setMaxConnections(maxDevices).setConnectTimeout(CONNECT_TIMEOUT_MS).setTcpNoDelay(true)));
        }
    }

    /**
     * How connecting went: devices registered (hello received), failed, and the time from the first connect to the last hello.
     */
    record ConnectResult(int requested, int registered, int failed, long elapsedNanos, Map<String, Integer> failures) {

        double registeredPerSecond() {
            return elapsedNanos == 0 ? 0 : registered * 1e9 / elapsedNanos;
        }
    }

    /**
     * Connects one device per token, at most {@code parallel} handshakes (upgrade until hello) at a time, and waits
     * until each has its hello or failed, at most {@code timeout}.
     */
    ConnectResult connect(List<String> tokens, int parallel, Duration timeout) throws InterruptedException {
        CountDownLatch settled = new CountDownLatch(tokens.size());
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long registeredBefore = registered.get();
        long start = System.nanoTime();
        for (int k = 0; k < Math.min(parallel, tokens.size()); k++) {
            connectNext(tokens, next, settled, failed);
        }
        settled.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        int done = (int) (registered.get() - registeredBefore);
        Map<String, Integer> failures = new TreeMap<>();
        connectFailures.forEach((reason, count) -> failures.put(reason, count.get()));
        return new ConnectResult(tokens.size(), done, failed.get(), done == 0 ? 0 : lastRegisteredNanos.get() - start,
                failures);
    }

    private void connectNext(List<String> tokens, AtomicInteger next, CountDownLatch settled, AtomicInteger failed) {
        int i = next.getAndIncrement();
        if (i >= tokens.size()) {
            return;
        }
        AtomicBoolean once = new AtomicBoolean();
        Runnable settle = () -> {
            if (once.compareAndSet(false, true)) {
                settled.countDown();
                connectNext(tokens, next, settled, failed);
            }
        };
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(host).setPort(port).setURI(PATH)
                .addHeader("Authorization", "Bearer " + tokens.get(i));
        clients.get(i % clients.size()).connect(options).onComplete(ar -> {
            if (ar.failed()) {
                Throwable e = ar.cause();
                String reason = e instanceof UpgradeRejectedException r
                        ? "HTTP " + r.getStatus()
                        : e.getClass().getSimpleName();
                connectFailures.computeIfAbsent(reason, k -> new AtomicInteger()).incrementAndGet();
                failed.incrementAndGet();
                settle.run();
                return;
            }
            WebSocket ws = ar.result();
            open.add(ws);
            ws.frameHandler(frame -> {
                if (frame.type() == WebSocketFrameType.PING) {
                    pings.incrementAndGet();
                }
            });
            ws.textMessageHandler(text -> onText(ws, text, settle));
            ws.exceptionHandler(e -> {
            });
            ws.closeHandler(v -> {
                open.remove(ws);
                if (!closing) {
                    drops.incrementAndGet();
                    closeCodes.computeIfAbsent(ws.closeStatusCode() + " " + ws.closeReason(), k -> new AtomicInteger())
                            .incrementAndGet();
                }
                if (!once.get()) {
                    failed.incrementAndGet();
                    connectFailures.computeIfAbsent("closed before hello", k -> new AtomicInteger()).incrementAndGet();
                }
                settle.run();
            });
        });
    }

    private void onText(WebSocket ws, String text, Runnable settle) {
        JsonObject frame;
        try {
            frame = new JsonObject(text);
        } catch (DecodeException e) {
            errors.computeIfAbsent("not JSON", k -> new AtomicInteger()).incrementAndGet();
            return;
        }
        String type = frame.getString("type", "");
        switch (type) {
            case "message" -> {
                long now = System.nanoTime();
                String id = frame.getString("id");
                frames.incrementAndGet();
                if (arrivals.size() >= MAX_TRACKED) {
                    untracked.incrementAndGet();
                } else if (arrivals.putIfAbsent(id, now) != null) {
                    duplicates.incrementAndGet();
                }
                if (ack) {
                    ws.writeTextMessage("{\"type\":\"ack\",\"id\":\"" + id + "\",\"status\":\"delivered\"}");
                    acksSent.incrementAndGet();
                }
            }
            case "hello" -> {
                registered.incrementAndGet();
                lastRegisteredNanos.accumulateAndGet(System.nanoTime(), Math::max);
                settle.run();
            }
            case "error" -> errors.computeIfAbsent(frame.getString("code", "?"), k -> new AtomicInteger()).incrementAndGet();
            default -> errors.computeIfAbsent("frame type " + type, k -> new AtomicInteger()).incrementAndGet();
        }
    }

    /** Connections open now. */
    int open() {
        return open.size();
    }

    long registered() {
        return registered.get();
    }

    /** Connections closed by the gateway (or the network), not by this fleet. */
    long drops() {
        return drops.get();
    }

    long frames() {
        return frames.get();
    }

    long duplicates() {
        return duplicates.get();
    }

    long acksSent() {
        return acksSent.get();
    }

    long pings() {
        return pings.get();
    }

    long untracked() {
        return untracked.get();
    }

    /** When the first frame of this message id arrived ({@link System#nanoTime()}), or -1. */
    long arrival(String messageId) {
        Long at = arrivals.get(messageId);
        return at == null ? -1 : at;
    }

    /** Forgets the arrival times recorded so far (between a warm-up and the measured phase). */
    void forgetArrivals() {
        arrivals.clear();
    }

    Map<String, Integer> errors() {
        return snapshot(errors);
    }

    Map<String, Integer> closeCodes() {
        return snapshot(closeCodes);
    }

    private static Map<String, Integer> snapshot(Map<String, AtomicInteger> counts) {
        Map<String, Integer> copy = new TreeMap<>();
        counts.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    /** Closes every connection (normal closure) and waits for them, then stops Vert.x; bounded by {@link #CLOSE_TIMEOUT}. */
    @Override
    public void close() throws InterruptedException {
        closing = true;
        open.forEach(ws -> ws.close());
        long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
        while (!open.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        vertx.close().onComplete(ar -> stopped.countDown());
        stopped.await(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }
}

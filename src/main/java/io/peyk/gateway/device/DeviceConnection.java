package io.peyk.gateway.device;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.peyk.gateway.partner.TokenBucket;
import io.vertx.core.http.ServerWebSocket;

/**
 * One app connection: what was pushed to it and not yet acknowledged (bounded), the inbound frame budget, and when it
 * was last heard from. On connect it first receives what waited for its number (the replay); pushes that arrive during
 * the replay are held back and sent after it, so the app sees messages in acceptance order, each once per connection.
 */
final class DeviceConnection {

    /** What an offer to push did. */
    enum Offer {
        PUSHED, ALREADY_SENT, HELD, REFUSED
    }

    private static final int RECENTLY_ACKED = 64;

    final UUID id;
    final DeviceIdentity identity;
    final ServerWebSocket socket;
    private final int maxUnacked;
    private final TokenBucket inbound;
    private final int framesPerSecond;
    private volatile long lastSeenNanos;
    private Map<UUID, Long> unacked; // message id -> bytes pushed for it on this connection
    private LinkedHashSet<UUID> recentlyAcked;
    private ArrayDeque<Frames.Push> held = new ArrayDeque<>();
    private boolean closed;
    private final CompletableFuture<Void> presenceStored = new CompletableFuture<>();

    DeviceConnection(UUID id, DeviceIdentity identity, ServerWebSocket socket, int maxUnacked, int framesPerSecond) {
        this.id = id;
        this.identity = identity;
        this.socket = socket;
        this.maxUnacked = maxUnacked;
        this.framesPerSecond = framesPerSecond;
        this.inbound = new TokenBucket(framesPerSecond, System.nanoTime());
        this.lastSeenNanos = System.nanoTime();
    }

    /** Completes once this connection's presence row is stored (or its insert failed). */
    CompletableFuture<Void> presenceStored() {
        return presenceStored;
    }

    NumberKey key() {
        return new NumberKey(identity.partnerId(), identity.msisdn());
    }

    void touch() {
        lastSeenNanos = System.nanoTime();
    }

    long lastSeenNanos() {
        return lastSeenNanos;
    }

    /** Whether the app may send one more frame now (a token bucket of {@code max-frames-per-second}, burst 2x). */
    boolean admitFrame() {
        touch();
        return inbound.tryAcquire(1, framesPerSecond, System.nanoTime()).isEmpty();
    }

    /** Pushes a message unless it was sent here already, the connection holds too many unacknowledged, or is closed. */
    synchronized Offer offer(Frames.Push push) {
        if (closed) {
            return Offer.REFUSED;
        }
        if (sent(push.messageId())) {
            return Offer.ALREADY_SENT;
        }
        if (held != null) {
            if (held.size() >= maxUnacked) {
                return Offer.REFUSED;
            }
            held.add(push);
            return Offer.HELD;
        }
        return write(push);
    }

    /** The replay is done: sends it, then what was held back meanwhile, skipping what was sent already. */
    synchronized void replayed(List<Frames.Push> pending) {
        ArrayDeque<Frames.Push> meanwhile = held;
        held = null;
        for (Frames.Push push : pending) {
            if (!closed && !sent(push.messageId())) {
                write(push);
            }
        }
        if (meanwhile != null) {
            for (Frames.Push push : meanwhile) {
                if (!closed && !sent(push.messageId())) {
                    write(push);
                }
            }
        }
    }

    private Offer write(Frames.Push push) {
        if (unacked != null && unacked.size() >= maxUnacked) {
            return Offer.REFUSED;
        }
        if (socket.writeQueueFull()) {
            close(CloseReason.SLOW_CONSUMER);
            return Offer.REFUSED;
        }
        if (unacked == null) {
            unacked = new LinkedHashMap<>();
        }
        unacked.merge(push.messageId(), (long) push.frame().length(), Long::sum);
        socket.writeTextMessage(push.frame());
        return Offer.PUSHED;
    }

    private boolean sent(UUID messageId) {
        return (unacked != null && unacked.containsKey(messageId))
                || (recentlyAcked != null && recentlyAcked.contains(messageId));
    }

    /** Bytes pushed here for a message (0 when it was not pushed on this connection). */
    synchronized long bytesPushed(UUID messageId) {
        Long bytes = unacked == null ? null : unacked.get(messageId);
        return bytes == null ? 0 : bytes;
    }

    /** The message no longer waits for this connection (acknowledged here or elsewhere, or revoked). */
    synchronized boolean forget(UUID messageId) {
        boolean had = unacked != null && unacked.remove(messageId) != null;
        if (held != null) {
            held.removeIf(p -> p.messageId().equals(messageId));
        }
        if (recentlyAcked == null) {
            recentlyAcked = new LinkedHashSet<>();
        }
        recentlyAcked.add(messageId);
        if (recentlyAcked.size() > RECENTLY_ACKED) {
            Iterator<UUID> oldest = recentlyAcked.iterator();
            oldest.next();
            oldest.remove();
        }
        return had;
    }

    /** Closes with a reason; idempotent. */
    void close(CloseReason reason) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (!socket.isClosed()) {
            socket.close(reason.code(), reason.reason());
        }
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** The socket closed (by either side). */
    synchronized void markClosed() {
        closed = true;
    }
}

package io.peyk.gateway.device;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.sun.management.UnixOperatingSystemMXBean;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.peyk.gateway.message.OttAck;
import io.peyk.gateway.message.OttHops;
import io.peyk.gateway.message.OttNotice;
import io.peyk.gateway.message.PendingFrame;
import io.peyk.gateway.role.Roles;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;

/**
 * The device connections this instance holds, grouped by partner and number, and what happens on them: pushes (to every
 * connection of the number: phone and tablet both get the message, the first acknowledgement counts, later ones are
 * duplicates), revocations, acknowledgements, heartbeats. Limits: connections per number, per partner and in total
 * (checked before the upgrade), unacknowledged frames and write queue per connection, inbound frame size and rate; a
 * connection breaking one is closed with its {@link CloseReason}, never slowing the others (writes never block).
 */
@ApplicationScoped
public class DeviceHub {

    private static final Logger LOG = Logger.getLogger(DeviceHub.class);

    private final Map<NumberKey, List<DeviceConnection>> byNumber = new ConcurrentHashMap<>();
    private final Map<UUID, AtomicInteger> perPartner = new ConcurrentHashMap<>();
    private final Map<NumberKey, Integer> perNumber = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final int maxTotal;
    private final OttHops hops;
    private final Presence presence;
    private final Vertx vertx;
    private final DevicesConfig.Connections config;
    private final Counter pushed;
    private final Counter refused;
    private final Counter acks;
    private final Counter lateAcks;
    private long sweeper = -1;

    DeviceHub(OttHops hops, Presence presence, Vertx vertx, DevicesConfig config, MeterRegistry registry) {
        this.hops = hops;
        this.presence = presence;
        this.vertx = vertx;
        this.config = config.connections();
        this.maxTotal = effectiveMaxTotal(this.config.maxTotal());
        Gauge.builder("peyk.devices.connections", total, AtomicInteger::get)
                .description("Device connections held by this instance").register(registry);
        this.pushed = Counter.builder("peyk.ott.pushes").description("Message frames pushed to devices")
                .register(registry);
        this.refused = Counter.builder("peyk.ott.push.refused")
                .description("Pushes refused by a connection (unacknowledged limit, slow reader)").register(registry);
        this.acks = Counter.builder("peyk.ott.acks").description("Acknowledgements received from devices")
                .register(registry);
        this.lateAcks = Counter.builder("peyk.ott.acks.late")
                .description("Acknowledgements after the OTT copy was revoked (recorded, not delivered)")
                .register(registry);
    }

    void onStart(@Observes StartupEvent event, Roles roles) {
        if (!roles.gateway()) {
            return;
        }
        sweeper = vertx.setPeriodic(config.heartbeatInterval().toMillis(), id -> sweep());
    }

    void onStop(@Observes ShutdownEvent event) {
        if (sweeper >= 0) {
            vertx.cancelTimer(sweeper);
        }
        forEach(c -> c.close(CloseReason.GOING_AWAY));
    }

    /**
     * Reserves a connection slot for this identity (per instance, per partner, per number, all atomically), or says why
     * the connection is refused before the upgrade. A reservation is released when the connection closes, or by
     * {@link #release} when the upgrade fails.
     */
    Optional<String> admit(DeviceIdentity identity) {
        if (!reserve(total, maxTotal)) {
            return Optional.of("this gateway instance holds its maximum of device connections");
        }
        if (!reserve(perPartner.computeIfAbsent(identity.partnerId(), k -> new AtomicInteger()),
                config.maxPerPartner())) {
            total.decrementAndGet();
            return Optional.of("this partner holds its maximum of device connections");
        }
        boolean[] taken = new boolean[1];
        perNumber.compute(new NumberKey(identity.partnerId(), identity.msisdn()), (k, count) -> {
            int c = count == null ? 0 : count;
            taken[0] = c < config.maxPerNumber();
            return taken[0] ? Integer.valueOf(c + 1) : count;
        });
        if (!taken[0]) {
            perPartner.get(identity.partnerId()).decrementAndGet();
            total.decrementAndGet();
            return Optional.of("this number holds its maximum of " + config.maxPerNumber() + " connections");
        }
        return Optional.empty();
    }

    /** Gives back a slot reserved by {@link #admit}. */
    void release(DeviceIdentity identity) {
        perNumber.computeIfPresent(new NumberKey(identity.partnerId(), identity.msisdn()),
                (k, count) -> count <= 1 ? null : count - 1);
        perPartner.get(identity.partnerId()).decrementAndGet();
        total.decrementAndGet();
    }

    private static boolean reserve(AtomicInteger counter, int max) {
        while (true) {
            int now = counter.get();
            if (now >= max) {
                return false;
            }
            if (counter.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /**
     * The most connections this instance may hold: the configured maximum, but never so many that the process runs out
     * of file descriptors for its own database, Kafka and SMPP sockets (a tenth of the limit, at least 1,000, is kept).
     */
    static int effectiveMaxTotal(int configured) {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
            long limit = unix.getMaxFileDescriptorCount();
            long usable = limit - Math.max(1000, limit / 10);
            if (usable > 0 && usable < configured) {
                LOG.warnf("device connections capped at %d (open-files limit %d; configured max-total %d)", usable,
                        limit, configured);
                return (int) usable;
            }
        }
        return configured;
    }

    /** A new app connection: registered, announced (presence), greeted, then sent what waits for its number. */
    DeviceConnection open(ServerWebSocket socket, DeviceIdentity identity) {
        DeviceConnection conn = new DeviceConnection(UUID.randomUUID(), identity, socket, config.maxUnacked(),
                config.maxFramesPerSecond());
        socket.setWriteQueueMaxSize(config.maxWriteQueueBytes());
        byNumber.compute(conn.key(), (k, list) -> {
            List<DeviceConnection> conns = list == null ? new CopyOnWriteArrayList<>() : list;
            conns.add(conn);
            return conns;
        });
        socket.closeHandler(v -> closed(conn));
        socket.exceptionHandler(e -> LOG.debugf("device connection %s: %s", conn.id, e.toString()));
        socket.pongHandler(pong -> conn.touch());
        socket.binaryMessageHandler(bytes -> conn.close(CloseReason.PROTOCOL_ERROR));
        socket.textMessageHandler(text -> onText(conn, text));
        // Hello once the presence is stored: from then on, messages for the number are routed to the app channel.
        presence.connected(conn).invoke(() -> {
            conn.presenceStored().complete(null);
            socket.writeTextMessage(Frames.hello(conn.id, config.heartbeatInterval().toSeconds(),
                    config.maxInboundFrameBytes(), config.maxUnacked()));
        }).chain(() -> replay(conn)).subscribe().with(v -> {
        }, e -> {
            conn.presenceStored().complete(null);
            LOG.warnf("device connection %s: registration failed (%s); closing so the app reconnects", conn.id,
                    e.toString());
            conn.close(CloseReason.GOING_AWAY);
        });
        return conn;
    }

    private Uni<Void> replay(DeviceConnection conn) {
        return hops.pending(conn.identity.partnerId(), conn.identity.msisdn(), config.maxUnacked()).invoke(frames -> {
            List<Frames.Push> pushes = new ArrayList<>(frames.size());
            for (PendingFrame f : frames) {
                pushes.add(Frames.push(f.messageId(), f.payload()));
            }
            conn.replayed(pushes);
        }).replaceWithVoid();
    }

    private void closed(DeviceConnection conn) {
        conn.markClosed();
        boolean[] removed = new boolean[1];
        byNumber.computeIfPresent(conn.key(), (k, list) -> {
            removed[0] = list.remove(conn);
            return list.isEmpty() ? null : list;
        });
        if (removed[0]) {
            release(conn.identity);
        }
        // After the presence row is stored (or failed to be): a delete racing ahead of the insert would leave a ghost.
        conn.presenceStored().whenComplete((v, failure) -> presence.disconnected(conn).subscribe().with(done -> {
        }, e -> LOG.debugf("presence of %s not removed (%s); it ends with this instance's heartbeat", conn.id, e)));
    }

    private void onText(DeviceConnection conn, String text) {
        if (!conn.admitFrame()) {
            conn.close(CloseReason.TOO_MANY_FRAMES);
            return;
        }
        if (text.length() > config.maxInboundFrameBytes()) {
            conn.close(CloseReason.FRAME_TOO_LARGE);
            return;
        }
        Optional<Frames.Ack> ack = Frames.parseAck(text);
        if (ack.isEmpty()) {
            conn.close(CloseReason.PROTOCOL_ERROR);
            return;
        }
        acks.increment();
        UUID id = ack.get().messageId();
        long bytesDown = conn.bytesPushed(id);
        hops.ack(conn.identity.partnerId(), conn.identity.msisdn(), id, ack.get().status(), bytesDown, text.length())
                .subscribe().with(outcome -> acknowledged(conn, id, outcome), e -> {
                    LOG.warnf("acknowledgement of %s not applied (%s); the app may send it again", id, e.toString());
                    conn.socket.writeTextMessage(Frames.error("retry", id.toString()));
                });
    }

    private void acknowledged(DeviceConnection conn, UUID id, OttAck outcome) {
        switch (outcome) {
            case DELIVERED, READ, DUPLICATE -> forEachOf(conn.key(), c -> c.forget(id));
            case LATE -> {
                lateAcks.increment();
                conn.forget(id);
            }
            case UNKNOWN -> conn.socket.writeTextMessage(Frames.error("unknown-message", id.toString()));
            case RECORDED -> {
            }
        }
    }

    /** A push notice: if this instance holds the number's connections, the message goes to each of them. */
    public void onNotice(OttNotice notice) {
        NumberKey key = new NumberKey(notice.partnerId(), notice.msisdn());
        List<DeviceConnection> conns = byNumber.get(key);
        if (conns == null || conns.isEmpty()) {
            return;
        }
        if (notice instanceof OttNotice.Acked acked) {
            conns.forEach(c -> c.forget(acked.messageId()));
            return;
        }
        if (notice instanceof OttNotice.Revoke revoke) {
            String frame = Frames.revoke(revoke.messageId());
            for (DeviceConnection c : conns) {
                if (c.forget(revoke.messageId())) {
                    c.socket.writeTextMessage(frame);
                }
            }
            return;
        }
        OttNotice.Push push = (OttNotice.Push) notice;
        Uni<Optional<byte[]>> payload = push.payload().isPresent()
                ? Uni.createFrom().item(push.payload())
                : hops.load(push.messageId()).map(f -> f.map(PendingFrame::payload));
        payload.subscribe().with(p -> p.ifPresent(bytes -> deliver(key, Frames.push(push.messageId(), bytes))),
                e -> LOG.warnf("payload of %s not read (%s); the timer or a reconnect delivers it", push.messageId(), e));
    }

    private void deliver(NumberKey key, Frames.Push push) {
        List<DeviceConnection> conns = byNumber.get(key);
        boolean taken = false;
        for (DeviceConnection c : conns == null ? List.<DeviceConnection>of() : conns) {
            DeviceConnection.Offer offer = c.offer(push);
            if (offer == DeviceConnection.Offer.PUSHED) {
                pushed.increment();
            }
            if (offer == DeviceConnection.Offer.REFUSED) {
                refused.increment();
            } else {
                taken = true;
            }
        }
        if (!taken && conns != null && !conns.isEmpty()) {
            hops.refused(push.messageId(), presence.instanceId()).subscribe().with(v -> {
            }, e -> LOG.warnf("refused push of %s not recorded (%s); its timer falls back", push.messageId(), e));
        }
    }

    /** The notification stream was (re)subscribed: anything may have been missed, so every connection replays. */
    void resync() {
        forEach(c -> replay(c).subscribe().with(v -> {
        }, e -> LOG.debugf("resync of %s failed: %s", c.id, e)));
    }

    /** Closes the connections that use a revoked token. */
    void tokenRevoked(UUID tokenId) {
        forEach(c -> {
            if (c.identity.tokenId().equals(tokenId)) {
                c.close(CloseReason.TOKEN_REVOKED);
            }
        });
    }

    private void sweep() {
        long now = System.nanoTime();
        long timeout = config.heartbeatTimeout().toNanos();
        java.time.Instant wall = java.time.Instant.now();
        Buffer ping = Buffer.buffer("hb");
        forEach(c -> {
            if (now - c.lastSeenNanos() > timeout) {
                c.close(CloseReason.HEARTBEAT_TIMEOUT);
            } else if (!wall.isBefore(c.identity.expiresAt())) {
                c.close(CloseReason.TOKEN_EXPIRED);
            } else if (!c.isClosed()) {
                c.socket.writePing(ping);
            }
        });
    }

    /** The instance's connections, for presence and tests. */
    void forEach(java.util.function.Consumer<DeviceConnection> action) {
        byNumber.values().forEach(list -> list.forEach(action));
    }

    private void forEachOf(NumberKey key, java.util.function.Consumer<DeviceConnection> action) {
        List<DeviceConnection> conns = byNumber.get(key);
        if (conns != null) {
            conns.forEach(action);
        }
    }
}

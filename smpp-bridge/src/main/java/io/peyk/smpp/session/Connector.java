package io.peyk.smpp.session;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.peyk.smpp.BridgeBusyException;
import io.peyk.smpp.ConnectorConfig;
import io.peyk.smpp.OutboundSms;
import io.peyk.smpp.segment.SegmentedText;

/**
 * One SMSC connector: its binds, the queue of parts waiting for a window slot (shared by the binds, so a paused bind's
 * work goes to the others and order is kept), and the connector-wide submit rate limit.
 */
public final class Connector implements AutoCloseable {

    private final ConnectorConfig config;
    private final ConnectorEvents events;
    private final PartPreparer preparer;
    private final LinkedBlockingDeque<OutboundPart> queue = new LinkedBlockingDeque<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final Object admission = new Object();
    private final RateLimiter rateLimiter;
    private final List<BindSession> binds = new ArrayList<>();
    private final TcpConnectionFactory connections;

    /**
     * Builds the connector without connecting; with TLS on, its trust store is loaded here.
     *
     * @throws IllegalArgumentException naming the connector, when its TLS trust store cannot be used
     */
    public Connector(ConnectorConfig config, ConnectorEvents events) {
        this.config = config;
        this.events = events;
        this.connections = TcpConnectionFactory.forConnector(config);
        this.preparer = new PartPreparer(config);
        this.rateLimiter = new RateLimiter(config.maxSubmitsPerSecond());
        for (int i = 1; i <= config.binds(); i++) {
            binds.add(new BindSession(this, config.name() + "-" + i));
        }
    }

    public void start() {
        binds.forEach(BindSession::start);
    }

    public String name() {
        return config.name();
    }

    public ConnectorConfig config() {
        return config;
    }

    /** How a text would be sent here: encoding and parts. */
    public SegmentedText segment(String text) {
        return preparer.segment(text);
    }

    /**
     * Queues all parts of a message, contiguously and in order.
     *
     * @throws BridgeBusyException when the queue has no room for them (retry later)
     */
    public void enqueue(OutboundSms sms, SegmentedText segmented) {
        List<OutboundPart> parts = preparer.prepare(sms, segmented);
        synchronized (admission) {
            if (queued.get() + parts.size() > config.queueCapacity()) {
                throw new BridgeBusyException("connector " + config.name() + " queue is full (" + config.queueCapacity()
                        + " parts): retry later");
            }
            queued.addAndGet(parts.size());
            queue.addAll(parts);
        }
    }

    /** Whether at least one bind can take submits now. */
    public boolean isUp() {
        return binds.stream().anyMatch(b -> b.state().isBound());
    }

    public int boundCount() {
        return (int) binds.stream().filter(b -> b.state().isBound()).count();
    }

    public int queuedParts() {
        return queued.get();
    }

    public List<BindStatus> bindStatuses() {
        return binds.stream().map(b -> new BindStatus(b.name(), b.state(), b.inFlight())).toList();
    }

    /** One bind's state for health checks and metrics. */
    public record BindStatus(String name, BindState state, int inFlight) {
    }

    @Override
    public void close() {
        binds.forEach(BindSession::stopAccepting);
        long deadline = System.nanoTime() + config.shutdownTimeout().toNanos();
        binds.forEach(b -> b.awaitIdle(deadline));
        binds.forEach(BindSession::close);
        OutboundPart part;
        while ((part = queue.pollFirst()) != null) {
            queued.decrementAndGet();
            events.returned(config.name(), part.messageRef, part.seq, part.total, "bridge shut down before sending");
        }
    }

    // --- used by the binds ---

    ConnectorEvents events() {
        return events;
    }

    /** Opens the sockets of every session of this connector. */
    TcpConnectionFactory connections() {
        return connections;
    }

    RateLimiter rateLimiter() {
        return rateLimiter;
    }

    OutboundPart take(long timeout, TimeUnit unit) throws InterruptedException {
        return queue.pollFirst(timeout, unit);
    }

    /** Puts a part back at the head so it goes out before everything queued after it. */
    void requeueFirst(OutboundPart part) {
        queue.addFirst(part);
    }

    /** A part left the queue for good (sent, failed or returned). */
    void done() {
        queued.decrementAndGet();
    }
}

package io.peyk.smpp;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.peyk.smpp.delivery.DeliveryTracker;
import io.peyk.smpp.delivery.ReceiptMatcher;
import io.peyk.smpp.encoding.DecodedText;
import io.peyk.smpp.encoding.TextDecoder;
import io.peyk.smpp.inbound.InboundMessage;
import io.peyk.smpp.inbound.InboundPart;
import io.peyk.smpp.inbound.InboundReassembler;
import io.peyk.smpp.inbound.OfferResult;
import io.peyk.smpp.pdu.MessageState;
import io.peyk.smpp.receipt.DeliveryReceipt;
import io.peyk.smpp.receipt.MessageIdNormalizer;
import io.peyk.smpp.receipt.ReceiptParser;
import io.peyk.smpp.receipt.ReceiptPdu;
import io.peyk.smpp.routing.PrefixRouter;
import io.peyk.smpp.segment.SegmentedText;
import io.peyk.smpp.session.BindState;
import io.peyk.smpp.session.Connector;
import io.peyk.smpp.session.ConnectorEvents;

/**
 * The bridge the gateway talks to: routes a message to a connector, splits and submits it, and reports parts, receipts,
 * final states and MO messages as {@link BridgeEvent}s. Nothing outside this module sees jSMPP types.
 *
 * <p>
 * Start with {@link #start(BridgeConfig, PartIdStore, BridgeListener)}; close to unbind cleanly.
 */
public final class SmppBridge implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SmppBridge.class);

    private final BridgeConfig config;
    private final BridgeListener listener;
    private final Map<String, Connector> connectors = new LinkedHashMap<>();
    private final Map<String, MessageIdNormalizer> normalizers = new LinkedHashMap<>();
    private final PrefixRouter router;
    private final ReceiptMatcher matcher;
    private final DeliveryTracker tracker;
    private final Map<String, InboundReassembler> reassemblers = new LinkedHashMap<>();
    private final ScheduledExecutorService housekeeping;
    private final Counters counters = new Counters();

    private SmppBridge(BridgeConfig config, PartIdStore store, BridgeListener listener) {
        this.config = config;
        this.listener = listener;
        this.router = new PrefixRouter(config.routes(), config.defaultRoute());
        this.matcher = new ReceiptMatcher(store, config.pendingReceiptGrace(), config.pendingReceiptCapacity());
        this.tracker = new DeliveryTracker(config.trackerCapacity());
        Events events = new Events();
        for (ConnectorConfig c : config.connectors()) {
            connectors.put(c.name(), new Connector(c, events));
            normalizers.put(c.name(), new MessageIdNormalizer(c.submitIdFormat(), c.receiptIdFormat()));
            reassemblers.put(c.name(),
                    new InboundReassembler(config.inboundMaxPendingGroups(), config.inboundReassemblyTimeout()));
        }
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "peyk-smpp-housekeeping");
            t.setDaemon(true);
            return t;
        });
    }

    /** Builds the connectors and starts binding them (in the background; see {@link #status()}). */
    public static SmppBridge start(BridgeConfig config, PartIdStore store, BridgeListener listener) {
        SmppBridge bridge = new SmppBridge(config, store, listener);
        bridge.connectors.values().forEach(Connector::start);
        bridge.housekeeping.scheduleWithFixedDelay(bridge::housekeep, 500, 500, TimeUnit.MILLISECONDS);
        return bridge;
    }

    /**
     * Routes, splits and queues a message.
     *
     * @throws NoRouteException no connector serves the destination ({@code retryable() == false}) or none of its
     *     connectors is bound now ({@code retryable() == true})
     * @throws BridgeBusyException the chosen connector's queue is full: retry later
     * @throws io.peyk.smpp.segment.TooManySegmentsException the text needs more parts than the connector allows: reject
     * @throws IllegalArgumentException an address SMPP cannot carry: reject
     */
    public SubmitHandle submit(OutboundSms sms) {
        Connector connector = pick(sms.destination());
        SegmentedText segmented = connector.segment(sms.text());
        tracker.track(sms.messageRef(), segmented.segments().size(), connector.config().receiptPolicy());
        connector.enqueue(sms, segmented);
        return new SubmitHandle(sms.messageRef(), connector.name(), segmented.encoding(), segmented.segments().size(),
                segmented.billableSegments());
    }

    /** How a text would go to a destination (the first connector of its route), without sending anything. */
    public TextPreview preview(String destination, String text) {
        List<String> candidates = router.candidates(destination);
        if (candidates.isEmpty()) {
            throw new NoRouteException("no route for destination", false);
        }
        Connector connector = connectors.get(candidates.get(0));
        SegmentedText segmented = connector.segment(text);
        return new TextPreview(connector.name(), segmented.encoding(), segmented.billableSegments());
    }

    private Connector pick(String destination) {
        List<String> candidates = router.candidates(destination);
        if (candidates.isEmpty()) {
            throw new NoRouteException("no route for destination", false);
        }
        for (String name : candidates) {
            Connector c = connectors.get(name);
            if (c.isUp()) {
                return c;
            }
        }
        throw new NoRouteException("every connector routed for the destination is down: " + candidates, true);
    }

    /** Each connector's binds and queue, in configuration order. */
    public Map<String, ConnectorStatus> status() {
        Map<String, ConnectorStatus> status = new LinkedHashMap<>();
        for (Connector c : connectors.values()) {
            status.put(c.name(), new ConnectorStatus(c.name(), c.boundCount(), c.config().binds(), c.queuedParts(),
                    c.bindStatuses()));
        }
        return status;
    }

    public BridgeStats stats() {
        return counters.snapshot();
    }

    public BridgeConfig config() {
        return config;
    }

    /** Stops taking messages, lets in-flight submits finish (bounded), hands back queued parts, unbinds and stops. */
    @Override
    public void close() {
        connectors.values().parallelStream().forEach(Connector::close);
        housekeeping.shutdownNow();
        housekeep();
    }

    private void housekeep() {
        try {
            Instant now = Instant.now();
            reassemblers.forEach((connector, reassembler) -> reassembler.expire(now)
                    .forEach(partial -> reportInboundQuietly(connector, partial)));
        } catch (RuntimeException e) {
            LOG.error("SMPP housekeeping failed", e);
        }
    }

    private void emit(BridgeEvent event) {
        try {
            listener.on(event);
        } catch (RuntimeException e) {
            counters.listenerErrors.increment();
            LOG.error("bridge listener failed on {}", event.getClass().getSimpleName(), e);
        }
    }

    /**
     * Hands on an event whose deliver_sm is still unanswered (receipts, MO): a listener failure propagates, so the
     * deliver_sm is answered with ESME_RSYSERR and the SMSC delivers it again instead of losing it.
     */
    private void emitOrFail(BridgeEvent event) {
        try {
            listener.on(event);
        } catch (RuntimeException e) {
            counters.listenerErrors.increment();
            throw e;
        }
    }

    private void reportMatch(String connector, String smscId, PartIdStore.PartRef part, DeliveryReceipt r) {
        counters.receiptsMatched.increment();
        Instant now = Instant.now();
        emitOrFail(new BridgeEvent.PartReceipt(part.messageRef(), connector, part.seq(), part.total(), smscId, r.state(),
                r.errorCode(), now));
        tracker.record(part.messageRef(), part.seq(), r.state())
                .ifPresent(state -> emit(new BridgeEvent.MessageFinal(part.messageRef(), connector, state, now)));
    }

    private void reportUnmatched(String connector, String smscId, DeliveryReceipt r) {
        counters.receiptsUnmatched.increment();
        LOG.warn("receipt for unknown message id {} on connector {} kept as unmatched", smscId, connector);
        emitOrFail(new BridgeEvent.UnmatchedReceipt(connector, smscId, r.state(), r.errorCode(), Instant.now()));
    }

    /** For MO whose parts were already answered (expired or evicted groups): a listener failure can only be logged. */
    private void reportInboundQuietly(String connector, InboundMessage message) {
        try {
            reportInbound(connector, message);
        } catch (RuntimeException e) {
            LOG.error("incomplete MO on connector {} could not be handed on", connector, e);
        }
    }

    private void reportInbound(String connector, InboundMessage message) {
        counters.inboundMessages.increment();
        if (!message.complete()) {
            counters.inboundIncomplete.increment();
        }
        DecodedText decoded = TextDecoder.decode(message.dataCoding(), message.body());
        String text = decoded instanceof DecodedText.Text t ? t.text() : ((DecodedText.Binary) decoded).hex();
        emitOrFail(new BridgeEvent.InboundSms(connector, message.source(), message.destination(), text,
                message.dataCoding(), message.parts(), message.complete(), Instant.now()));
    }

    /** The connectors' callbacks, translated into bridge events. */
    private final class Events implements ConnectorEvents {

        @Override
        public void submitted(String connector, String messageRef, int seq, int total, String rawSmscMessageId) {
            counters.partsSubmitted.increment();
            String id = normalizers.get(connector).fromSubmitResponse(rawSmscMessageId);
            // The event goes out before waiting receipts are woken, so listeners see a part's submit before its receipt.
            emit(new BridgeEvent.PartSubmitted(messageRef, connector, seq, total, id, Instant.now()));
            matcher.remember(connector, id, new PartIdStore.PartRef(messageRef, seq, total));
        }

        @Override
        public void failed(String connector, String messageRef, int seq, int total, int commandStatus, String reason) {
            counters.partsFailed.increment();
            Instant now = Instant.now();
            emit(new BridgeEvent.PartFailed(messageRef, connector, seq, total, commandStatus, reason, now));
            tracker.record(messageRef, seq, MessageState.REJECTED)
                    .ifPresent(state -> emit(new BridgeEvent.MessageFinal(messageRef, connector, state, now)));
        }

        @Override
        public void returned(String connector, String messageRef, int seq, int total, String reason) {
            counters.partsReturned.increment();
            emit(new BridgeEvent.PartReturned(messageRef, connector, seq, total, reason, Instant.now()));
        }

        @Override
        public void bindState(String connector, String bind, BindState state, String reason) {
            if (state == BindState.THROTTLED) {
                counters.throttled.increment();
            }
            emit(new BridgeEvent.BindStateChanged(connector, bind, state, reason, Instant.now()));
        }

        @Override
        public void receipt(String connector, ReceiptPdu pdu) {
            Optional<DeliveryReceipt> parsed = ReceiptParser.parse(pdu);
            if (parsed.isEmpty()) {
                counters.receiptsUnparseable.increment();
                LOG.warn("unparseable receipt on connector {} kept as unmatched", connector);
                emitOrFail(new BridgeEvent.UnmatchedReceipt(connector, "", MessageState.UNKNOWN, Optional.empty(),
                        Instant.now()));
                return;
            }
            DeliveryReceipt receipt = parsed.get();
            String id = normalizers.get(connector).fromReceipt(receipt.messageId());
            Optional<PartIdStore.PartRef> part;
            try {
                part = matcher.match(connector, id);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while matching a receipt", e);
            }
            if (part.isPresent()) {
                reportMatch(connector, id, part.get(), receipt);
            } else {
                reportUnmatched(connector, id, receipt);
            }
        }

        @Override
        public void inbound(String connector, InboundPart part) {
            OfferResult result = reassemblers.get(connector).offer(part);
            result.evicted().forEach(partial -> reportInboundQuietly(connector, partial));
            result.message().ifPresent(message -> reportInbound(connector, message));
        }
    }

    private static final class Counters {

        final LongAdder partsSubmitted = new LongAdder();
        final LongAdder partsFailed = new LongAdder();
        final LongAdder partsReturned = new LongAdder();
        final LongAdder throttled = new LongAdder();
        final LongAdder receiptsMatched = new LongAdder();
        final LongAdder receiptsUnmatched = new LongAdder();
        final LongAdder receiptsUnparseable = new LongAdder();
        final LongAdder inboundMessages = new LongAdder();
        final LongAdder inboundIncomplete = new LongAdder();
        final LongAdder listenerErrors = new LongAdder();

        BridgeStats snapshot() {
            return new BridgeStats(partsSubmitted.sum(), partsFailed.sum(), partsReturned.sum(), throttled.sum(),
                    receiptsMatched.sum(), receiptsUnmatched.sum(), receiptsUnparseable.sum(), inboundMessages.sum(),
                    inboundIncomplete.sum(), listenerErrors.sum());
        }
    }
}

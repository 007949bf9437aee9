package io.peyk.smpp.simulator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

import org.jsmpp.PDUStringException;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.OptionalParameters;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.ServerResponseDeliveryListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.session.connection.Connection;
import org.jsmpp.session.connection.ServerConnection;
import org.jsmpp.session.connection.ServerConnectionFactory;
import org.jsmpp.session.connection.socket.SocketConnection;
import org.jsmpp.util.MessageId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.peyk.smpp.encoding.TextEncoding;
import io.peyk.smpp.pdu.CommandStatus;
import io.peyk.smpp.pdu.MessageState;
import io.peyk.smpp.segment.ConcatMode;
import io.peyk.smpp.segment.Segment;
import io.peyk.smpp.segment.SegmentedText;
import io.peyk.smpp.segment.Segmenter;

/**
 * A built-in SMSC for tests, benchmarks and the embedded default: a real SMPP 3.4 server on loopback TCP (jSMPP) that
 * accepts binds, answers submits with ids in a chosen format, sends receipts in a chosen style, state and delay, injects
 * MO messages, and misbehaves on request (throttling, chosen error codes, refused binds, dropped connections) so the
 * bridge's handling of each can be proven. {@link #startTls(Path, String)} serves SMPP over TLS (1.2 or 1.3) only, with
 * the key and certificate of a PKCS#12 key store.
 *
 * <p>
 * Controls are thread-safe and take effect for the next PDU. It keeps at most {@code recordCapacity} received submits.
 */
public final class SmscSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SmscSimulator.class);
    private static final int RECEIPT_ATTEMPTS = 40;
    private static final int MAX_UNBINDS_RECORDED = 10_000;
    private static final DateTimeFormatter RECEIPT_DATE = DateTimeFormatter.ofPattern("yyMMddHHmm");

    private final SMPPServerSessionListener listener;
    private final int port;
    private final String host;
    private final boolean tls;
    private final int recordCapacity;
    private final Thread acceptor;
    private final ExecutorService binder;
    private final ScheduledExecutorService receipts;
    private final List<SMPPServerSession> sessions = new CopyOnWriteArrayList<>();
    private final Map<SMPPServerSession, String> systemIds = new ConcurrentHashMap<>();
    private final Map<String, ReceivedSubmit> pendingReceipts = new ConcurrentHashMap<>();
    private final Deque<ReceivedSubmit> received = new ArrayDeque<>();
    private final AtomicLong nextId = new AtomicLong(1_000_000);
    private final AtomicLong submitCount = new AtomicLong();
    private final AtomicLong acceptedCount = new AtomicLong();
    private final AtomicLong receiptsSent = new AtomicLong();
    private final AtomicInteger bindAttempts = new AtomicInteger();
    private final AtomicInteger unbinds = new AtomicInteger();
    private final AtomicLong submitResponsesSent = new AtomicLong();
    private final AtomicLong submitResponsesFailed = new AtomicLong();
    private final List<Long> responsesSentAtUnbinds = new CopyOnWriteArrayList<>();
    private final AtomicInteger rejectBinds = new AtomicInteger();
    private final Deque<Integer> scriptedStatuses = new ArrayDeque<>();
    private final AtomicInteger moReference = new AtomicInteger(1);
    private volatile boolean running = true;

    // controls
    private volatile SimulatedIdFormat idFormat = SimulatedIdFormat.DECIMAL;
    private volatile SimulatedIdFormat receiptIdFormat = SimulatedIdFormat.DECIMAL;
    private volatile ReceiptStyle receiptStyle = ReceiptStyle.TEXT_AND_TLV;
    private volatile ReceiptParts receiptParts = ReceiptParts.EVERY_PART;
    private volatile MessageState receiptState = MessageState.DELIVERED;
    private volatile String receiptError = "000";
    private volatile Duration receiptDelay = Duration.ZERO;
    private volatile int throttleEvery;
    private volatile Duration responseDelay = Duration.ZERO;
    private volatile int receiptAttempts = RECEIPT_ATTEMPTS;
    private final AtomicInteger concurrentSubmits = new AtomicInteger();
    private final AtomicInteger maxConcurrentSubmits = new AtomicInteger();
    private volatile int rejectBindStatus = CommandStatus.ESME_RALYBND.code();

    private SmscSimulator(String host, int port, int recordCapacity, Optional<SSLContext> tls) throws IOException {
        this.host = host;
        this.port = port == 0 ? freePort(host) : port;
        this.tls = tls.isPresent();
        this.recordCapacity = recordCapacity;
        this.listener = new SMPPServerSessionListener(this.port, 5_000, 50, new LoopbackServerFactory(host, tls));
        listener.setPduProcessorDegree(4);
        listener.setQueueCapacity(10_000);
        listener.setMessageReceiverListener(new Receiver());
        listener.setResponseDeliveryListener(new ResponseSent());
        this.binder = Executors.newCachedThreadPool(named("peyk-smsc-sim-bind"));
        this.receipts = Executors.newScheduledThreadPool(4, named("peyk-smsc-sim-receipt"));
        this.acceptor = new Thread(this::acceptLoop, "peyk-smsc-sim-accept-" + this.port);
        this.acceptor.setDaemon(true);
    }

    /** Starts a simulator on a free loopback port that keeps the last 100,000 submits. */
    public static SmscSimulator start() throws IOException {
        return start("127.0.0.1", 0, 100_000);
    }

    /** Starts a simulator on the given address and port (0 picks a free one). */
    public static SmscSimulator start(String host, int port, int recordCapacity) throws IOException {
        return start(host, port, recordCapacity, Optional.empty());
    }

    /**
     * Starts a simulator serving SMPP over TLS only (1.2 or 1.3), on a free loopback port, keeping the last 100,000
     * submits. It presents the key and certificate chain of the PKCS#12 key store's key entry.
     *
     * @throws IOException the key store cannot be read with that password
     */
    public static SmscSimulator startTls(Path keyStore, String password) throws IOException {
        return startTls("127.0.0.1", 0, 100_000, keyStore, password);
    }

    /** {@link #startTls(Path, String)} on the given address and port (0 picks a free one). */
    public static SmscSimulator startTls(String host, int port, int recordCapacity, Path keyStore, String password)
            throws IOException {
        return start(host, port, recordCapacity, Optional.of(serverContext(keyStore, password)));
    }

    private static SmscSimulator start(String host, int port, int recordCapacity, Optional<SSLContext> tls)
            throws IOException {
        SmscSimulator sim = new SmscSimulator(host, port, recordCapacity, tls);
        sim.acceptor.start();
        LOG.info("SMSC simulator listening on {}:{}{}", host, sim.port, sim.tls ? " (TLS)" : "");
        return sim;
    }

    private static SSLContext serverContext(Path keyStore, String password) throws IOException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(keyStore)) {
                store.load(in, password.toCharArray());
            }
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("simulator key store " + keyStore + " cannot serve TLS: " + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    public String host() {
        return host;
    }

    /** Whether this simulator serves SMPP over TLS (and only over TLS). */
    public boolean tls() {
        return tls;
    }

    // --- controls ---

    public SmscSimulator idFormats(SimulatedIdFormat inSubmitResponse, SimulatedIdFormat inReceipt) {
        this.idFormat = inSubmitResponse;
        this.receiptIdFormat = inReceipt;
        return this;
    }

    public SmscSimulator receiptStyle(ReceiptStyle style) {
        this.receiptStyle = style;
        return this;
    }

    public SmscSimulator receiptParts(ReceiptParts parts) {
        this.receiptParts = parts;
        return this;
    }

    /** The final state receipts report, with the {@code err:} value they carry. */
    public SmscSimulator receiptOutcome(MessageState state, String errorCode) {
        this.receiptState = state;
        this.receiptError = errorCode;
        return this;
    }

    public SmscSimulator receiptDelay(Duration delay) {
        this.receiptDelay = delay;
        return this;
    }

    /** Holds every submit_sm this long before answering it, like a slow SMSC (lets tests see the window fill). */
    public SmscSimulator responseDelay(Duration delay) {
        this.responseDelay = delay;
        return this;
    }

    /**
     * How many times a receipt no bound receiver took is tried, 250 ms apart (default 40: 10 s; at most 2,400: 10 min),
     * e.g. to outlast an ESME's restart as a real SMSC does.
     */
    public SmscSimulator receiptAttempts(int attempts) {
        if (attempts < 1 || attempts > 2_400) {
            throw new IllegalArgumentException("receipt attempts must be 1..2400: " + attempts);
        }
        this.receiptAttempts = attempts;
        return this;
    }

    /** The most submits the simulator was handling at the same time. */
    public int maxConcurrentSubmits() {
        return maxConcurrentSubmits.get();
    }

    /** Answers every n-th submit with ESME_RTHROTTLED (0 turns it off). */
    public SmscSimulator throttleEvery(int n) {
        this.throttleEvery = n;
        return this;
    }

    /** Answers the next {@code count} submits with {@code commandStatus}. */
    public SmscSimulator failNext(int count, int commandStatus) {
        synchronized (scriptedStatuses) {
            for (int i = 0; i < count; i++) {
                scriptedStatuses.add(commandStatus);
            }
        }
        return this;
    }

    /** Refuses the next {@code count} binds with {@code commandStatus} (ESME_RALYBND, ESME_RBINDFAIL...). */
    public SmscSimulator rejectNextBinds(int count, int commandStatus) {
        this.rejectBindStatus = commandStatus;
        this.rejectBinds.set(count);
        return this;
    }

    /** Cuts every connection without an unbind, like a crashed SMSC or a broken link. */
    public void dropConnections() {
        for (SMPPServerSession s : sessions) {
            s.close();
        }
    }

    // --- MO ---

    /** Sends a mobile-originated text to the first bound receiver, split with an 8-bit-reference UDH if long. */
    public void injectMo(String source, String destination, String text) throws Exception {
        SegmentedText segmented = Segmenter.segment(text, ConcatMode.UDH_8BIT_REF, moReference.getAndIncrement(), 255);
        byte dcs = segmented.encoding() == TextEncoding.UCS2 ? (byte) 0x08 : 0x00;
        List<byte[]> parts = new ArrayList<>();
        for (Segment s : segmented.segments()) {
            parts.add(s.shortMessage());
        }
        injectMoParts(source, destination, dcs, segmented.segments().size() > 1, parts);
    }

    /** Sends raw MO parts in the given order (for out-of-order and duplicate tests). */
    public void injectMoParts(String source, String destination, byte dataCoding, boolean udhi, List<byte[]> shortMessages)
            throws Exception {
        SMPPServerSession session = receiver().orElseThrow(() -> new IllegalStateException("no bound receiver"));
        for (byte[] sm : shortMessages) {
            session.deliverShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, strip(source),
                    TypeOfNumber.UNKNOWN, NumberingPlanIndicator.ISDN, strip(destination),
                    new ESMClass(udhi ? 0x40 : 0x00), (byte) 0, (byte) 0, new RegisteredDelivery(0),
                    DataCodings.newInstance(dataCoding), sm);
        }
    }

    // --- observations ---

    /** Submits received so far (the last {@code recordCapacity}), in arrival order. */
    public List<ReceivedSubmit> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    public long submitCount() {
        return submitCount.get();
    }

    public long acceptedCount() {
        return acceptedCount.get();
    }

    public long receiptsSent() {
        return receiptsSent.get();
    }

    public int bindAttempts() {
        return bindAttempts.get();
    }

    public int unbindsReceived() {
        return unbinds.get();
    }

    /** submit_sm_resp (with a message id) written to the socket without error. */
    public long submitResponsesSent() {
        return submitResponsesSent.get();
    }

    /** submit_sm_resp (with a message id) whose write failed, e.g. because the ESME had already gone. */
    public long submitResponsesFailed() {
        return submitResponsesFailed.get();
    }

    /**
     * For each unbind received (the first 10,000), in order: how many submit_sm_resp had been sent when it came. Equal
     * to {@link #submitResponsesSent()} at the end when no response was sent after any unbind.
     */
    public List<Long> responsesSentAtUnbinds() {
        return List.copyOf(responsesSentAtUnbinds);
    }

    public int boundSessions() {
        return (int) sessions.stream().filter(s -> s.getSessionState().isBound()).count();
    }

    @Override
    public void close() {
        running = false;
        try {
            listener.close();
        } catch (IOException e) {
            LOG.debug("closing simulator listener", e);
        }
        sessions.forEach(SMPPServerSession::unbindAndClose);
        receipts.shutdownNow();
        binder.shutdownNow();
        try {
            acceptor.join(2_000);
            receipts.awaitTermination(2, TimeUnit.SECONDS);
            binder.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // --- server plumbing ---

    private void acceptLoop() {
        while (running) {
            try {
                SMPPServerSession session = listener.accept();
                binder.execute(() -> handshake(session));
            } catch (IOException e) {
                if (running) {
                    LOG.debug("simulator accept failed", e);
                }
            }
        }
    }

    private void handshake(SMPPServerSession session) {
        try {
            BindRequest request = session.waitForBind(5_000);
            bindAttempts.incrementAndGet();
            if (rejectBinds.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                request.reject(rejectBindStatus);
                // The client closes after a refused bind; closing here at once could cut the bind_resp off.
                receipts.schedule(session::close, 2, TimeUnit.SECONDS);
                return;
            }
            session.addSessionStateListener((newState, oldState, source) -> {
                if (newState == SessionState.UNBOUND) {
                    if (responsesSentAtUnbinds.size() < MAX_UNBINDS_RECORDED) {
                        responsesSentAtUnbinds.add(submitResponsesSent.get());
                    }
                    unbinds.incrementAndGet();
                }
                if (newState == SessionState.CLOSED) {
                    sessions.remove(session);
                    systemIds.remove(session);
                }
            });
            systemIds.put(session, request.getSystemId());
            sessions.add(session);
            request.accept("peyk-sim");
        } catch (Exception e) {
            LOG.debug("simulator bind handshake failed", e);
            session.close();
        }
    }

    private Optional<SMPPServerSession> receiver() {
        return sessions.stream().filter(s -> s.getSessionState().isReceivable()).findFirst();
    }

    private int decideStatus(long n) {
        synchronized (scriptedStatuses) {
            Integer scripted = scriptedStatuses.poll();
            if (scripted != null) {
                return scripted;
            }
        }
        int every = throttleEvery;
        if (every > 0 && n % every == 0) {
            return CommandStatus.ESME_RTHROTTLED.code();
        }
        return 0;
    }

    private void record(ReceivedSubmit submit) {
        synchronized (received) {
            received.addLast(submit);
            while (received.size() > recordCapacity) {
                received.removeFirst();
            }
        }
    }

    private void sendReceipt(SMPPServerSession preferred, ReceivedSubmit submit, int attempt) {
        SMPPServerSession session = preferred.getSessionState().isReceivable() ? preferred : receiver().orElse(null);
        if (session == null || !deliverReceipt(session, submit)) {
            // Like a real SMSC, keep the receipt and try again later (bounded), e.g. across the ESME's restart.
            if (attempt < receiptAttempts && running) {
                receipts.schedule(() -> sendReceipt(preferred, submit, attempt + 1), 250, TimeUnit.MILLISECONDS);
            }
        }
    }

    private boolean deliverReceipt(SMPPServerSession session, ReceivedSubmit submit) {
        long numeric = Long.parseLong(submit.messageId().orElseThrow().substring(4));
        String receiptId = receiptIdFormat.format(numeric);
        MessageState state = receiptState;
        String now = LocalDateTime.now(ZoneOffset.UTC).format(RECEIPT_DATE);
        String stat = switch (state) {
            case DELIVERED -> "DELIVRD";
            case EXPIRED -> "EXPIRED";
            case DELETED -> "DELETED";
            case UNDELIVERABLE -> "UNDELIV";
            case ACCEPTED -> "ACCEPTD";
            case REJECTED -> "REJECTD";
            case ENROUTE -> "ENROUTE";
            default -> "UNKNOWN";
        };
        ReceiptStyle style = receiptStyle;
        byte[] text = style == ReceiptStyle.TLV
                ? new byte[0]
                : ("id:" + receiptId + " sub:001 dlvrd:" + (state == MessageState.DELIVERED ? "001" : "000") + " submit date:"
                        + now + " done date:" + now + " stat:" + stat + " err:" + receiptError + " text:")
                        .getBytes(StandardCharsets.US_ASCII);
        OptionalParameter[] tlvs = style == ReceiptStyle.TEXT
                ? OptionalParameters.EMPTY_OPTIONAL_PARAMETERS
                : new OptionalParameter[]{
                        new OptionalParameter.COctetString(OptionalParameter.Tag.RECEIPTED_MESSAGE_ID.code(), receiptId),
                        new OptionalParameter.Byte(OptionalParameter.Tag.MESSAGE_STATE.code(), state.value())};
        try {
            session.deliverShortMessage("", TypeOfNumber.valueOf((byte) submit.destinationTon()),
                    NumberingPlanIndicator.ISDN, submit.destinationAddr(), TypeOfNumber.valueOf((byte) submit.sourceTon()),
                    NumberingPlanIndicator.UNKNOWN, submit.sourceAddr(), new ESMClass(0x04), (byte) 0, (byte) 0,
                    new RegisteredDelivery(0), DataCodings.ZERO, text, tlvs);
            receiptsSent.incrementAndGet();
            return true;
        } catch (Exception e) {
            LOG.debug("simulator could not send a receipt", e);
            return false;
        }
    }

    private boolean wantsReceipt(ReceivedSubmit submit) {
        int registered = submit.registeredDelivery() & 0x03;
        if (registered == 0 || (registered == 2 && receiptState == MessageState.DELIVERED)) {
            return false;
        }
        if (receiptParts == ReceiptParts.LAST_PART_ONLY) {
            int[] seqTotal = UdhPeek.seqAndTotal(submit);
            return seqTotal[0] == seqTotal[1];
        }
        return true;
    }

    private final class Receiver implements ServerMessageReceiverListener {

        @Override
        public SubmitSmResult onAcceptSubmitSm(SubmitSm submit, SMPPServerSession session) throws ProcessRequestException {
            int concurrent = concurrentSubmits.incrementAndGet();
            maxConcurrentSubmits.accumulateAndGet(concurrent, Math::max);
            try {
                long delayNanos = responseDelay.toNanos();
                if (delayNanos > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(delayNanos);
                }
                return accept(submit, session);
            } finally {
                concurrentSubmits.decrementAndGet();
            }
        }

        private SubmitSmResult accept(SubmitSm submit, SMPPServerSession session) throws ProcessRequestException {
            long n = submitCount.incrementAndGet();
            int status = decideStatus(n);
            Map<Integer, byte[]> tlvs = new HashMap<>();
            if (submit.getOptionalParameters() != null) {
                for (OptionalParameter p : submit.getOptionalParameters()) {
                    byte[] s = p.serialize();
                    byte[] v = new byte[s.length - 4];
                    System.arraycopy(s, 4, v, 0, v.length);
                    tlvs.put(p.tag & 0xFFFF, v);
                }
            }
            Optional<String> id = status == 0 ? Optional.of("sim-" + nextId.getAndIncrement()) : Optional.empty();
            ReceivedSubmit received = new ReceivedSubmit(systemIds.getOrDefault(session, "?"), submit.getSourceAddr(),
                    submit.getSourceAddrTon(), submit.getDestAddress(), submit.getDestAddrTon(), submit.getEsmClass() & 0xFF,
                    submit.getDataCoding() & 0xFF, submit.getRegisteredDelivery() & 0xFF, submit.getValidityPeriod(),
                    submit.getShortMessage() == null ? new byte[0] : submit.getShortMessage(), Map.copyOf(tlvs), id, status,
                    Instant.now());
            record(received);
            if (status != 0) {
                throw new ProcessRequestException("simulated " + CommandStatus.describe(status), status);
            }
            acceptedCount.incrementAndGet();
            String wireId = idFormat.format(Long.parseLong(id.get().substring(4)));
            if (wantsReceipt(received)) {
                pendingReceipts.put(wireId, received);
            }
            try {
                return new SubmitSmResult(new MessageId(wireId), OptionalParameters.EMPTY_OPTIONAL_PARAMETERS);
            } catch (PDUStringException e) {
                throw new ProcessRequestException("bad message id", CommandStatus.ESME_RSYSERR.code(), e);
            }
        }

        @Override
        public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("submit_multi not supported", CommandStatus.ESME_RINVCMDID.code());
        }

        @Override
        public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("query_sm not supported", CommandStatus.ESME_RINVCMDID.code());
        }

        @Override
        public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("replace_sm not supported", CommandStatus.ESME_RINVCMDID.code());
        }

        @Override
        public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("cancel_sm not supported", CommandStatus.ESME_RINVCMDID.code());
        }

        @Override
        public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("broadcast_sm not supported", CommandStatus.ESME_RINVCMDID.code());
        }

        @Override
        public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancelBroadcastSm, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("cancel_broadcast_sm not supported", CommandStatus.ESME_RINVCMDID.code());
        }

        @Override
        public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm queryBroadcastSm, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("query_broadcast_sm not supported", CommandStatus.ESME_RINVCMDID.code());
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw new ProcessRequestException("data_sm not supported", CommandStatus.ESME_RINVCMDID.code());
        }
    }

    /** Receipts go out only after the submit_sm_resp did, as a real SMSC does. */
    private final class ResponseSent implements ServerResponseDeliveryListener {

        @Override
        public void onSubmitSmRespSent(SubmitSmResult result, SMPPServerSession session) {
            submitResponsesSent.incrementAndGet();
            ReceivedSubmit submit = pendingReceipts.remove(result.getMessageId());
            if (submit == null) {
                return;
            }
            long delay = receiptDelay.toMillis();
            try {
                if (delay <= 0) {
                    receipts.execute(() -> sendReceipt(session, submit, 0));
                } else {
                    receipts.schedule(() -> sendReceipt(session, submit, 0), delay, TimeUnit.MILLISECONDS);
                }
            } catch (java.util.concurrent.RejectedExecutionException e) {
                LOG.debug("simulator is closing; receipt not sent");
            }
        }

        @Override
        public void onSubmitSmRespError(SubmitSmResult result, Exception e, SMPPServerSession session) {
            submitResponsesFailed.incrementAndGet();
            pendingReceipts.remove(result.getMessageId());
        }

        @Override
        public void onSubmitMultiRespSent(SubmitMultiResult result, SMPPServerSession session) {
        }

        @Override
        public void onSubmitMultiRespError(SubmitMultiResult result, Exception e, SMPPServerSession session) {
        }
    }

    /**
     * Accepts on one address only, with TCP_NODELAY on every accepted socket; with a TLS context, over TLS 1.2 or 1.3 only
     * (the handshake runs on the session's first read, not on the accepting thread).
     */
    private static final class LoopbackServerFactory implements ServerConnectionFactory {

        private static final String[] TLS_PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

        private final String host;
        private final Optional<SSLContext> tls;

        LoopbackServerFactory(String host, Optional<SSLContext> tls) {
            this.host = host;
            this.tls = tls;
        }

        @Override
        public ServerConnection listen(int port) throws IOException {
            return listen(port, 0, 50);
        }

        @Override
        public ServerConnection listen(int port, int timeout) throws IOException {
            return listen(port, timeout, 50);
        }

        @Override
        public ServerConnection listen(int port, int timeout, int backlog) throws IOException {
            ServerSocket server;
            if (tls.isPresent()) {
                SSLServerSocket secure = (SSLServerSocket) tls.get().getServerSocketFactory().createServerSocket();
                secure.setEnabledProtocols(TLS_PROTOCOLS);
                server = secure;
            } else {
                server = new ServerSocket();
            }
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getByName(host), port), backlog);
            server.setSoTimeout(timeout);
            return new ServerConnection() {

                @Override
                public Connection accept() throws IOException {
                    Socket socket = server.accept();
                    socket.setTcpNoDelay(true);
                    return new SocketConnection(socket);
                }

                @Override
                public void setSoTimeout(int t) throws IOException {
                    server.setSoTimeout(t);
                }

                @Override
                public int getSoTimeout() throws IOException {
                    return server.getSoTimeout();
                }

                @Override
                public void close() throws IOException {
                    server.close();
                }
            };
        }
    }

    private static int freePort(String host) throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return probe.getLocalPort();
        }
    }

    private static String strip(String address) {
        return address.startsWith("+") ? address.substring(1) : address;
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Reads a part's seq and total from its UDH or SAR TLVs; {1,1} for a single message. */
    static final class UdhPeek {

        private UdhPeek() {
        }

        static int[] seqAndTotal(ReceivedSubmit s) {
            byte[] total = s.tlvs().get(0x020E);
            byte[] seq = s.tlvs().get(0x020F);
            if (total != null && seq != null) {
                return new int[]{seq[0] & 0xFF, total[0] & 0xFF};
            }
            byte[] sm = s.shortMessage();
            if (s.hasUdh() && sm.length > 1) {
                int udhl = sm[0] & 0xFF;
                int i = 1;
                while (i + 1 < 1 + udhl && i + 1 < sm.length) {
                    int iei = sm[i] & 0xFF;
                    int len = sm[i + 1] & 0xFF;
                    if (iei == 0x00 && len == 3 && i + 4 < sm.length) {
                        return new int[]{sm[i + 4] & 0xFF, sm[i + 3] & 0xFF};
                    }
                    if (iei == 0x08 && len == 4 && i + 5 < sm.length) {
                        return new int[]{sm[i + 5] & 0xFF, sm[i + 4] & 0xFF};
                    }
                    i += 2 + len;
                }
            }
            return new int[]{1, 1};
        }
    }
}

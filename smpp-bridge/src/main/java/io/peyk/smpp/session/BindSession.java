package io.peyk.smpp.session;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.InterfaceVersion;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.OptionalParameters;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.SubmitSmResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.peyk.smpp.ConnectorConfig;
import io.peyk.smpp.pdu.CommandStatus;

/**
 * One bind of a connector: a transceiver session, or a transmitter plus a receiver session. A supervisor thread binds,
 * watches the link and rebinds with jittered exponential backoff; {@code windowSize} worker threads each keep one submit in
 * flight (jSMPP's submit is synchronous and matches responses by sequence number), so the window is exactly the worker
 * count. Threads live as long as the bind, not the session: rebinding never starts new ones.
 *
 * <p>
 * Errors, by what happens next:
 * <ul>
 * <li>ESME_RTHROTTLED, ESME_RMSGQFUL, ESME_RSYSERR: the part goes back to the head of the queue and the whole bind pauses
 * with backoff, so order is kept and the SMSC gets room;</li>
 * <li>a response timeout or a broken link: the part goes back to the head of the queue (it may reach the SMSC twice: the
 * window is the bound of such duplicates);</li>
 * <li>ESME_RINVBNDSTS: the part goes back and the session is dropped and rebound;</li>
 * <li>any other status: the part fails with that status recorded.</li>
 * </ul>
 */
final class BindSession {

    private static final Logger LOG = LoggerFactory.getLogger(BindSession.class);
    private static final long POLL_MILLIS = 200;
    private static final int RECEIVER_PDU_THREADS = 16;

    private final Connector connector;
    private final ConnectorConfig config;
    private final String name;
    private final Backoff rebindBackoff;
    private final Backoff throttleBackoff;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();

    // guarded by lock
    private BindState state = BindState.CONNECTING;
    private List<SMPPSession> sessions = List.of();
    private SMPPSession transmitter;
    private long pausedUntilNanos;
    private int throttleAttempt;
    private boolean accepting = true;
    private boolean running = true;

    BindSession(Connector connector, String name) {
        this.connector = connector;
        this.config = connector.config();
        this.name = name;
        this.rebindBackoff = new Backoff(config.rebindInitialDelay(), config.rebindMaxDelay());
        this.throttleBackoff = new Backoff(config.throttleInitialDelay(), config.throttleMaxDelay());
    }

    String name() {
        return name;
    }

    BindState state() {
        lock.lock();
        try {
            return state;
        } finally {
            lock.unlock();
        }
    }

    int inFlight() {
        return inFlight.get();
    }

    void start() {
        Thread supervisor = new Thread(this::supervise, "peyk-smpp-" + name + "-supervisor");
        supervisor.setDaemon(true);
        threads.add(supervisor);
        for (int i = 1; i <= config.windowSize(); i++) {
            Thread worker = new Thread(this::work, "peyk-smpp-" + name + "-w" + i);
            worker.setDaemon(true);
            threads.add(worker);
        }
        threads.forEach(Thread::start);
    }

    // --- supervisor: bind, watch, rebind ---

    private void supervise() {
        int attempt = 0;
        while (isRunning()) {
            setState(BindState.CONNECTING, "binding to " + config.host() + ":" + config.port());
            List<SMPPSession> opened = new ArrayList<>();
            long delayMillis;
            String reason;
            try {
                if (config.bindMode() == io.peyk.smpp.BindMode.TRANSCEIVER) {
                    opened.add(bind(BindType.BIND_TRX));
                } else {
                    opened.add(bind(BindType.BIND_TX));
                    opened.add(bind(BindType.BIND_RX));
                }
                attempt = 0;
                publish(opened);
                awaitLinkLoss(opened);
                if (!isRunning()) {
                    break;
                }
                delayMillis = rebindBackoff.delayMillis(0);
                reason = "link lost; rebinding in " + delayMillis + " ms";
            } catch (IOException e) {
                int status = BindFailures.commandStatus(e);
                if (status == CommandStatus.ESME_RALYBND.code()) {
                    // The SMSC still holds our previous bind: give it time to expire instead of spinning.
                    delayMillis = config.alreadyBoundDelay().toMillis() + rebindBackoff.delayMillis(attempt++);
                    reason = "SMSC says already bound (ESME_RALYBND); waiting " + delayMillis
                            + " ms for the old bind to expire";
                } else {
                    delayMillis = rebindBackoff.delayMillis(attempt++);
                    reason = "bind failed (" + BindFailures.describe(e, status) + "); retrying in " + delayMillis + " ms";
                }
            } finally {
                unpublish(opened);
            }
            if (!isRunning()) {
                break;
            }
            setState(BindState.BACKING_OFF, reason);
            sleepUnlessStopped(delayMillis);
        }
    }

    private SMPPSession bind(BindType type) throws IOException {
        SMPPSession session = new SMPPSession(connector.connections());
        session.setTransactionTimer(config.responseTimeout().toMillis());
        session.setEnquireLinkTimer((int) Math.min(Integer.MAX_VALUE, config.enquireLinkInterval().toMillis()));
        // deliver_sm threads wait until the gateway has stored a receipt before it is answered: give them room.
        session.setPduProcessorDegree(type == BindType.BIND_TX ? 1 : RECEIVER_PDU_THREADS);
        session.setQueueCapacity(Math.max(100, config.windowSize() * 10));
        if (type.isReceivable()) {
            session.setMessageReceiverListener(new DeliverSmHandler(config.name(), connector.events()));
        }
        session.addSessionStateListener((newState, oldState, source) -> {
            if (!newState.isBound()) {
                signal();
            }
        });
        try {
            session.connectAndBind(config.host(), config.port(),
                    new BindParameter(type, config.systemId(), config.password(), config.systemType(), TypeOfNumber.UNKNOWN,
                            NumberingPlanIndicator.UNKNOWN, null, InterfaceVersion.IF_34),
                    config.bindTimeout().toMillis());
        } catch (IOException e) {
            session.close();
            throw e;
        }
        return session;
    }

    private void publish(List<SMPPSession> opened) {
        lock.lock();
        try {
            sessions = List.copyOf(opened);
            transmitter = opened.get(0);
            pausedUntilNanos = 0;
            throttleAttempt = 0;
            state = BindState.BOUND;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        LOG.info("SMPP bind {} bound to {}:{} as {}", name, config.host(), config.port(), config.bindMode());
        connector.events().bindState(config.name(), name, BindState.BOUND, "bound");
    }

    private void unpublish(List<SMPPSession> opened) {
        boolean shuttingDown;
        lock.lock();
        try {
            shuttingDown = !running;
            if (!shuttingDown && sessions.equals(opened)) {
                sessions = List.of();
                transmitter = null;
            }
        } finally {
            lock.unlock();
        }
        if (!shuttingDown) {
            // On shutdown close() owns the sessions: it unbinds them before closing.
            opened.forEach(SMPPSession::close);
        }
    }

    private void awaitLinkLoss(List<SMPPSession> opened) {
        lock.lock();
        try {
            while (running && opened.stream().allMatch(s -> s.getSessionState().isBound())) {
                changed.await(POLL_MILLIS, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    // --- workers: one submit in flight each ---

    private void work() {
        while (true) {
            SMPPSession session = awaitSendable();
            if (session == null) {
                return;
            }
            OutboundPart part;
            try {
                part = connector.take(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (part == null) {
                continue;
            }
            if (!connector.rateLimiter().acquire()) {
                connector.requeueFirst(part);
                return;
            }
            inFlight.incrementAndGet();
            try {
                send(session, part);
            } finally {
                inFlight.decrementAndGet();
            }
        }
    }

    /** Waits until this bind may send; null when the bind stops accepting work. */
    private SMPPSession awaitSendable() {
        lock.lock();
        try {
            while (true) {
                if (!accepting) {
                    return null;
                }
                long now = System.nanoTime();
                if (transmitter != null && transmitter.getSessionState().isBound()) {
                    long pause = pausedUntilNanos - now;
                    if (pause <= 0) {
                        if (state == BindState.THROTTLED) {
                            state = BindState.BOUND;
                        }
                        return transmitter;
                    }
                    changed.awaitNanos(pause);
                } else {
                    changed.await(POLL_MILLIS, TimeUnit.MILLISECONDS);
                }
            }
        } catch (InterruptedException e) {
            return null;
        } finally {
            lock.unlock();
        }
    }

    private void send(SMPPSession session, OutboundPart part) {
        try {
            SubmitSmResult result = session.submitShortMessage(null, TypeOfNumber.valueOf(part.source.ton()),
                    NumberingPlanIndicator.valueOf(part.source.npi()), part.source.address(),
                    TypeOfNumber.valueOf(part.destination.ton()), NumberingPlanIndicator.valueOf(part.destination.npi()),
                    part.destination.address(), new ESMClass(part.esmClass), (byte) 0, (byte) 0, null, part.validityPeriod,
                    new RegisteredDelivery(part.registeredDelivery), (byte) 0, DataCodings.newInstance(part.dataCoding),
                    (byte) 0, part.shortMessage, optionalParameters(part));
            resetThrottle();
            connector.done();
            connector.events().submitted(config.name(), part.messageRef, part.seq, part.total, result.getMessageId());
        } catch (NegativeResponseException e) {
            onNegativeResponse(session, part, e.getCommandStatus());
        } catch (ResponseTimeoutException e) {
            retryTransient(part, "no submit_sm_resp within " + config.responseTimeout().toMillis() + " ms");
        } catch (IOException e) {
            retryTransient(part, "link error: " + e.getClass().getSimpleName());
        } catch (PDUException | InvalidResponseException | IllegalArgumentException e) {
            fail(part, CommandStatus.ESME_RSUBMITFAIL.code(), "PDU could not be built or was answered wrongly: "
                    + e.getClass().getSimpleName());
        }
    }

    private OptionalParameter[] optionalParameters(OutboundPart part) {
        if (part.messagePayload != null) {
            return new OptionalParameter[]{
                    new OptionalParameter.OctetString(OptionalParameter.Tag.MESSAGE_PAYLOAD.code(), part.messagePayload)};
        }
        if (part.sar.isPresent()) {
            OutboundPart.Sar sar = part.sar.get();
            return new OptionalParameter[]{OptionalParameters.newSarMsgRefNum((short) sar.reference()),
                    OptionalParameters.newSarTotalSegments(sar.total()), OptionalParameters.newSarSegmentSeqnum(sar.seq())};
        }
        return OptionalParameters.EMPTY_OPTIONAL_PARAMETERS;
    }

    private void onNegativeResponse(SMPPSession session, OutboundPart part, int status) {
        switch (CommandStatus.dispositionOf(status)) {
            case PAUSE_BIND_AND_RETRY -> {
                if (part.transientFailures++ >= config.maxTransientRetries()) {
                    fail(part, status, CommandStatus.describe(status) + " after " + config.maxTransientRetries() + " retries");
                    return;
                }
                connector.requeueFirst(part);
                pause(CommandStatus.describe(status));
            }
            case REBIND -> {
                connector.requeueFirst(part);
                LOG.warn("SMPP bind {} got {}: dropping the session to rebind", name, CommandStatus.describe(status));
                session.close();
            }
            default -> fail(part, status, CommandStatus.describe(status));
        }
    }

    private void retryTransient(OutboundPart part, String reason) {
        if (part.transientFailures++ >= config.maxTransientRetries()) {
            fail(part, CommandStatus.ESME_RSUBMITFAIL.code(), reason + "; gave up after " + config.maxTransientRetries()
                    + " retries");
            return;
        }
        connector.requeueFirst(part);
    }

    private void fail(OutboundPart part, int status, String reason) {
        connector.done();
        connector.events().failed(config.name(), part.messageRef, part.seq, part.total, status, reason);
    }

    private void pause(String cause) {
        long delay;
        lock.lock();
        try {
            delay = throttleBackoff.delayMillis(throttleAttempt++);
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay);
            if (until > pausedUntilNanos) {
                pausedUntilNanos = until;
            }
            state = BindState.THROTTLED;
        } finally {
            lock.unlock();
        }
        connector.events().bindState(config.name(), name, BindState.THROTTLED, cause + "; pausing " + delay + " ms");
    }

    private void resetThrottle() {
        if (throttleAttempt == 0) {
            return;
        }
        lock.lock();
        try {
            throttleAttempt = 0;
        } finally {
            lock.unlock();
        }
    }

    // --- lifecycle ---

    void stopAccepting() {
        lock.lock();
        try {
            accepting = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void awaitIdle(long deadlineNanos) {
        for (Thread t : threads) {
            if (t.getName().endsWith("-supervisor")) {
                continue;
            }
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Unbinds cleanly and stops every thread of this bind. */
    void close() {
        List<SMPPSession> toClose;
        lock.lock();
        try {
            running = false;
            accepting = false;
            toClose = sessions;
            state = BindState.UNBINDING;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        for (SMPPSession s : toClose) {
            if (s.getSessionState() != SessionState.CLOSED) {
                s.unbindAndClose();
            }
        }
        threads.forEach(Thread::interrupt);
        for (Thread t : threads) {
            try {
                t.join(config.shutdownTimeout().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        setState(BindState.CLOSED, "shut down");
    }

    private boolean isRunning() {
        lock.lock();
        try {
            return running;
        } finally {
            lock.unlock();
        }
    }

    private void signal() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void setState(BindState next, String reason) {
        lock.lock();
        try {
            if (state == next) {
                return;
            }
            state = next;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (next != BindState.CONNECTING) {
            LOG.info("SMPP bind {} is {}: {}", name, next, reason);
        }
        connector.events().bindState(config.name(), name, next, reason);
    }

    private void sleepUnlessStopped(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        lock.lock();
        try {
            long left;
            while (running && (left = deadline - System.nanoTime()) > 0) {
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }
}

package io.peyk.smpp.interop;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.joda.time.DateTime;
import org.joda.time.DateTimeZone;

import com.cloudhopper.commons.util.windowing.WindowFuture;
import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.SmppServerConfiguration;
import com.cloudhopper.smpp.SmppServerHandler;
import com.cloudhopper.smpp.SmppServerSession;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.impl.DefaultSmppServer;
import com.cloudhopper.smpp.impl.DefaultSmppSessionHandler;
import com.cloudhopper.smpp.pdu.BaseBind;
import com.cloudhopper.smpp.pdu.BaseBindResp;
import com.cloudhopper.smpp.pdu.DeliverSm;
import com.cloudhopper.smpp.pdu.EnquireLink;
import com.cloudhopper.smpp.pdu.PduRequest;
import com.cloudhopper.smpp.pdu.PduResponse;
import com.cloudhopper.smpp.pdu.SubmitSm;
import com.cloudhopper.smpp.pdu.SubmitSmResp;
import com.cloudhopper.smpp.tlv.Tlv;
import com.cloudhopper.smpp.type.Address;
import com.cloudhopper.smpp.type.SmppChannelException;
import com.cloudhopper.smpp.type.SmppInvalidArgumentException;
import com.cloudhopper.smpp.type.SmppProcessingException;
import com.cloudhopper.smpp.util.DeliveryReceipt;
import com.cloudhopper.smpp.util.SmppUtil;
import com.cloudhopper.smpp.util.TlvUtil;

/**
 * A minimal SMSC built on Cloudhopper SMPP ({@link DefaultSmppServer}, Netty 3), an SMPP implementation independent of
 * the jSMPP the bridge uses. It listens on 127.0.0.1 on a free port, accepts one system_id/password, answers every
 * submit_sm with its own message id (upper-case hex), and then, on its own executor after the submit_sm_resp was written,
 * sends a delivery receipt per part whose id is the same number in decimal, built with Cloudhopper's
 * {@link DeliveryReceipt} and/or the receipt TLVs. It can also send MO deliver_sm PDUs to the bound ESME.
 * <p>
 * Every submit_sm is kept as Cloudhopper decoded it, so tests read it through Cloudhopper's own accessors. Bounded: at
 * most {@link #MAX_RECORDED} submits, log entries and responses are recorded.
 */
final class CloudhopperSmsc implements AutoCloseable {

    /** How receipts are written. */
    enum ReceiptStyle {
        /** Appendix B text built by Cloudhopper's {@link DeliveryReceipt}, no TLVs. */
        TEXT,
        /** receipted_message_id and message_state TLVs only, empty short_message. */
        TLV,
        /** Both: text and TLVs carrying the same id and state. */
        TEXT_AND_TLV
    }

    /** A submit_sm as Cloudhopper decoded it, with the numeric id it was given. */
    record Submit(SubmitSm pdu, long id) {

        /** The id as written in submit_sm_resp: upper-case hex. */
        String responseId() {
            return hexId(id);
        }

        /** The id as written in receipts: decimal. */
        String receiptId() {
            return Long.toString(id);
        }
    }

    static final String SYSTEM_ID = "peyk";
    static final String PASSWORD = "secret";
    static final int MAX_RECORDED = 10_000;
    /** First id handed out; large enough that its hex form has letters and differs visibly from its decimal form. */
    static final long FIRST_ID = 0xC0FFEE00A0L;

    private static final long TIMEOUT_MILLIS = 5_000;
    private static final int PORT_ATTEMPTS = 10;

    private final DefaultSmppServer server;
    private final ExecutorService nettyWorkers;
    private final ExecutorService receiptSender;
    private final int port;
    private final AtomicLong nextId = new AtomicLong(FIRST_ID);
    private final AtomicReference<SmppServerSession> session = new AtomicReference<>();
    private final List<Submit> submits = new CopyOnWriteArrayList<>();
    private final List<String> wireLog = new CopyOnWriteArrayList<>();
    private final List<Integer> deliverSmRespStatuses = new CopyOnWriteArrayList<>();
    private final List<SmppBindType> bindTypes = new CopyOnWriteArrayList<>();
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private volatile ReceiptStyle receiptStyle = ReceiptStyle.TEXT;

    private CloudhopperSmsc(DefaultSmppServer server, ExecutorService nettyWorkers, ExecutorService receiptSender, int port) {
        this.server = server;
        this.nettyWorkers = nettyWorkers;
        this.receiptSender = receiptSender;
        this.port = port;
    }

    /** Starts the server on a free loopback port. */
    static CloudhopperSmsc start() throws SmppChannelException, IOException {
        SmppChannelException last = null;
        for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
            int port = freePort();
            ExecutorService workers = Executors.newCachedThreadPool(daemon("ch-smsc-netty"));
            ExecutorService receipts = Executors.newSingleThreadExecutor(daemon("ch-smsc-receipts"));
            Holder holder = new Holder();
            DefaultSmppServer server = new DefaultSmppServer(configuration(port), holder, workers);
            CloudhopperSmsc smsc = new CloudhopperSmsc(server, workers, receipts, port);
            holder.smsc = smsc;
            try {
                server.start();
                return smsc;
            } catch (SmppChannelException e) {
                // The probed port was taken between the probe and the bind: try another one.
                last = e;
                server.destroy();
                workers.shutdownNow();
                receipts.shutdownNow();
            }
        }
        throw last;
    }

    private static SmppServerConfiguration configuration(int port) {
        SmppServerConfiguration c = new SmppServerConfiguration();
        c.setName("cloudhopper-smsc");
        c.setHost("127.0.0.1");
        c.setPort(port);
        c.setSystemId("CHSMSC");
        c.setMaxConnectionSize(4);
        c.setNonBlockingSocketsEnabled(true);
        c.setDefaultRequestExpiryTimeout(TIMEOUT_MILLIS);
        c.setDefaultWindowMonitorInterval(1_000);
        c.setDefaultWindowSize(50);
        c.setDefaultWindowWaitTimeout(TIMEOUT_MILLIS);
        c.setDefaultSessionCountersEnabled(true);
        c.setJmxEnabled(false);
        c.setBindTimeout(TIMEOUT_MILLIS);
        c.setReuseAddress(true);
        return c;
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return probe.getLocalPort();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicLong n = new AtomicLong();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    static String hexId(long id) {
        return Long.toHexString(id).toUpperCase(java.util.Locale.ROOT);
    }

    int port() {
        return port;
    }

    CloudhopperSmsc receiptStyle(ReceiptStyle style) {
        this.receiptStyle = Objects.requireNonNull(style, "style");
        return this;
    }

    /** Every submit_sm received, in arrival order. */
    List<Submit> submits() {
        return List.copyOf(submits);
    }

    /** Bind types of the sessions bound so far. */
    List<SmppBindType> bindTypes() {
        return List.copyOf(bindTypes);
    }

    /**
     * What this SMSC wrote, in order: {@code resp:<hex id>} once a submit_sm_resp was written, {@code dlr:<decimal id>}
     * before a receipt is written.
     */
    List<String> wireLog() {
        return List.copyOf(wireLog);
    }

    /** command_status of every deliver_sm_resp received (receipts and MOs). */
    List<Integer> deliverSmRespStatuses() {
        return List.copyOf(deliverSmRespStatuses);
    }

    /** Anything that went wrong inside the server's handlers; a test expects this empty. */
    List<Throwable> errors() {
        return List.copyOf(errors);
    }

    private void log(String entry) {
        if (wireLog.size() < MAX_RECORDED) {
            wireLog.add(entry);
        }
    }

    boolean bound() {
        SmppServerSession s = session.get();
        return s != null && s.isBound();
    }

    /** A plain deliver_sm (an MO) as Cloudhopper builds it; callers may add TLVs. */
    static DeliverSm mo(Address source, Address destination, byte dataCoding, byte esmClass, byte[] shortMessage)
            throws SmppInvalidArgumentException {
        DeliverSm mo = new DeliverSm();
        mo.setSourceAddress(source);
        mo.setDestAddress(destination);
        mo.setDataCoding(dataCoding);
        mo.setEsmClass(esmClass);
        mo.setShortMessage(shortMessage);
        return mo;
    }

    /** Sends the deliver_sm PDUs one after the other, each waiting for its deliver_sm_resp; returns their statuses. */
    List<Integer> send(List<DeliverSm> pdus) throws Exception {
        SmppServerSession s = Objects.requireNonNull(session.get(), "no ESME bound");
        List<Integer> statuses = new ArrayList<>();
        for (DeliverSm pdu : pdus) {
            statuses.add(sendAndAwait(s, pdu));
        }
        return statuses;
    }

    /** Sends an enquire_link to the ESME and returns the command_status of its enquire_link_resp. */
    int enquireLink() throws Exception {
        SmppServerSession s = Objects.requireNonNull(session.get(), "no ESME bound");
        return s.enquireLink(new EnquireLink(), TIMEOUT_MILLIS).getCommandStatus();
    }

    /** The SMSC ends the session: unbind, wait for unbind_resp, close the connection. */
    void unbindEsme() {
        Objects.requireNonNull(session.get(), "no ESME bound").unbind(TIMEOUT_MILLIS);
    }

    private int sendAndAwait(SmppServerSession s, PduRequest<?> request) throws Exception {
        WindowFuture<Integer, PduRequest, PduResponse> future = s.sendRequestPdu(request, TIMEOUT_MILLIS, true);
        if (!future.await(TIMEOUT_MILLIS) || !future.isSuccess()) {
            throw new IllegalStateException("no response to " + request.getName(), future.getCause());
        }
        int status = future.getResponse().getCommandStatus();
        if (deliverSmRespStatuses.size() < MAX_RECORDED) {
            deliverSmRespStatuses.add(status);
        }
        return status;
    }

    private void accept(SmppServerSession s, SubmitSm submit) throws Exception {
        long id = nextId.getAndIncrement();
        Submit recorded = new Submit(submit, id);
        if (submits.size() < MAX_RECORDED) {
            submits.add(recorded);
        }
        SubmitSmResp resp = submit.createResponse();
        resp.setMessageId(recorded.responseId());
        // Written here, before the receipt is scheduled: the receipt can never overtake its response on the wire.
        s.sendResponsePdu(resp);
        log("resp:" + recorded.responseId());
        if (SmppUtil.isSmscDeliveryReceiptRequested(submit.getRegisteredDelivery())) {
            receiptSender.execute(() -> sendReceipt(s, recorded));
        }
    }

    private void sendReceipt(SmppServerSession s, Submit submit) {
        try {
            DeliverSm dlr = new DeliverSm();
            // A receipt goes back from the handset to the original sender.
            dlr.setSourceAddress(submit.pdu().getDestAddress());
            dlr.setDestAddress(submit.pdu().getSourceAddress());
            dlr.setEsmClass(SmppConstants.ESM_CLASS_MT_SMSC_DELIVERY_RECEIPT);
            dlr.setDataCoding(SmppConstants.DATA_CODING_DEFAULT);
            ReceiptStyle style = receiptStyle;
            if (style != ReceiptStyle.TLV) {
                DateTime now = new DateTime(DateTimeZone.UTC);
                DeliveryReceipt receipt = new DeliveryReceipt(submit.receiptId(), 1, 1, now.minusSeconds(5), now,
                        SmppConstants.STATE_DELIVERED, 0, "");
                dlr.setShortMessage(receipt.toShortMessage().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            } else {
                dlr.setShortMessage(new byte[0]);
            }
            if (style != ReceiptStyle.TEXT) {
                dlr.addOptionalParameter(
                        TlvUtil.createNullTerminatedStringTlv(SmppConstants.TAG_RECEIPTED_MSG_ID, submit.receiptId()));
                dlr.addOptionalParameter(
                        new Tlv(SmppConstants.TAG_MSG_STATE, new byte[]{SmppConstants.STATE_DELIVERED}, "message_state"));
            }
            log("dlr:" + submit.receiptId());
            sendAndAwait(s, dlr);
        } catch (Exception e) {
            errors.add(e);
        }
    }

    @Override
    public void close() {
        receiptSender.shutdown();
        try {
            receiptSender.awaitTermination(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.stop();
        server.destroy();
        nettyWorkers.shutdownNow();
    }

    /** Accepts binds with the expected credentials and serves each session with {@link SessionHandler}. */
    private static final class Holder implements SmppServerHandler {

        volatile CloudhopperSmsc smsc;

        @Override
        public void sessionBindRequested(Long sessionId, SmppSessionConfiguration configuration, BaseBind bindRequest)
                throws SmppProcessingException {
            if (!SYSTEM_ID.equals(configuration.getSystemId())) {
                throw new SmppProcessingException(SmppConstants.STATUS_INVSYSID);
            }
            if (!PASSWORD.equals(configuration.getPassword())) {
                throw new SmppProcessingException(SmppConstants.STATUS_INVPASWD);
            }
        }

        @Override
        public void sessionCreated(Long sessionId, SmppServerSession created, BaseBindResp preparedBindResponse) {
            smsc.bindTypes.add(created.getBindType());
            smsc.session.set(created);
            created.serverReady(new SessionHandler(smsc, created));
        }

        @Override
        public void sessionDestroyed(Long sessionId, SmppServerSession destroyed) {
            smsc.log("destroyed");
            smsc.session.compareAndSet(destroyed, null);
            destroyed.destroy();
        }
    }

    /** Answers submit_sm itself; every other request gets Cloudhopper's default response. */
    private static final class SessionHandler extends DefaultSmppSessionHandler {

        private final CloudhopperSmsc smsc;
        private final SmppServerSession session;

        SessionHandler(CloudhopperSmsc smsc, SmppServerSession session) {
            this.smsc = smsc;
            this.session = session;
        }

        @Override
        public PduResponse firePduRequestReceived(PduRequest request) {
            if (request instanceof SubmitSm submit) {
                try {
                    smsc.accept(session, submit);
                } catch (Exception e) {
                    smsc.errors.add(e);
                    return request.createGenericNack(SmppConstants.STATUS_SYSERR);
                }
                // Already written by accept().
                return null;
            }
            smsc.log("req:" + request.getName());
            return request.createResponse();
        }

        @Override
        public void fireChannelUnexpectedlyClosed() {
            smsc.log("unexpectedly-closed");
        }
    }
}

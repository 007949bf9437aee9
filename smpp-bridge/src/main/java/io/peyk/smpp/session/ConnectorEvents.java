package io.peyk.smpp.session;

import io.peyk.smpp.inbound.InboundPart;
import io.peyk.smpp.receipt.ReceiptPdu;

/** What a {@link Connector} reports to the bridge above it; called on session threads. */
public interface ConnectorEvents {

    void submitted(String connector, String messageRef, int seq, int total, String rawSmscMessageId);

    void failed(String connector, String messageRef, int seq, int total, int commandStatus, String reason);

    void returned(String connector, String messageRef, int seq, int total, String reason);

    void bindState(String connector, String bind, BindState state, String reason);

    void receipt(String connector, ReceiptPdu pdu);

    void inbound(String connector, InboundPart part);
}

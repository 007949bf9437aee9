package io.peyk.smpp.session;

import java.util.Optional;

/**
 * One submit_sm ready to send: addresses, esm_class, data_coding, short_message (UDH included) or message_payload, and SAR
 * values when the connector splits with TLVs. Carries its transient-retry count.
 */
final class OutboundPart {

    final String messageRef;
    final int seq;
    final int total;
    final SmppAddress source;
    final SmppAddress destination;
    final byte esmClass;
    final byte dataCoding;
    final byte registeredDelivery;
    final String validityPeriod;
    final byte[] shortMessage;
    final byte[] messagePayload;
    final Optional<Sar> sar;
    int transientFailures;

    OutboundPart(String messageRef, int seq, int total, SmppAddress source, SmppAddress destination, byte esmClass,
            byte dataCoding, byte registeredDelivery, String validityPeriod, byte[] shortMessage, byte[] messagePayload,
            Optional<Sar> sar) {
        this.messageRef = messageRef;
        this.seq = seq;
        this.total = total;
        this.source = source;
        this.destination = destination;
        this.esmClass = esmClass;
        this.dataCoding = dataCoding;
        this.registeredDelivery = registeredDelivery;
        this.validityPeriod = validityPeriod;
        this.shortMessage = shortMessage;
        this.messagePayload = messagePayload;
        this.sar = sar;
    }

    /** SAR TLV values of one part. */
    record Sar(int reference, int total, int seq) {
    }
}

package io.peyk.smpp.session;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.peyk.smpp.inbound.InboundPart;
import io.peyk.smpp.pdu.CommandStatus;
import io.peyk.smpp.pdu.EsmClass;
import io.peyk.smpp.pdu.TlvTag;
import io.peyk.smpp.receipt.ReceiptPdu;

/**
 * Converts the SMSC's deliver_sm into the bridge's own records: receipts ({@code esm_class} type 0x04) or MO parts. The
 * deliver_sm_resp goes back only after the record was handed on, so a receipt the bridge did not take is redelivered by
 * the SMSC rather than lost.
 */
final class DeliverSmHandler implements MessageReceiverListener {

    private static final Logger LOG = LoggerFactory.getLogger(DeliverSmHandler.class);

    private final String connector;
    private final ConnectorEvents events;

    DeliverSmHandler(String connector, ConnectorEvents events) {
        this.connector = connector;
        this.events = events;
    }

    @Override
    public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
        try {
            int esm = deliverSm.getEsmClass() & 0xFF;
            byte[] shortMessage = deliverSm.getShortMessage() == null ? new byte[0] : deliverSm.getShortMessage();
            if (EsmClass.isReceipt(esm)) {
                events.receipt(connector, new ReceiptPdu(esm, shortMessage,
                        octets(deliverSm, TlvTag.RECEIPTED_MESSAGE_ID.tag()).map(DeliverSmHandler::cString),
                        octets(deliverSm, TlvTag.MESSAGE_STATE.tag()).filter(b -> b.length == 1)
                                .map(b -> OptionalInt.of(b[0] & 0xFF))
                                .orElse(OptionalInt.empty()),
                        octets(deliverSm, TlvTag.NETWORK_ERROR_CODE.tag())));
                return;
            }
            events.inbound(connector,
                    new InboundPart(SmppAddress.toPeyk(deliverSm.getSourceAddrTon(), deliverSm.getSourceAddr()),
                            SmppAddress.toPeyk(deliverSm.getDestAddrTon(), deliverSm.getDestAddress()),
                            deliverSm.getDataCoding() & 0xFF, esm, shortMessage, sar(deliverSm, TlvTag.SAR_MSG_REF_NUM.tag()),
                            sar(deliverSm, TlvTag.SAR_TOTAL_SEGMENTS.tag()), sar(deliverSm, TlvTag.SAR_SEGMENT_SEQNUM.tag()),
                            octets(deliverSm, TlvTag.MESSAGE_PAYLOAD.tag()), Instant.now()));
        } catch (RuntimeException e) {
            // Answer with a system error so the SMSC retries later instead of considering it delivered to us.
            LOG.error("deliver_sm on connector {} could not be handled", connector, e);
            throw new ProcessRequestException("could not handle deliver_sm", CommandStatus.ESME_RSYSERR.code(), e);
        }
    }

    @Override
    public void onAcceptAlertNotification(AlertNotification alertNotification) {
        // Not used: Peyk does not ask for alert notifications.
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
        throw new ProcessRequestException("data_sm is not supported", CommandStatus.ESME_RINVCMDID.code());
    }

    private static Optional<byte[]> octets(DeliverSm pdu, short tag) {
        OptionalParameter p = pdu.getOptionalParameter(tag);
        if (p == null) {
            return Optional.empty();
        }
        byte[] serialized = p.serialize();
        // tag (2) + length (2) + value
        if (serialized.length < 4) {
            return Optional.empty();
        }
        byte[] value = new byte[serialized.length - 4];
        System.arraycopy(serialized, 4, value, 0, value.length);
        return Optional.of(value);
    }

    private static OptionalInt sar(DeliverSm pdu, short tag) {
        return octets(pdu, tag).map(b -> {
            int v = 0;
            for (byte x : b) {
                v = (v << 8) | (x & 0xFF);
            }
            return OptionalInt.of(v);
        }).orElse(OptionalInt.empty());
    }

    private static String cString(byte[] value) {
        int end = 0;
        while (end < value.length && value[end] != 0) {
            end++;
        }
        return new String(value, 0, end, StandardCharsets.US_ASCII);
    }
}

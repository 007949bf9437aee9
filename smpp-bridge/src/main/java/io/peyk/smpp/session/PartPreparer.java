package io.peyk.smpp.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import io.peyk.smpp.ConnectorConfig;
import io.peyk.smpp.OutboundSms;
import io.peyk.smpp.pdu.EsmClass;
import io.peyk.smpp.segment.ConcatMode;
import io.peyk.smpp.segment.Segment;
import io.peyk.smpp.segment.SegmentedText;
import io.peyk.smpp.segment.Segmenter;

/**
 * Turns a message into the submit_sm PDUs one connector sends: encoding by {@link Segmenter}, split by the connector's
 * concatenation mode, data_coding by the connector's GSM-7 setting, a fresh concatenation reference per message.
 */
final class PartPreparer {

    private final ConnectorConfig config;
    private final AtomicInteger reference = new AtomicInteger(1);

    PartPreparer(ConnectorConfig config) {
        this.config = config;
    }

    /** Splits without building PDUs: the encoding and billable part count a message would get on this connector. */
    SegmentedText segment(String text) {
        return Segmenter.segment(text, config.concatMode(), nextReference(), config.maxParts());
    }

    List<OutboundPart> prepare(OutboundSms sms, SegmentedText segmented) {
        SmppAddress source = SmppAddress.of(sms.source());
        SmppAddress destination = SmppAddress.of(sms.destination());
        if (destination.ton() != SmppAddress.TON_INTERNATIONAL) {
            throw new IllegalArgumentException("destination must be E.164 (+country...)");
        }
        byte dataCoding = switch (segmented.encoding()) {
            case GSM7 -> (byte) config.gsm7DataCoding();
            case UCS2 -> (byte) 0x08;
        };
        String validity = sms.validity().map(ValidityPeriod::relative).orElse(null);
        byte registered = sms.receipts().wireValue();
        List<Segment> segments = segmented.segments();
        List<OutboundPart> parts = new ArrayList<>(segments.size());
        for (Segment segment : segments) {
            byte esm = segment.hasUdh() ? (byte) EsmClass.UDHI : 0;
            Optional<OutboundPart.Sar> sar = Optional.empty();
            byte[] shortMessage = segment.shortMessage();
            byte[] payload = null;
            if (segmented.mode() == ConcatMode.SAR_TLV && segment.total() > 1) {
                sar = Optional.of(new OutboundPart.Sar(segmented.reference() & 0xFFFF, segment.total(), segment.seq()));
            } else if (segmented.mode() == ConcatMode.MESSAGE_PAYLOAD && segmented.billableSegments() > 1) {
                payload = shortMessage;
                shortMessage = new byte[0];
            }
            parts.add(new OutboundPart(sms.messageRef(), segment.seq(), segment.total(), source, destination, esm, dataCoding,
                    registered, validity, shortMessage, payload, sar));
        }
        return parts;
    }

    private int nextReference() {
        return reference.getAndUpdate(r -> r >= 0xFFFF ? 1 : r + 1);
    }
}

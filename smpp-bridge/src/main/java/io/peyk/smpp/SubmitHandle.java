package io.peyk.smpp;

import io.peyk.smpp.encoding.TextEncoding;

/**
 * What a submit was turned into: the connector that took it, the encoding, the PDUs it became and the segments it bills
 * (these differ only with message_payload). Outcomes and receipts arrive later as {@link BridgeEvent}s.
 */
public record SubmitHandle(String messageRef, String connector, TextEncoding encoding, int pdus, int billableSegments) {
}

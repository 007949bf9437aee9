package io.peyk.smpp.inbound;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One received MO deliver_sm as the session layer hands it over: addresses, data_coding, esm_class, the
 * short_message octets (starting with a UDH when esm_class UDHI is set), the SAR TLVs if any, and message_payload if
 * any (which then replaces short_message). SAR values are passed through as received; inconsistent ones are handled by
 * {@link InboundReassembler}. Arrays are copied in and out; {@link #toString()} prints no content.
 */
public record InboundPart(String source, String destination, int dataCoding, int esmClass, byte[] shortMessage,
        OptionalInt sarRef, OptionalInt sarTotal, OptionalInt sarSeq, Optional<byte[]> messagePayload,
        Instant receivedAt) {

    /** Largest short_message (sm_length is one octet). */
    public static final int MAX_SHORT_MESSAGE = 255;
    /** Largest message_payload (TLV length is two octets). */
    public static final int MAX_PAYLOAD = 65_535;
    /** Longest address accepted (source_addr / destination_addr are at most 65 octets with NUL). */
    public static final int MAX_ADDRESS = 65;

    public InboundPart {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(shortMessage, "shortMessage");
        Objects.requireNonNull(sarRef, "sarRef");
        Objects.requireNonNull(sarTotal, "sarTotal");
        Objects.requireNonNull(sarSeq, "sarSeq");
        Objects.requireNonNull(messagePayload, "messagePayload");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (source.length() > MAX_ADDRESS || destination.length() > MAX_ADDRESS) {
            throw new IllegalArgumentException("address longer than " + MAX_ADDRESS);
        }
        if (dataCoding < 0 || dataCoding > 0xFF) {
            throw new IllegalArgumentException("dataCoding out of range 0..255: " + dataCoding);
        }
        if (esmClass < 0 || esmClass > 0xFF) {
            throw new IllegalArgumentException("esmClass out of range 0..255: " + esmClass);
        }
        if (shortMessage.length > MAX_SHORT_MESSAGE) {
            throw new IllegalArgumentException("shortMessage longer than " + MAX_SHORT_MESSAGE + ": " + shortMessage.length);
        }
        if (messagePayload.isPresent() && messagePayload.get().length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("messagePayload longer than " + MAX_PAYLOAD);
        }
        shortMessage = shortMessage.clone();
        messagePayload = messagePayload.map(byte[]::clone);
    }

    /** A part without SAR TLVs nor message_payload. */
    public static InboundPart of(String source, String destination, int dataCoding, int esmClass, byte[] shortMessage,
            Instant receivedAt) {
        return new InboundPart(source, destination, dataCoding, esmClass, shortMessage, OptionalInt.empty(),
                OptionalInt.empty(), OptionalInt.empty(), Optional.empty(), receivedAt);
    }

    /** A part carrying SAR TLVs. */
    public static InboundPart withSar(String source, String destination, int dataCoding, byte[] shortMessage, int sarRef,
            int sarTotal, int sarSeq, Instant receivedAt) {
        return new InboundPart(source, destination, dataCoding, 0, shortMessage, OptionalInt.of(sarRef),
                OptionalInt.of(sarTotal), OptionalInt.of(sarSeq), Optional.empty(), receivedAt);
    }

    @Override
    public byte[] shortMessage() {
        return shortMessage.clone();
    }

    @Override
    public Optional<byte[]> messagePayload() {
        return messagePayload.map(byte[]::clone);
    }

    /** The user data: message_payload when present, else short_message (a copy; may start with a UDH). */
    public byte[] userData() {
        return messagePayload.orElse(shortMessage).clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InboundPart p && source.equals(p.source) && destination.equals(p.destination)
                && dataCoding == p.dataCoding && esmClass == p.esmClass && Arrays.equals(shortMessage, p.shortMessage)
                && sarRef.equals(p.sarRef) && sarTotal.equals(p.sarTotal) && sarSeq.equals(p.sarSeq)
                && messagePayload.isPresent() == p.messagePayload.isPresent()
                && (messagePayload.isEmpty() || Arrays.equals(messagePayload.get(), p.messagePayload.get()))
                && receivedAt.equals(p.receivedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, destination, dataCoding, esmClass, Arrays.hashCode(shortMessage), sarRef, sarTotal,
                sarSeq, messagePayload.map(Arrays::hashCode).orElse(0), receivedAt);
    }

    @Override
    public String toString() {
        return "InboundPart[dataCoding=" + dataCoding + ", esmClass=" + esmClass + ", shortMessage=" + shortMessage.length
                + " bytes, sar=" + sarRef + "/" + sarTotal + "/" + sarSeq + ", messagePayload="
                + messagePayload.map(b -> b.length + " bytes").orElse("none") + ", receivedAt=" + receivedAt + "]";
    }
}

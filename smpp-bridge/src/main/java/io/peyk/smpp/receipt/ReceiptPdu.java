package io.peyk.smpp.receipt;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the session layer knows about a deliver_sm that may be a delivery receipt: esm_class, the short_message octets
 * (or the message_payload octets when the SMSC used that) and the receipt TLVs. Arrays are copied in and out.
 *
 * @param esmClass the esm_class octet
 * @param shortMessage the receipt text octets; may be empty, never null
 * @param receiptedMessageIdTlv receipted_message_id (0x001E), without its NUL terminator
 * @param messageStateTlv message_state (0x0427)
 * @param networkErrorCodeTlv network_error_code (0x0423) value octets: type, then a 2-byte code
 */
public record ReceiptPdu(int esmClass, byte[] shortMessage, Optional<String> receiptedMessageIdTlv,
        OptionalInt messageStateTlv, Optional<byte[]> networkErrorCodeTlv) {

    /** Largest short_message accepted (a message_payload may carry the text; longer receipts are not real receipts). */
    public static final int MAX_SHORT_MESSAGE = 65_535;

    public ReceiptPdu {
        Objects.requireNonNull(shortMessage, "shortMessage");
        Objects.requireNonNull(receiptedMessageIdTlv, "receiptedMessageIdTlv");
        Objects.requireNonNull(messageStateTlv, "messageStateTlv");
        Objects.requireNonNull(networkErrorCodeTlv, "networkErrorCodeTlv");
        if (shortMessage.length > MAX_SHORT_MESSAGE) {
            throw new IllegalArgumentException("shortMessage longer than " + MAX_SHORT_MESSAGE + ": " + shortMessage.length);
        }
        shortMessage = shortMessage.clone();
        networkErrorCodeTlv = networkErrorCodeTlv.map(byte[]::clone);
    }

    /** A receipt with text only, no TLVs. */
    public static ReceiptPdu ofText(int esmClass, byte[] shortMessage) {
        return new ReceiptPdu(esmClass, shortMessage, Optional.empty(), OptionalInt.empty(), Optional.empty());
    }

    @Override
    public byte[] shortMessage() {
        return shortMessage.clone();
    }

    @Override
    public Optional<byte[]> networkErrorCodeTlv() {
        return networkErrorCodeTlv.map(byte[]::clone);
    }

    /** Does not print the text (a receipt may quote message content). */
    @Override
    public String toString() {
        return "ReceiptPdu[esmClass=" + esmClass + ", shortMessage=" + shortMessage.length + " bytes, receiptedMessageIdTlv="
                + receiptedMessageIdTlv + ", messageStateTlv=" + messageStateTlv + ", networkErrorCodeTlv="
                + networkErrorCodeTlv.map(b -> b.length + " bytes").orElse("none") + "]";
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ReceiptPdu other)) {
            return false;
        }
        return esmClass == other.esmClass && Arrays.equals(shortMessage, other.shortMessage)
                && receiptedMessageIdTlv.equals(other.receiptedMessageIdTlv) && messageStateTlv.equals(other.messageStateTlv)
                && networkErrorCodeTlv.isPresent() == other.networkErrorCodeTlv.isPresent()
                && (networkErrorCodeTlv.isEmpty()
                        || Arrays.equals(networkErrorCodeTlv.get(), other.networkErrorCodeTlv.get()));
    }

    @Override
    public int hashCode() {
        return Objects.hash(esmClass, Arrays.hashCode(shortMessage), receiptedMessageIdTlv, messageStateTlv,
                networkErrorCodeTlv.map(Arrays::hashCode).orElse(0));
    }
}

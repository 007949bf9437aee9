package io.peyk.smpp.pdu;

/**
 * Helpers for the esm_class octet: the UDH indicator and the message type bits (2..5) that mark a deliver_sm as a
 * delivery receipt or an intermediate notification. Only the low 8 bits of the argument are considered.
 */
public final class EsmClass {

    /** UDH indicator: short_message starts with a user data header. */
    public static final int UDHI = 0x40;
    /** Mask of the message type bits. */
    public static final int MESSAGE_TYPE_MASK = 0x3C;
    /** Message type: SMSC delivery receipt. */
    public static final int SMSC_DELIVERY_RECEIPT = 0x04;
    /** Message type: intermediate delivery notification. */
    public static final int INTERMEDIATE_NOTIFICATION = 0x20;

    private EsmClass() {
    }

    /** Whether the message type bits say SMSC delivery receipt ({@code (esm & 0x3C) == 0x04}). */
    public static boolean isReceipt(int esm) {
        return (esm & MESSAGE_TYPE_MASK) == SMSC_DELIVERY_RECEIPT;
    }

    /** Whether the message type bits say intermediate delivery notification ({@code (esm & 0x3C) == 0x20}). */
    public static boolean isIntermediateNotification(int esm) {
        return (esm & MESSAGE_TYPE_MASK) == INTERMEDIATE_NOTIFICATION;
    }

    /** Whether the UDH indicator (0x40) is set. */
    public static boolean hasUdhi(int esm) {
        return (esm & UDHI) != 0;
    }

    /** The esm_class with the UDH indicator set. */
    public static int withUdhi(int esm) {
        return (esm | UDHI) & 0xFF;
    }
}

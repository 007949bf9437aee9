package io.peyk.gateway.message;

/** What an app's acknowledgement did to its message. */
public enum OttAck {

    /** The success status was reached over the app channel: the message is DELIVERED (or READ). */
    DELIVERED,
    /** Recorded on the way to the success status (a {@code delivered} ack when {@code read} counts). */
    RECORDED,
    /** A read acknowledgement after delivery: the message is READ. */
    READ,
    /** Already acknowledged (e.g. by another device of the number): nothing changes. */
    DUPLICATE,
    /** The OTT copy was revoked before this ack: recorded on the message, never delivered again. */
    LATE,
    /** Not a message of this partner and number on the app channel. */
    UNKNOWN
}

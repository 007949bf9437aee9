package io.peyk.gateway.message;

/**
 * The app-channel hop of a message: the partner's opaque payload, the acknowledgement that counts as success, and how
 * long to wait for it before falling back (or expiring, when no SMS hop follows).
 */
record OttHop(byte[] payload, OttSuccess successStatus, int fallbackAfterSeconds) {

    @Override
    public String toString() {
        return "OttHop[bytes=" + payload.length + ", success=" + successStatus + ", after=" + fallbackAfterSeconds + "s]";
    }
}

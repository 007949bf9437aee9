package io.peyk.gateway.device;

/**
 * Why the gateway closes a device connection: the WebSocket close code and reason the app receives. Codes 4xxx mirror
 * the HTTP status an app developer would expect; the app decides from it whether to reconnect (heartbeat timeout, slow
 * consumer, going away), fetch a new token (expired, revoked) or fix its code (protocol error, too large, flood).
 */
public enum CloseReason {

    GOING_AWAY(1001, "gateway shutting down; reconnect"), FRAME_TOO_LARGE(1009, "frame too large"), PROTOCOL_ERROR(4400,
            "protocol error"), TOKEN_EXPIRED(4401, "token expired; fetch a new one"), TOKEN_REVOKED(4403,
                    "token revoked"), HEARTBEAT_TIMEOUT(4408, "no heartbeat; reconnect"), TOO_MANY_FRAMES(4429,
                            "too many frames"), SLOW_CONSUMER(4508, "reading too slowly; reconnect");

    private final short code;
    private final String reason;

    CloseReason(int code, String reason) {
        this.code = (short) code;
        this.reason = reason;
    }

    public short code() {
        return code;
    }

    public String reason() {
        return reason;
    }
}

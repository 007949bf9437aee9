package io.peyk.gateway.device;

import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import io.peyk.gateway.message.OttSuccess;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * The app channel's frames (JSON text frames). Gateway to app: {@code hello}, {@code message} (id and base64 payload),
 * {@code revoke} (drop that message: it went by SMS or expired), {@code error}. App to gateway: {@code ack} with
 * {@code status} {@code delivered} or {@code read}. WebSocket pings carry the heartbeat.
 */
final class Frames {

    private Frames() {
    }

    /** A message frame ready to write, built once per push and shared by the number's connections. */
    record Push(UUID messageId, String frame) {
    }

    /** An acknowledgement from the app. */
    record Ack(UUID messageId, OttSuccess status) {
    }

    static Push push(UUID messageId, byte[] payload) {
        return new Push(messageId, new JsonObject().put("type", "message").put("id", messageId.toString())
                .put("payload", Base64.getEncoder().encodeToString(payload)).encode());
    }

    static String revoke(UUID messageId) {
        return new JsonObject().put("type", "revoke").put("id", messageId.toString()).encode();
    }

    static String hello(UUID connectionId, long heartbeatSeconds, int maxFrameBytes, int maxUnacked) {
        return new JsonObject().put("type", "hello").put("connectionId", connectionId.toString())
                .put("heartbeatSeconds", heartbeatSeconds).put("maxFrameBytes", maxFrameBytes)
                .put("maxUnacked", maxUnacked).encode();
    }

    static String error(String code, String id) {
        return new JsonObject().put("type", "error").put("code", code).put("id", id).encode();
    }

    /** The acknowledgement a frame carries, or empty when the frame is not a well-formed one (a protocol error). */
    static Optional<Ack> parseAck(String text) {
        try {
            JsonObject json = new JsonObject(text);
            if (!"ack".equals(json.getValue("type")) || !(json.getValue("id") instanceof String id)
                    || !(json.getValue("status") instanceof String status)) {
                return Optional.empty();
            }
            return OttSuccess.parse(status).map(s -> new Ack(UUID.fromString(id), s));
        } catch (DecodeException | IllegalArgumentException | ClassCastException e) {
            return Optional.empty();
        }
    }
}

package io.peyk.gateway.crypto;

import java.util.Base64;
import java.util.UUID;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * The MO text inside a {@code message.inbound} webhook body while the body waits in {@code webhook_delivery.payload}: it
 * is stored with {@code "text": null} and the text's envelope in {@code "textEnc"} (base64, bound to the inbound id), and
 * put back just before the body is signed and sent. Other bodies pass through byte for byte.
 */
public final class InboundWebhookText {

    /** The field of a stored body that holds the sealed text; never sent. */
    public static final String FIELD = "textEnc";
    private static final String TYPE = "message.inbound";

    private InboundWebhookText() {
    }

    /** {@code webhook} (with {@code type} and {@code inboundId}) with its text sealed: the object is changed and returned. */
    public static JsonObject seal(JsonObject webhook, String text, TextCipher cipher) {
        UUID inboundId = UUID.fromString(webhook.getString("inboundId"));
        webhook.put("text", (String) null);
        if (text != null) {
            webhook.put(FIELD, Base64.getEncoder()
                    .encodeToString(cipher.encrypt(TextColumn.INBOUND_WEBHOOK_TEXT, inboundId, text)));
        }
        return webhook;
    }

    /**
     * The body to send for a stored payload: an inbound body with its text decrypted into {@code text} and
     * {@code textEnc} removed; any other payload unchanged.
     *
     * @throws TextCipherException when the sealed text does not decrypt (it is never sent half-opened)
     */
    public static String open(String payload, TextCipher cipher) {
        if (!payload.contains("\"" + FIELD + "\"")) {
            return payload;
        }
        JsonObject body;
        try {
            body = new JsonObject(payload);
        } catch (DecodeException e) {
            return payload;
        }
        if (!TYPE.equals(body.getValue("type")) || !(body.getValue(FIELD) instanceof String sealed)) {
            return payload;
        }
        byte[] envelope;
        UUID inboundId;
        try {
            envelope = Base64.getDecoder().decode(sealed);
            inboundId = UUID.fromString(body.getString("inboundId"));
        } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
            throw new TextCipherException(TextCipherException.Reason.MALFORMED,
                    "a message.inbound webhook body with a malformed sealed text");
        }
        body.put("text", cipher.decrypt(TextColumn.INBOUND_WEBHOOK_TEXT, inboundId, envelope));
        body.remove(FIELD);
        return body.encode();
    }
}

package io.peyk.gateway.crypto;

/**
 * A column that holds encrypted text. Its label goes into the associated data of every value, with the row's id, so that
 * a ciphertext copied to another column or another row does not decrypt.
 */
public enum TextColumn {

    /** {@code message.text_enc}: the SMS text of an outbound message. */
    MESSAGE_TEXT("message.text"),
    /** {@code inbound_message.text_enc}: the text of a mobile-originated message. */
    INBOUND_TEXT("inbound_message.text"),
    /** The MO text inside a stored {@code message.inbound} webhook body ({@link InboundWebhookText}), by inbound id. */
    INBOUND_WEBHOOK_TEXT("webhook_delivery.payload.text");

    private final String label;

    TextColumn(String label) {
        this.label = label;
    }

    /** The label bound into the associated data, e.g. {@code message.text}. */
    public String label() {
        return label;
    }
}

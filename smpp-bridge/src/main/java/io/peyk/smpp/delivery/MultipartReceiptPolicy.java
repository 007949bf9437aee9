package io.peyk.smpp.delivery;

/**
 * Which receipts decide a multipart message's final state. SMSCs differ: most send one receipt per part, some only one per
 * message (for the first or the last part).
 */
public enum MultipartReceiptPolicy {
    /**
     * The message is DELIVERED once every part has a DELIVERED receipt. As soon as every part has a final receipt and one is
     * not DELIVERED, the message takes the most severe failure among them. For SMSCs that send a receipt per part.
     */
    EVERY_PART,
    /** The first final receipt for any part decides the message. For SMSCs that send one receipt per message. */
    ANY_PART
}

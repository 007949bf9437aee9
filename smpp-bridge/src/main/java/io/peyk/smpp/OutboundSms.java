package io.peyk.smpp;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One text message to submit: the caller's own id ({@code messageRef}, persisted by the caller before submitting), the
 * sender id, the E.164 destination and the text. The bridge picks the encoding and splits the text.
 *
 * @param messageRef the caller's id for the message; receipts and outcomes are reported against it
 * @param source sender id: an E.164 number ({@code +98...}), a short code (digits) or an alphanumeric name
 * @param destination E.164 destination ({@code +98912...})
 * @param text the message text; never logged
 * @param validity how long the SMSC may keep trying; empty means the SMSC default
 * @param receipts which delivery receipts to ask for
 */
public record OutboundSms(String messageRef, String source, String destination, String text, Optional<Duration> validity,
        ReceiptRequest receipts) {

    /** Longest caller id accepted; ids are stored with every part. */
    public static final int MESSAGE_REF_MAX_LENGTH = 64;

    public OutboundSms {
        Objects.requireNonNull(messageRef, "messageRef");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(validity, "validity");
        Objects.requireNonNull(receipts, "receipts");
        if (messageRef.isBlank() || messageRef.length() > MESSAGE_REF_MAX_LENGTH) {
            throw new IllegalArgumentException("messageRef must have 1.." + MESSAGE_REF_MAX_LENGTH + " characters");
        }
    }

    /** A message asking for success and failure receipts, with the SMSC's default validity. */
    public static OutboundSms of(String messageRef, String source, String destination, String text) {
        return new OutboundSms(messageRef, source, destination, text, Optional.empty(), ReceiptRequest.SUCCESS_AND_FAILURE);
    }

    @Override
    public String toString() {
        // The text stays out of logs and exception messages.
        return "OutboundSms[messageRef=" + messageRef + ", destination=" + destination + ", chars=" + text.length() + "]";
    }
}

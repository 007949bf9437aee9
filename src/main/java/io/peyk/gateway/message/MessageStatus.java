package io.peyk.gateway.message;

import java.util.EnumSet;
import java.util.Set;

import io.peyk.smpp.pdu.MessageState;

/**
 * A message's life. SMS only: {@code ACCEPTED → SUBMITTED → DELIVERED | UNDELIVERABLE | EXPIRED | REJECTED | FAILED}.
 * OTT first: {@code ACCEPTED → OTT_PENDING → DELIVERED [→ READ]} on the app channel, or
 * {@code → SMS_FALLBACK → SUBMITTED → …} when the app did not acknowledge in time (or no device was connected, or the
 * push was refused). Transitions only move forward; a message may also go straight from ACCEPTED to a final state.
 */
public enum MessageStatus {

    ACCEPTED, OTT_PENDING, SMS_FALLBACK, SUBMITTED, DELIVERED, READ, UNDELIVERABLE, EXPIRED, REJECTED, FAILED;

    public boolean isFinal() {
        return this != ACCEPTED && this != OTT_PENDING && this != SMS_FALLBACK && this != SUBMITTED;
    }

    /** The statuses a message may be in for this one to follow. */
    public Set<MessageStatus> allowedFrom() {
        return switch (this) {
            case ACCEPTED -> EnumSet.noneOf(MessageStatus.class);
            case OTT_PENDING -> EnumSet.of(ACCEPTED);
            case SMS_FALLBACK -> EnumSet.of(ACCEPTED, OTT_PENDING);
            case SUBMITTED -> EnumSet.of(ACCEPTED, SMS_FALLBACK);
            case READ -> EnumSet.of(OTT_PENDING, DELIVERED);
            default -> EnumSet.of(ACCEPTED, OTT_PENDING, SMS_FALLBACK, SUBMITTED);
        };
    }

    /** The message status an SMSC's final receipt state means. */
    public static MessageStatus ofReceipt(MessageState state) {
        return switch (state) {
            case DELIVERED -> DELIVERED;
            case EXPIRED -> EXPIRED;
            case REJECTED -> REJECTED;
            default -> UNDELIVERABLE;
        };
    }
}

package io.peyk.gateway.message;

import java.util.EnumSet;
import java.util.Set;

import io.peyk.smpp.pdu.MessageState;

/**
 * A message's life: {@code ACCEPTED → SUBMITTED → DELIVERED | UNDELIVERABLE | EXPIRED | REJECTED | FAILED}. Transitions
 * only move forward; a message may also go straight from ACCEPTED to a final state (refused before it was submitted).
 */
public enum MessageStatus {

    ACCEPTED, SUBMITTED, DELIVERED, UNDELIVERABLE, EXPIRED, REJECTED, FAILED;

    public boolean isFinal() {
        return this != ACCEPTED && this != SUBMITTED;
    }

    /** The statuses a message may be in for this one to follow. */
    public Set<MessageStatus> allowedFrom() {
        return switch (this) {
            case ACCEPTED -> EnumSet.noneOf(MessageStatus.class);
            case SUBMITTED -> EnumSet.of(ACCEPTED);
            default -> EnumSet.of(ACCEPTED, SUBMITTED);
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

package io.peyk.smpp.delivery;

import java.util.Map;
import java.util.Optional;

import io.peyk.smpp.pdu.MessageState;

/**
 * The documented multipart policy as a pure function: given the final receipt states known per part, the message's final
 * state if it has one yet. Severity, most severe first: REJECTED, UNDELIVERABLE, EXPIRED, DELETED, UNKNOWN, SKIPPED.
 */
public final class MultipartOutcome {

    private MultipartOutcome() {
    }

    /**
     * @param policy the connector's policy
     * @param totalParts the number of parts the message was split into
     * @param finalStates final receipt state per part sequence number (1-based); non-final states are ignored
     */
    public static Optional<MessageState> decide(MultipartReceiptPolicy policy, int totalParts,
            Map<Integer, MessageState> finalStates) {
        MessageState worst = null;
        int delivered = 0;
        int finals = 0;
        for (var entry : finalStates.entrySet()) {
            MessageState state = entry.getValue();
            if (!state.isFinal() || entry.getKey() < 1 || entry.getKey() > totalParts) {
                continue;
            }
            finals++;
            if (policy == MultipartReceiptPolicy.ANY_PART) {
                return Optional.of(state);
            }
            if (state == MessageState.DELIVERED) {
                delivered++;
            } else if (worst == null || severity(state) > severity(worst)) {
                worst = state;
            }
        }
        if (delivered == totalParts) {
            return Optional.of(MessageState.DELIVERED);
        }
        if (finals == totalParts && worst != null) {
            return Optional.of(worst);
        }
        return Optional.empty();
    }

    private static int severity(MessageState state) {
        return switch (state) {
            case REJECTED -> 6;
            case UNDELIVERABLE -> 5;
            case EXPIRED -> 4;
            case DELETED -> 3;
            case UNKNOWN -> 2;
            case SKIPPED -> 1;
            default -> 0;
        };
    }
}

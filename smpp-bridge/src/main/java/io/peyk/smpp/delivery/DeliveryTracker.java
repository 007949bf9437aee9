package io.peyk.smpp.delivery;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.peyk.smpp.pdu.MessageState;

/**
 * Tracks, in memory and bounded, the final part states of recently submitted messages so the bridge can announce a
 * message's final state by its connector's {@link MultipartReceiptPolicy}. Messages beyond the capacity are forgotten
 * (oldest first); the gateway, which persists part states, does not depend on this.
 */
public final class DeliveryTracker {

    private final Map<String, Tracked> messages;

    public DeliveryTracker(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.messages = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, false) {

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Tracked> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Starts tracking a message (idempotent). */
    public synchronized void track(String messageRef, int totalParts, MultipartReceiptPolicy policy) {
        messages.putIfAbsent(messageRef, new Tracked(totalParts, policy));
    }

    /**
     * Records a part's state; returns the message's final state when this record decides it, exactly once per message.
     */
    public synchronized Optional<MessageState> record(String messageRef, int seq, MessageState state) {
        Tracked tracked = messages.get(messageRef);
        if (tracked == null || tracked.decided || !state.isFinal()) {
            return Optional.empty();
        }
        tracked.states.put(seq, state);
        Optional<MessageState> outcome = MultipartOutcome.decide(tracked.policy, tracked.total, tracked.states);
        if (outcome.isPresent()) {
            tracked.decided = true;
            messages.remove(messageRef);
        }
        return outcome;
    }

    public synchronized int size() {
        return messages.size();
    }

    private static final class Tracked {

        final int total;
        final MultipartReceiptPolicy policy;
        final Map<Integer, MessageState> states = new HashMap<>();
        boolean decided;

        Tracked(int total, MultipartReceiptPolicy policy) {
            this.total = total;
            this.policy = policy;
        }
    }
}

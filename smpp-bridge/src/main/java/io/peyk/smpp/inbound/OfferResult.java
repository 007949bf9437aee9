package io.peyk.smpp.inbound;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link InboundReassembler#offer}: the message completed by the offered part, if any, and the partial
 * messages evicted to make room for a new group (oldest first). Both must be delivered by the caller.
 *
 * @param message the message completed (or the part itself when it was not concatenated)
 * @param evicted partial messages ({@code complete == false}) evicted because the pending-group bound was hit
 */
public record OfferResult(Optional<InboundMessage> message, List<InboundMessage> evicted) {

    static final OfferResult NOTHING = new OfferResult(Optional.empty(), List.of());

    public OfferResult {
        Objects.requireNonNull(message, "message");
        evicted = List.copyOf(evicted);
    }
}

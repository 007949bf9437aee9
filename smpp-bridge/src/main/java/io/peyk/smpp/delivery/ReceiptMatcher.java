package io.peyk.smpp.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.peyk.smpp.PartIdStore;
import io.peyk.smpp.PartIdStore.PartRef;
import io.peyk.smpp.receipt.DeliveryReceipt;

/**
 * Matches receipts to the parts they report on. A receipt can overtake the record of its own submit response (the SMSC
 * sends it right after the submit_sm_resp, and the two are handled on different threads): such a receipt waits here,
 * bounded in number and time, for its part to be remembered; after the grace period it is reported unmatched, never
 * dropped. Matching and remembering take the same striped lock per id, so neither side can miss the other.
 */
public final class ReceiptMatcher {

    private static final int STRIPES = 64;

    private final PartIdStore store;
    private final Duration grace;
    private final int capacity;
    private final Object[] locks = new Object[STRIPES];
    private final Map<String, Early> early = new LinkedHashMap<>();

    public ReceiptMatcher(PartIdStore store, Duration grace, int capacity) {
        this.store = store;
        this.grace = grace;
        this.capacity = capacity;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    /** A matched receipt. */
    public record Match(PartRef part, DeliveryReceipt receipt) {
    }

    /** A receipt nothing claimed in time. */
    public record Unmatched(String connector, String smscMessageId, DeliveryReceipt receipt) {
    }

    /**
     * Remembers a submitted part; returns the receipt that was already waiting for it, if any.
     */
    public Optional<Match> remember(String connector, String smscMessageId, PartRef part) {
        String key = key(connector, smscMessageId);
        synchronized (lockFor(key)) {
            store.remember(connector, smscMessageId, part);
            Early waiting;
            synchronized (early) {
                waiting = early.remove(key);
            }
            return Optional.ofNullable(waiting).map(e -> new Match(part, e.receipt));
        }
    }

    /**
     * Matches a receipt; empty when its part is not known yet (the receipt then waits). Returns the receipts pushed out
     * because the waiting room is full through {@code overflow}.
     */
    public Optional<Match> match(String connector, String smscMessageId, DeliveryReceipt receipt, Instant now,
            List<Unmatched> overflow) {
        String key = key(connector, smscMessageId);
        synchronized (lockFor(key)) {
            Optional<PartRef> part = store.lookup(connector, smscMessageId);
            if (part.isPresent()) {
                return Optional.of(new Match(part.get(), receipt));
            }
            synchronized (early) {
                early.put(key, new Early(connector, smscMessageId, receipt, now));
                Iterator<Early> it = early.values().iterator();
                while (early.size() > capacity && it.hasNext()) {
                    Early evicted = it.next();
                    it.remove();
                    overflow.add(new Unmatched(evicted.connector, evicted.smscMessageId, evicted.receipt));
                }
            }
            return Optional.empty();
        }
    }

    /** Receipts that waited longer than the grace period; they are reported unmatched. */
    public List<Unmatched> expire(Instant now) {
        List<Unmatched> expired = new ArrayList<>();
        Instant cutoff = now.minus(grace);
        synchronized (early) {
            Iterator<Early> it = early.values().iterator();
            while (it.hasNext()) {
                Early e = it.next();
                if (e.receivedAt.isAfter(cutoff)) {
                    break;
                }
                it.remove();
                expired.add(new Unmatched(e.connector, e.smscMessageId, e.receipt));
            }
        }
        return expired;
    }

    public int waiting() {
        synchronized (early) {
            return early.size();
        }
    }

    private Object lockFor(String key) {
        return locks[(key.hashCode() & 0x7FFFFFFF) % STRIPES];
    }

    private static String key(String connector, String smscMessageId) {
        return connector + '\u0000' + smscMessageId;
    }

    private record Early(String connector, String smscMessageId, DeliveryReceipt receipt, Instant receivedAt) {
    }
}

package io.peyk.smpp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A bounded, least-recently-inserted-first {@link PartIdStore} in memory. Entries beyond {@code capacity} are forgotten,
 * so a very late receipt for one of them becomes an {@link BridgeEvent.UnmatchedReceipt}; production uses the gateway's
 * persistent store.
 */
public final class InMemoryPartIdStore implements PartIdStore {

    private final Map<String, PartRef> parts;

    public InMemoryPartIdStore(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.parts = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, false) {

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PartRef> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public synchronized void remember(String connector, String smscMessageId, PartRef part) {
        parts.put(key(connector, smscMessageId), part);
    }

    @Override
    public synchronized Optional<PartRef> lookup(String connector, String smscMessageId) {
        return Optional.ofNullable(parts.get(key(connector, smscMessageId)));
    }

    public synchronized int size() {
        return parts.size();
    }

    private static String key(String connector, String smscMessageId) {
        return connector + '\u0000' + smscMessageId;
    }
}

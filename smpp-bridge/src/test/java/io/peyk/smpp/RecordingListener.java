package io.peyk.smpp;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

/** Collects bridge events for assertions. */
public final class RecordingListener implements BridgeListener {

    private final ConcurrentLinkedQueue<BridgeEvent> events = new ConcurrentLinkedQueue<>();

    @Override
    public void on(BridgeEvent event) {
        events.add(event);
    }

    public <T extends BridgeEvent> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public <T extends BridgeEvent> List<T> of(Class<T> type, Predicate<T> filter) {
        return of(type).stream().filter(filter).toList();
    }

    public void clear() {
        events.clear();
    }
}

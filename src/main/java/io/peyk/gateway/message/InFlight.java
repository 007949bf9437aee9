package io.peyk.gateway.message;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The messages this instance has claimed and not yet seen submitted (or refused, or handed back). Its size is the
 * dispatcher's in-flight window: the most a crash of this instance can make another instance submit a second time.
 */
@ApplicationScoped
public class InFlight {

    private final Set<UUID> claimed = ConcurrentHashMap.newKeySet();
    private final Object signal = new Object();

    void add(UUID id) {
        claimed.add(id);
    }

    /** A message left this instance's hands; wakes the dispatcher if it was waiting for room. */
    void release(UUID id) {
        if (claimed.remove(id)) {
            synchronized (signal) {
                signal.notifyAll();
            }
        }
    }

    Set<UUID> snapshot() {
        return Set.copyOf(claimed);
    }

    int size() {
        return claimed.size();
    }

    /** Waits until a message is released or the dispatcher is woken, at most {@code timeoutMillis}. */
    void await(long timeoutMillis) throws InterruptedException {
        synchronized (signal) {
            signal.wait(Math.max(1, timeoutMillis));
        }
    }

    void wakeUp() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }
}

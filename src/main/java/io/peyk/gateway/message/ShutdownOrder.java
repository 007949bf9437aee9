package io.peyk.gateway.message;

import jakarta.interceptor.Interceptor;

/**
 * The order in which a gateway instance stops sending SMS, as {@code @Priority} values of its {@code ShutdownEvent}
 * observers (lower first; all before the default observers, so PostgreSQL, Kafka and Vert.x are still up):
 * <ol>
 * <li>{@link #DISPATCHER}: the dispatcher claims nothing more and hands nothing more to the bridge;</li>
 * <li>{@link #SMPP_BRIDGE}: the bridge stops taking parts, waits (bounded) for the submits in flight to be answered,
 * unbinds, and hands back the parts still queued;</li>
 * <li>{@link #DELIVERY_UPDATES}: the outcomes of those submits and returned parts are written to PostgreSQL (bounded)
 * before the pool goes away.</li>
 * </ol>
 * Graceful HTTP shutdown ({@code quarkus.shutdown.timeout}) runs before all of them.
 */
public final class ShutdownOrder {

    public static final int DISPATCHER = Interceptor.Priority.APPLICATION;
    public static final int SMPP_BRIDGE = Interceptor.Priority.APPLICATION + 10;
    public static final int DELIVERY_UPDATES = Interceptor.Priority.APPLICATION + 20;

    private ShutdownOrder() {
    }
}

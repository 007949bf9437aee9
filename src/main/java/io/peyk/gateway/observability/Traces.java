package io.peyk.gateway.observability;

import java.util.Optional;

import org.jboss.logging.MDC;

/**
 * The trace of the work being done now, as the logs see it: the mapped diagnostic context keys {@code traceId} and
 * {@code spanId} (the names OpenTelemetry's log correlation uses, so log pipelines join them with traces). On a Vert.x
 * request the context is the request's own (Quarkus keeps the MDC per duplicated context), so concurrent requests on
 * one event loop never see each other's ids.
 */
public final class Traces {

    public static final String TRACE_ID = "traceId";
    public static final String SPAN_ID = "spanId";

    private Traces() {
    }

    /** The trace id of the current request or job, if it has one. */
    public static Optional<String> currentTraceId() {
        Object id = MDC.get(TRACE_ID);
        return id == null ? Optional.empty() : Optional.of(id.toString());
    }

    /** Makes {@code trace} the current one for the logs of this context. */
    public static void enter(TraceParent trace) {
        MDC.put(TRACE_ID, trace.traceId());
        MDC.put(SPAN_ID, trace.spanId());
    }
}

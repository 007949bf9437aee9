package io.peyk.gateway.observability;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.smallrye.common.vertx.VertxContext;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Gives every HTTP request a trace before anything else handles it: an incoming W3C {@code traceparent} is continued
 * (a new span in its trace), otherwise a new trace starts. The ids go into the log context of the request, into every
 * problem body ({@code traceId}), and back to the caller as {@value #RESPONSE_HEADER}, so a partner can quote one id
 * that finds every log line of the request.
 */
@ApplicationScoped
public class TraceRoutes {

    /** The response header naming the request's trace id. */
    public static final String RESPONSE_HEADER = "X-Trace-Id";
    /** First of all routes: before the body-size check (-10), the role check and the device endpoint. */
    static final int ORDER = -100;

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(TraceRoutes::trace);
    }

    private static void trace(RoutingContext ctx) {
        TraceParent trace = TraceParent.parse(ctx.request().getHeader(TraceParent.HEADER)).map(TraceParent::child)
                .orElseGet(TraceParent::newTrace);
        if (VertxContext.isOnDuplicatedContext()) {
            // The request's own context: its MDC ends with the request. Never on a shared event-loop context, where it
            // would outlive the request and tag other work.
            Traces.enter(trace);
        }
        ctx.response().putHeader(RESPONSE_HEADER, trace.traceId());
        ctx.next();
    }
}

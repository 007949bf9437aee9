package io.peyk.gateway.audit;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.peyk.gateway.finance.FinanceAuthFilter;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Records every request to {@code /admin} and {@code /v1/finance} in the {@link AuditLog} once it is answered: the actor
 * (the admin token, the finance key's name, or unauthenticated), method, path, status and remote address. The answer
 * waits for the row, so an action the log does not hold was not answered as done; if the row cannot be written the
 * failure is logged and the answer still goes out (the action has already happened).
 */
public final class AuditFilter {

    private static final Logger LOG = Logger.getLogger(AuditFilter.class);

    private final AuditLog log;

    AuditFilter(AuditLog log) {
        this.log = log;
    }

    @ServerResponseFilter
    public Uni<Void> record(ContainerRequestContext request, ContainerResponseContext response, RoutingContext routing) {
        String path = routing.normalizedPath();
        String role = path.startsWith("/admin/") || path.equals("/admin")
                ? "admin"
                : path.startsWith(FinanceAuthFilter.PATH_PREFIX) || path.equals("/v1/finance") ? "finance" : null;
        if (role == null) {
            return Uni.createFrom().voidItem();
        }
        int status = response.getStatus();
        String actor = actor(role, status, routing);
        String remote = routing.request().remoteAddress() == null
                ? "unknown"
                : routing.request().remoteAddress().host();
        return log.record(actor, role, request.getMethod(), path, status, remote).onFailure().recoverWithItem(e -> {
            LOG.errorf("audit log: %s %s by %s (status %d) NOT recorded: %s", request.getMethod(), path, actor, status,
                    e.toString());
            return null;
        });
    }

    private static String actor(String role, int status, RoutingContext routing) {
        if ("finance".equals(role)) {
            return FinanceAuthFilter.callerName(routing).map(n -> "finance:" + n).orElse("unauthenticated");
        }
        return status == 401 || status == 503 ? "unauthenticated" : "admin";
    }
}

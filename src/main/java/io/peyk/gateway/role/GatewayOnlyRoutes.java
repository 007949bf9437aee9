package io.peyk.gateway.role;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.peyk.gateway.api.HttpProblemRoutes;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * On an instance without the gateway role, answers the partner messaging API ({@code /v1/messages} and below) and the app
 * channel's WebSocket ({@code /v1/devices/connect}) with 503 {@code role-not-served}, before authentication, so a request
 * sent to the wrong service says where it belongs. Everything else (health, metrics, admin, the billing reads under
 * {@code /v1/finance}, {@code /v1/usage}, {@code /v1/statements}) is served on every role. Nothing is installed on an
 * instance with the gateway role.
 */
@ApplicationScoped
public class GatewayOnlyRoutes {

    /** After the body-size check (order -10), before the device WebSocket route (-5) and JAX-RS. */
    static final int ORDER = -8;
    static final String SLUG = "role-not-served";

    /** Path prefixes (each matching itself and what lies below it) that only the gateway serves. */
    static final List<String> GATEWAY_PATHS = List.of("/v1/messages", "/v1/devices/connect");

    private final Roles roles;

    GatewayOnlyRoutes(Roles roles) {
        this.roles = roles;
    }

    void install(@Observes Router router) {
        if (roles.gateway()) {
            return;
        }
        router.route().order(ORDER).handler(GatewayOnlyRoutes::refuseGatewayPaths);
    }

    private static void refuseGatewayPaths(RoutingContext ctx) {
        if (!servedOnlyByGateway(ctx.normalizedPath())) {
            ctx.next();
            return;
        }
        HttpProblemRoutes.send(ctx, 503, SLUG, "Role not served",
                "This instance runs the billing role; send to the gateway service.");
    }

    /** Whether a (normalised) request path belongs to the gateway role only. */
    static boolean servedOnlyByGateway(String path) {
        for (String prefix : GATEWAY_PATHS) {
            if (path.equals(prefix) || path.startsWith(prefix) && path.charAt(prefix.length()) == '/') {
                return true;
            }
        }
        return false;
    }
}

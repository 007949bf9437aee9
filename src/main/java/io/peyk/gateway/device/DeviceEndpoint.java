package io.peyk.gateway.device;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.peyk.gateway.api.AuthFailureLimiter;
import io.peyk.gateway.api.HttpProblemRoutes;
import io.peyk.gateway.api.ProblemException;
import io.peyk.gateway.partner.PartnerRepository;
import io.peyk.gateway.partner.PartnerStatus;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /v1/devices/connect}: the app's WebSocket. The device token comes as {@code Authorization: Bearer <token>}
 * or, for clients that cannot set headers, the {@code token} query parameter. Everything is checked before the upgrade,
 * so a refusal is a plain HTTP problem: 426 without an upgrade, 401 for a missing, malformed, expired or revoked token,
 * 403 for a suspended partner, 429 beyond the connection limits. Its 401s count against the caller's address like
 * every other 401 on {@code /v1} ({@link AuthFailureLimiter}), and an address over its failures gets 429
 * {@code too-many-auth-failures} before its token is looked at.
 */
@ApplicationScoped
public class DeviceEndpoint {

    static final String PATH = "/v1/devices/connect";
    /** After the body-size check (order -10), before JAX-RS. */
    static final int ORDER = -5;
    private static final Logger LOG = Logger.getLogger(DeviceEndpoint.class);
    private static final String BEARER = "Bearer ";

    private final DeviceTokens tokens;
    private final PartnerRepository partners;
    private final DeviceHub hub;
    private final AuthFailureLimiter authFailures;

    DeviceEndpoint(DeviceTokens tokens, PartnerRepository partners, DeviceHub hub, AuthFailureLimiter authFailures) {
        this.tokens = tokens;
        this.partners = partners;
        this.hub = hub;
        this.authFailures = authFailures;
    }

    void install(@Observes Router router) {
        router.route(PATH).order(ORDER).handler(this::connect);
    }

    private void connect(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (!"websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE))) {
            refuse(ctx, 426, "upgrade-required", "WebSocket required",
                    "Connect with a WebSocket (Upgrade: websocket) to this path.");
            return;
        }
        Optional<ProblemException> blocked = authFailures.refusal(AuthFailureLimiter.address(ctx));
        if (blocked.isPresent()) {
            blocked.get().headers().forEach(ctx.response()::putHeader);
            refuse(ctx, 429, blocked.get().type(), blocked.get().title(), blocked.get().detail());
            return;
        }
        Optional<String> token = token(request);
        if (token.isEmpty()) {
            refuse(ctx, 401, "unauthorized", "Unauthorized",
                    "Send the device token as 'Authorization: Bearer <token>' or the token query parameter.");
            return;
        }
        Context context = Vertx.currentContext();
        request.pause();
        tokens.verify(token.get(), Instant.now()).chain(identity -> {
            if (identity.isEmpty()) {
                return io.smallrye.mutiny.Uni.createFrom().item(Decision.refuse(401, "unauthorized", "Unauthorized",
                        "The device token is malformed, expired or revoked."));
            }
            return partners.find(identity.get().partnerId()).map(p -> p.isPresent()
                    && p.get().partner().status() == PartnerStatus.ACTIVE
                            ? Decision.accept(identity.get(), token.get())
                            : Decision.refuse(403, "partner-suspended", "Partner suspended",
                                    "This partner may not use the app channel now."));
        }).subscribe().with(decision -> context.runOnContext(v -> decide(ctx, decision)),
                e -> context.runOnContext(v -> {
                    LOG.warnf("device connection refused: token check failed (%s)", e.toString());
                    refuse(ctx, 503, "unavailable", "Service unavailable", "Try again shortly.");
                }));
    }

    /**
     * A revocation committed between the check and the registration found no connection to close: checking once more
     * after the registration closes it.
     */
    private void recheck(DeviceConnection conn, String token) {
        tokens.verify(token, Instant.now()).subscribe().with(still -> {
            if (still.isEmpty()) {
                conn.close(CloseReason.TOKEN_REVOKED);
            }
        }, e -> LOG.debugf("token re-check of %s failed: %s", conn.id, e.toString()));
    }

    private void decide(RoutingContext ctx, Decision decision) {
        if (decision.identity().isEmpty()) {
            refuse(ctx, decision.status(), decision.slug(), decision.title(), decision.detail());
            return;
        }
        DeviceIdentity identity = decision.identity().get();
        Optional<String> full = hub.admit(identity);
        if (full.isPresent()) {
            ctx.response().putHeader(HttpHeaders.RETRY_AFTER, "30");
            refuse(ctx, 429, "too-many-connections", "Too many connections", full.get());
            return;
        }
        // The token is checked: do not keep it (a bearer secret) in the connection's request headers for its lifetime.
        ctx.request().headers().remove(HttpHeaders.AUTHORIZATION);
        ctx.request().toWebSocket().onSuccess(socket -> recheck(hub.open(socket, identity), decision.token()))
                .onFailure(e -> {
                    hub.release(identity);
                    LOG.debugf("device WebSocket upgrade failed: %s", e.toString());
                });
    }

    private static Optional<String> token(HttpServerRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.length() <= DeviceTokens.MAX_TOKEN_LENGTH + BEARER.length()
                && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.of(authorization.substring(BEARER.length()).trim());
        }
        return Optional.ofNullable(request.getParam("token")).filter(t -> t.length() <= DeviceTokens.MAX_TOKEN_LENGTH);
    }

    private static void refuse(RoutingContext ctx, int status, String slug, String title, String detail) {
        ctx.request().resume();
        HttpProblemRoutes.send(ctx, status, slug, title, detail);
    }

    /** The outcome of the checks before the upgrade. */
    private record Decision(Optional<DeviceIdentity> identity, String token, int status, String slug, String title,
            String detail) {

        static Decision accept(DeviceIdentity identity, String token) {
            return new Decision(Optional.of(identity), token, 101, null, null, null);
        }

        static Decision refuse(int status, String slug, String title, String detail) {
            return new Decision(Optional.empty(), null, status, slug, title, detail);
        }
    }
}

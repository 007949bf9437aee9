package io.peyk.gateway.partner;

import java.util.Optional;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.peyk.gateway.api.ProblemException;
import io.peyk.gateway.api.Problems;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Authenticates every {@code /v1} request by its {@code Authorization: Bearer <api key>}: the key's SHA-256 is looked up
 * with its partner in one query (no cache, so a revoked key fails on the next request). 401 for a missing, malformed,
 * unknown or revoked key; 403 {@code partner-suspended} for a suspended partner. {@code /q} and {@code /admin} are not
 * touched, nor is {@code /v1/finance} (finance keys). Runs after matching, so an unknown path is a 404 whatever the key.
 */
public final class PartnerAuthFilter {

    static final String PATH_PREFIX = "/v1/";
    /** Finance paths authenticate with finance keys (io.peyk.gateway.finance.FinanceAuthFilter). */
    static final String FINANCE_PREFIX = "/v1/finance/";
    private static final String BEARER = "Bearer ";

    private final PartnerRepository partners;

    PartnerAuthFilter(PartnerRepository partners) {
        this.partners = partners;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Uni<Response> authenticate(ContainerRequestContext request, RoutingContext routing) {
        String path = routing.normalizedPath();
        if (!path.startsWith(PATH_PREFIX) && !path.equals("/v1") || path.startsWith(FINANCE_PREFIX)
                || path.equals("/v1/finance")) {
            return Uni.createFrom().nullItem();
        }
        Optional<String> key = bearer(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (key.isEmpty()) {
            return Uni.createFrom().failure(Problems.unauthorized(
                    "Send the partner API key as 'Authorization: Bearer <key>'."));
        }
        return partners.findByActiveKeyHash(ApiKeys.hash(key.get())).map(found -> {
            Partner partner = found.orElseThrow(() -> Problems.unauthorized("The API key is unknown or revoked."));
            if (!partner.active()) {
                throw ProblemException.of(403, "partner-suspended", "Partner suspended",
                        "This partner is suspended; the operator can resume it.");
            }
            CurrentPartner.set(routing, partner);
            return null;
        });
    }

    /** The bearer credential of an {@code Authorization} header, if it is one of a plausible size. */
    public static Optional<String> bearer(String authorization) {
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        String key = authorization.substring(BEARER.length()).trim();
        if (key.isEmpty() || key.length() > ApiKeys.MAX_KEY_LENGTH) {
            return Optional.empty();
        }
        return Optional.of(key);
    }
}

package io.peyk.gateway.admin;

import java.security.MessageDigest;
import java.util.Optional;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.peyk.gateway.api.ProblemException;
import io.peyk.gateway.api.Problems;
import io.peyk.gateway.partner.ApiKeys;
import io.vertx.ext.web.RoutingContext;

/**
 * Authenticates {@code /admin} requests by {@code Authorization: Bearer <peyk.admin.token>}, compared in constant time
 * (SHA-256 of both sides, then {@link MessageDigest#isEqual}). 401 problem when the token is missing or wrong; 503
 * {@code admin-disabled} when no token (or one shorter than {@value AdminConfig#MIN_TOKEN_LENGTH} characters) is
 * configured.
 */
public final class AdminAuthFilter {

    static final String PATH_PREFIX = "/admin/";
    private static final Logger LOG = Logger.getLogger(AdminAuthFilter.class);
    private static final String BEARER = "Bearer ";

    private final Optional<byte[]> expectedHash;

    AdminAuthFilter(AdminConfig config) {
        this.expectedHash = config.token().filter(t -> t.length() >= AdminConfig.MIN_TOKEN_LENGTH).map(ApiKeys::hash);
        if (expectedHash.isEmpty()) {
            LOG.warnf("Admin API disabled: set peyk.admin.token (at least %d characters)", AdminConfig.MIN_TOKEN_LENGTH);
        }
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public void authenticate(ContainerRequestContext request, RoutingContext routing) {
        String path = routing.normalizedPath();
        if (!path.startsWith(PATH_PREFIX) && !path.equals("/admin")) {
            return;
        }
        if (expectedHash.isEmpty()) {
            throw ProblemException.of(503, "admin-disabled", "Admin API disabled",
                    "The operator has not configured an admin token.");
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null || authorization.length() > 1000
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw Problems.unauthorized("Send the admin token as 'Authorization: Bearer <token>'.");
        }
        byte[] presented = ApiKeys.hash(authorization.substring(BEARER.length()).trim());
        if (!MessageDigest.isEqual(presented, expectedHash.get())) {
            throw Problems.unauthorized("The admin token is wrong.");
        }
    }

}

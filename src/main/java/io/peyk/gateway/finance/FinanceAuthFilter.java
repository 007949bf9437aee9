package io.peyk.gateway.finance;

import java.util.Optional;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.peyk.gateway.api.ProblemException;
import io.peyk.gateway.api.Problems;
import io.peyk.gateway.partner.ApiKeys;
import io.peyk.gateway.partner.PartnerAuthFilter;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Authenticates {@code /v1/finance} requests by a finance key ({@link FinanceKeys}). A partner API key there is a 403
 * {@code finance-role-required} (it is a valid key of the wrong role); a missing, unknown or revoked key a 401. The
 * finance key's name is kept on the request: it is who closed a period or recorded a settlement.
 */
public final class FinanceAuthFilter {

    public static final String PATH_PREFIX = "/v1/finance/";
    static final String CALLER = FinanceAuthFilter.class.getName() + ".caller";

    private final FinanceKeys keys;

    FinanceAuthFilter(FinanceKeys keys) {
        this.keys = keys;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Uni<Response> authenticate(ContainerRequestContext request, RoutingContext routing) {
        String path = routing.normalizedPath();
        if (!path.startsWith(PATH_PREFIX) && !path.equals("/v1/finance")) {
            return Uni.createFrom().nullItem();
        }
        Optional<String> bearer = PartnerAuthFilter.bearer(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (bearer.isEmpty()) {
            return Uni.createFrom().failure(Problems.unauthorized("Send a finance key as 'Authorization: Bearer"
                    + " <key>'."));
        }
        String key = bearer.get();
        if (key.startsWith(ApiKeys.KEY_TAG)) {
            return Uni.createFrom().failure(ProblemException.of(403, "finance-role-required", "Finance role required",
                    "Partner API keys read their own statements at /v1/statements/{period}; /v1/finance needs a"
                            + " finance key."));
        }
        return keys.findActive(ApiKeys.hash(key)).map(found -> {
            FinanceKeys.Info info = found.orElseThrow(() -> Problems.unauthorized("The finance key is unknown or"
                    + " revoked."));
            routing.put(CALLER, info);
            return null;
        });
    }

    /** The name of the finance key that authenticated this request, if one did. */
    public static Optional<String> callerName(RoutingContext routing) {
        FinanceKeys.Info info = routing.get(CALLER);
        return Optional.ofNullable(info).map(FinanceKeys.Info::name);
    }

    /** The finance key of the current request. */
    static FinanceKeys.Info caller(RoutingContext routing) {
        FinanceKeys.Info info = routing.get(CALLER);
        if (info == null) {
            throw new IllegalStateException("no finance key on this request");
        }
        return info;
    }
}

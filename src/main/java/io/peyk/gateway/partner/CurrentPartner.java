package io.peyk.gateway.partner;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * The partner whose API key authenticated the current {@code /v1} request. {@link PartnerAuthFilter} stores it on the
 * request's routing context before any resource method runs, so it is there whichever thread the resource runs on.
 */
@RequestScoped
public class CurrentPartner {

    static final String KEY = CurrentPartner.class.getName();

    private final CurrentVertxRequest request;

    CurrentPartner(CurrentVertxRequest request) {
        this.request = request;
    }

    /** The authenticated partner; fails when the request did not go through partner authentication. */
    public Partner get() {
        return find().orElseThrow(() -> new IllegalStateException("no authenticated partner on this request"));
    }

    /** The authenticated partner, if this request has one. */
    public Optional<Partner> find() {
        RoutingContext context = request.getCurrent();
        return context == null ? Optional.empty() : Optional.ofNullable(context.get(KEY));
    }

    static void set(RoutingContext context, Partner partner) {
        context.put(KEY, partner);
    }
}

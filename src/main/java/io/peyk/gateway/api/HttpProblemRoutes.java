package io.peyk.gateway.api;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.peyk.gateway.observability.Traces;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Problems for refusals that happen before JAX-RS sees a request. A body whose {@code Content-Length} exceeds
 * {@code quarkus.http.limits.max-body-size} gets a 413 problem here (Quarkus' own check, which runs just after this one,
 * answers 413 with an empty body); a chunked body (no length) is read here, bounded by the same limit, and a larger one
 * gets a 413 problem; a path no route serves gets a 404 problem instead of Vert.x's plain text.
 */
@ApplicationScoped
public class HttpProblemRoutes {

    /** Before Quarkus' body-size check (order -2). */
    static final int BODY_SIZE_ORDER = -10;
    /** After every other route. */
    static final int NOT_FOUND_ORDER = Integer.MAX_VALUE - 100;

    private final Optional<MemorySize> maxBodySize;

    HttpProblemRoutes(@ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize) {
        this.maxBodySize = maxBodySize;
    }

    void install(@Observes Router router) {
        maxBodySize.ifPresent(limit -> {
            BodyHandler bodies = BodyHandler.create(false).setBodyLimit(limit.asLongValue())
                    .setHandleFileUploads(false);
            router.route().order(BODY_SIZE_ORDER).handler(ctx -> refuseOversized(ctx, limit.asLongValue(), bodies))
                    .failureHandler(HttpProblemRoutes::bodyFailure);
        });
        router.route().order(NOT_FOUND_ORDER).handler(HttpProblemRoutes::notFound);
    }

    private static void refuseOversized(RoutingContext ctx, long limit, BodyHandler bodies) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null && ctx.request().getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
            // Chunked: read it here, bounded (a larger body fails the route with 413, see bodyFailure); JAX-RS then
            // uses the body read. Without this, Quarkus' stream answers 413 with an empty body.
            bodies.handle(ctx);
            return;
        }
        if (length != null && exceeds(length, limit)) {
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
            // Close once the answer is out: the rest of the body is not read.
            ctx.response().endHandler(ignored -> ctx.request().connection().close());
            send(ctx, 413, "body-too-large", "Request body too large",
                    "The request body is larger than the gateway accepts (" + limit + " bytes).");
            return;
        }
        ctx.next();
    }

    private static void bodyFailure(RoutingContext ctx) {
        if (ctx.response().ended() || ctx.response().closed() || ctx.failure() instanceof HttpClosedException) {
            return; // The client went away (or was answered already): nobody to tell.
        }
        if (ctx.statusCode() == 413) {
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
            ctx.response().endHandler(ignored -> ctx.request().connection().close());
            send(ctx, 413, "body-too-large", "Request body too large",
                    "The request body is larger than the gateway accepts.");
            return;
        }
        ctx.next();
    }

    static boolean exceeds(String contentLength, long limit) {
        if (contentLength.length() > 19) {
            return true;
        }
        try {
            return Long.parseLong(contentLength.trim()) > limit;
        } catch (NumberFormatException e) {
            return false; // Vert.x refuses a malformed length itself.
        }
    }

    private static void notFound(RoutingContext ctx) {
        send(ctx, 404, "not-found", "Not found", "Nothing is at this path.");
    }

    /** Answers a request that never reaches JAX-RS with a problem (once: an answered request is left alone). */
    public static void send(RoutingContext ctx, int status, String slug, String title, String detail) {
        if (ctx.response().ended()) {
            return;
        }
        String body = Problems.json(new Problem(Problems.TYPE_BASE + slug, title, status, detail, null,
                Problems.cut(ctx.request().path()), Traces.currentTraceId().orElse(null)));
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, Problems.MEDIA_TYPE).end(body);
    }

}

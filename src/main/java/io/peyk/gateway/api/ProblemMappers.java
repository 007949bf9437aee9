package io.peyk.gateway.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.peyk.gateway.observability.TraceParent;
import io.peyk.gateway.observability.Traces;
import io.vertx.core.http.HttpServerRequest;

/**
 * The one mapping layer from exceptions to {@code application/problem+json}: {@link ProblemException} as it is, Jackson
 * failures as 400 problems naming the field, any {@link WebApplicationException} (404, 405, 413, 415, ...) with its
 * status, and anything else as a 500 carrying the request's trace id. A 500 logs the exception's class names and stack frames
 * under that id, never an exception message (which may quote a request or a database row) nor the request body.
 */
public final class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    /** Response headers of a {@link WebApplicationException} that survive the mapping. */
    private static final List<String> KEPT_HEADERS = List.of("Allow", "Retry-After", "WWW-Authenticate");

    @ServerExceptionMapper
    public Response problem(ProblemException e, HttpServerRequest request) {
        return Problems.response(e, request.path());
    }

    /** Overrides Quarkus' built-in mapper for this type (which answers with Jackson's message). */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, HttpServerRequest request) {
        return json(e, request);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, HttpServerRequest request) {
        Optional<ProblemException> problem = JsonProblems.classify(e);
        if (problem.isEmpty()) {
            return internalError(e, request);
        }
        return Problems.response(problem.get(), request.path());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, HttpServerRequest request) {
        // Quarkus' JSON reader wraps parse errors in a 400 WebApplicationException.
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json, request);
        }
        Response original = e.getResponse();
        int status = original == null ? 500 : original.getStatus();
        if (status >= 500) {
            return internalError(e, request);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (original != null) {
            for (String name : KEPT_HEADERS) {
                String value = original.getHeaderString(name);
                if (value != null) {
                    headers.put(name, value);
                }
            }
        }
        ProblemException plain = Problems.ofStatus(status, detailFor(status, request));
        return Problems.response(new ProblemException(plain.status(), plain.type(), plain.title(), plain.detail(),
                Optional.empty(), headers), request.path());
    }

    @ServerExceptionMapper
    public Response anythingElse(Throwable e, HttpServerRequest request) {
        return internalError(e, request);
    }

    private static Response internalError(Throwable e, HttpServerRequest request) {
        // The trace id is in the log context of this line; a request outside any trace gets one for this error.
        String traceId = Traces.currentTraceId().orElseGet(() -> TraceParent.newTrace().traceId());
        LOG.errorf("Unhandled error (trace %s) on %s %s:%n%s", traceId, request.method(), Problems.cut(request.path()),
                StackTraces.withoutMessages(e));
        return Problems.response(new Problem(Problems.TYPE_BASE + "internal-error", "Internal error", 500,
                "The gateway failed to handle this request; quote the trace id to the operator.", null,
                Problems.cut(request.path()), traceId), Map.of());
    }

    static String detailFor(int status, HttpServerRequest request) {
        return switch (status) {
            case 404 -> "Nothing is at this path.";
            case 405 -> "The method " + request.method() + " is not allowed at this path.";
            case 406 -> "This resource answers only with application/json (problems with application/problem+json).";
            case 413 -> "The request body is larger than the gateway accepts.";
            case 415 -> "This resource accepts only application/json bodies.";
            default -> "The request was refused with HTTP status " + status + ".";
        };
    }
}

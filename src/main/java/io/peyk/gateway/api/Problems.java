package io.peyk.gateway.api;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.peyk.gateway.observability.Traces;

/**
 * Factories for the problems the gateway answers with, and the one place that renders a problem as an
 * {@code application/problem+json} response.
 */
public final class Problems {

    /** The media type of every refusal. */
    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType PROBLEM_JSON = MediaType.valueOf(MEDIA_TYPE);
    /** Problem types are {@code TYPE_BASE + slug}. */
    public static final String TYPE_BASE = "https://peyk.io/problems/";

    /** Longest detail, field or instance echoed in a problem; longer ones are cut. */
    static final int MAX_TEXT = 300;

    private static final ObjectMapper JSON = new ObjectMapper();

    private Problems() {
    }

    /** 429 {@code rate-limited} with {@code Retry-After} in whole seconds, rounded up (at least 1). */
    public static ProblemException tooManyRequests(Duration retryAfter) {
        long seconds = retryAfterSeconds(retryAfter);
        return new ProblemException(429, "rate-limited", "Too many requests",
                "The partner's rate limit is exhausted; retry after " + seconds + " s.", Optional.empty(),
                Map.of("Retry-After", Long.toString(seconds)));
    }

    /** Whole seconds to wait, rounded up, at least 1. */
    public static long retryAfterSeconds(Duration retryAfter) {
        if (retryAfter.isNegative() || retryAfter.isZero()) {
            return 1;
        }
        long seconds = retryAfter.getSeconds() + (retryAfter.getNano() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }

    /** 401 {@code unauthorized} with a {@code WWW-Authenticate: Bearer} challenge. */
    public static ProblemException unauthorized(String detail) {
        return new ProblemException(401, "unauthorized", "Unauthorized", detail, Optional.empty(),
                Map.of("WWW-Authenticate", "Bearer"));
    }

    public static ProblemException notFound(String detail) {
        return ProblemException.of(404, "not-found", "Not found", detail);
    }

    /** 422 {@code invalid-field}: a well-formed request whose field breaks a rule. */
    public static ProblemException invalidField(String field, String detail) {
        return ProblemException.invalidField(422, field, detail);
    }

    /** Renders a problem; {@code instance} is the request path. */
    public static Response response(ProblemException problem, String instance) {
        return response(new Problem(TYPE_BASE + problem.type(), problem.title(), problem.status(),
                cut(problem.detail()), problem.field().map(Problems::cut).orElse(null), cut(instance),
                Traces.currentTraceId().orElse(null)),
                problem.headers());
    }

    static Response response(Problem problem, Map<String, String> headers) {
        Response.ResponseBuilder builder = Response.status(problem.status()).type(PROBLEM_JSON).entity(json(problem));
        headers.forEach(builder::header);
        return builder.build();
    }

    /** The problem as JSON text. */
    public static String json(Problem problem) {
        try {
            return JSON.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            // A record of strings and an int always serialises.
            throw new IllegalStateException("problem not serialisable", e);
        }
    }

    static String cut(String text) {
        if (text == null || text.length() <= MAX_TEXT) {
            return text;
        }
        return text.substring(0, MAX_TEXT) + "…";
    }

    /** The slug and title of a plain HTTP status, for refusals that carry no more than their status. */
    static ProblemException ofStatus(int status, String detail) {
        String[] slugTitle = switch (status) {
            case 400 -> new String[]{"bad-request", "Bad request"};
            case 401 -> new String[]{"unauthorized", "Unauthorized"};
            case 403 -> new String[]{"forbidden", "Forbidden"};
            case 404 -> new String[]{"not-found", "Not found"};
            case 405 -> new String[]{"method-not-allowed", "Method not allowed"};
            case 406 -> new String[]{"not-acceptable", "Not acceptable"};
            case 409 -> new String[]{"conflict", "Conflict"};
            case 413 -> new String[]{"body-too-large", "Request body too large"};
            case 414 -> new String[]{"uri-too-long", "URI too long"};
            case 415 -> new String[]{"unsupported-media-type", "Unsupported media type"};
            case 422 -> new String[]{"unprocessable", "Unprocessable request"};
            case 429 -> new String[]{"rate-limited", "Too many requests"};
            case 503 -> new String[]{"unavailable", "Service unavailable"};
            default -> new String[]{"http-" + status, status >= 500 ? "Server error" : "Request refused"};
        };
        return ProblemException.of(status, slugTitle[0], slugTitle[1], detail);
    }

    /** A query parameter as an integer in {@code min..max} ({@code absent} when missing), else a 422 naming it. */
    public static int intParam(String name, String value, int absent, int min, int max) {
        if (value == null) {
            return absent;
        }
        try {
            int parsed = value.length() > 10 ? Integer.MIN_VALUE : Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // Falls through to the problem.
        }
        throw invalidField(name, name + " must be an integer from " + min + " to " + max + ".");
    }
}

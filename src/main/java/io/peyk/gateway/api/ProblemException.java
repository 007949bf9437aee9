package io.peyk.gateway.api;

import java.util.Map;
import java.util.Optional;

/**
 * A request the gateway refuses, as an RFC 9457 problem: the HTTP status, a stable type slug
 * ({@code https://peyk.io/problems/<type>}), a title, a detail for the developer and, when one field is at fault, its
 * JSON name. Thrown anywhere in request handling; one exception mapper turns it into {@code application/problem+json}.
 */
public final class ProblemException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final Optional<String> field;
    private final Map<String, String> headers;

    public ProblemException(int status, String type, String title, String detail, Optional<String> field,
            Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.field = field;
        this.headers = Map.copyOf(headers);
    }

    /** 400/422-style problem about one field of the request. */
    public static ProblemException invalidField(int status, String field, String detail) {
        return new ProblemException(status, "invalid-field", "Invalid field", detail, Optional.of(field), Map.of());
    }

    public static ProblemException of(int status, String type, String title, String detail) {
        return new ProblemException(status, type, title, detail, Optional.empty(), Map.of());
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public Optional<String> field() {
        return field;
    }

    public Map<String, String> headers() {
        return headers;
    }
}

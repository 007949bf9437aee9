package io.peyk.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body of an {@code application/problem+json} response (RFC 9457): {@code type} is
 * {@code https://peyk.io/problems/<slug>}, {@code instance} the request path, {@code field} the JSON path of the field at
 * fault (e.g. {@code messages[3].text}) when there is one, and {@code traceId} the request's trace (the response's
 * {@code X-Trace-Id}): every log line of the request carries it, so it is what to quote to the operator.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String field, String instance,
        String traceId) {
}

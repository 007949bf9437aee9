package io.peyk.gateway.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.exc.StreamWriteException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;

/**
 * Turns a Jackson failure while reading a request body into the problem the client gets. Details never quote the body
 * (Jackson's own messages do, and a body may carry message text): they name the field path, the expected type and the
 * position only.
 */
public final class JsonProblems {

    /** Longest field path reported; deeper paths are cut (a body is at most a few MB, nesting is bounded by Jackson). */
    static final int MAX_PATH = 200;

    private JsonProblems() {
    }

    /** The problem for a Jackson failure, or empty when it is not the client's fault (a server-side type definition). */
    public static Optional<ProblemException> classify(JsonProcessingException e) {
        if (e instanceof InvalidDefinitionException || e instanceof StreamWriteException) {
            return Optional.empty(); // A server-side type or a response that cannot be written: not the client's fault.
        }
        // A parse error inside a field (e.g. invalid UTF-8 in a string) arrives wrapped with the field's path: the
        // parse error is what the client must fix.
        Throwable cause = e.getCause();
        for (int depth = 0; cause != null && depth < 10; depth++, cause = cause.getCause()) {
            if (cause instanceof StreamReadException read) {
                return classify(read);
            }
        }
        if (e instanceof PropertyBindingException unknown) {
            String path = path(unknown.getPath());
            return Optional.of(field("unknown-field", "Unknown field", path,
                    "The field '" + Problems.cut(unknown.getPropertyName()) + "' is not part of this request."));
        }
        if (e instanceof MismatchedInputException mismatch) {
            String path = path(mismatch.getPath());
            String expected = expected(mismatch.getTargetType());
            if (path.isEmpty()) {
                return Optional.of(ProblemException.of(400, "malformed-json", "Malformed JSON",
                        "The request body must be a JSON " + expected + "."));
            }
            return Optional.of(field("invalid-field", "Invalid field", path,
                    "The field '" + path + "' must be " + article(expected) + "."));
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            // E.g. a record's constructor refused the value (ValueInstantiationException).
            String path = path(mapping.getPath());
            return Optional.of(field("invalid-field", "Invalid field", path,
                    "The field '" + path + "' has an invalid value."));
        }
        if (e instanceof StreamConstraintsException) {
            return Optional.of(ProblemException.of(400, "malformed-json", "Malformed JSON",
                    "The request body exceeds a JSON limit (nesting depth, number or string length)."));
        }
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (message.startsWith("Invalid UTF-8") || message.contains("Invalid UTF-8")) {
            return Optional.of(ProblemException.of(400, "invalid-utf8", "Invalid UTF-8",
                    "The request body is not valid UTF-8" + at(e.getLocation()) + "."));
        }
        if (message.startsWith("Duplicate field")) {
            return Optional.of(ProblemException.of(400, "malformed-json", "Malformed JSON",
                    "The request body has a field twice" + at(e.getLocation()) + "."));
        }
        if (e instanceof JsonParseException || !(e instanceof DatabindException)) {
            return Optional.of(ProblemException.of(400, "malformed-json", "Malformed JSON",
                    "The request body is not valid JSON" + at(e.getLocation()) + "."));
        }
        return Optional.of(ProblemException.of(400, "malformed-json", "Malformed JSON",
                "The request body could not be read as this request."));
    }

    /** The JSON path of a Jackson reference chain: {@code messages[3].text}; empty for the root. */
    public static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            } else if (reference.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            }
            if (path.length() > MAX_PATH) {
                return path.substring(0, MAX_PATH) + "…";
            }
        }
        return path.toString();
    }

    private static ProblemException field(String type, String title, String path, String detail) {
        return new ProblemException(400, type, title, detail, Optional.of(path), Map.of());
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "value of another type";
        }
        if (type == String.class || type == Character.class || type == char.class
                || CharSequence.class.isAssignableFrom(type)) {
            return "string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class || type == Short.class
                || type == short.class || type == Byte.class || type == byte.class
                || type == java.math.BigInteger.class) {
            return "integer";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "array";
        }
        if (type.isEnum()) {
            return "string (one of the allowed values)";
        }
        return "object";
    }

    private static String article(String expected) {
        return (expected.startsWith("a") || expected.startsWith("i") || expected.startsWith("o") ? "an " : "a ")
                + expected;
    }
}

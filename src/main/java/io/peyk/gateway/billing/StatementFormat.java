package io.peyk.gateway.billing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.peyk.billing.statement.Statement;
import io.peyk.billing.statement.StatementCsv;
import io.peyk.billing.statement.StatementPdf;
import io.peyk.gateway.api.ProblemException;

/**
 * The formats a statement is served in: JSON ({@link StatementView}), CSV (RFC 4180, {@link StatementCsv}) and PDF
 * ({@link StatementPdf}; one statement only). Chosen by {@code ?format=} or else by the {@code Accept} header; JSON by
 * default. A format that cannot be served is a 406 problem.
 */
public enum StatementFormat {

    JSON("json", MediaType.APPLICATION_JSON), CSV("csv", "text/csv"), PDF("pdf", "application/pdf");

    private final String name;
    private final String mediaType;

    StatementFormat(String name, String mediaType) {
        this.name = name;
        this.mediaType = mediaType;
    }

    public static StatementFormat choose(String format, String accept) {
        if (format != null && !format.isBlank()) {
            for (StatementFormat f : values()) {
                if (f.name.equals(format.trim().toLowerCase(Locale.ROOT))) {
                    return f;
                }
            }
            throw ProblemException.invalidField(422, "format", "format is json, csv or pdf.");
        }
        if (accept == null || accept.isBlank()) {
            return JSON;
        }
        String a = accept.toLowerCase(Locale.ROOT);
        if (a.contains("application/json") || a.contains("*/*") || a.contains("application/*")) {
            return JSON;
        }
        if (a.contains("text/csv") || a.contains("text/*")) {
            return CSV;
        }
        if (a.contains("application/pdf")) {
            return PDF;
        }
        throw ProblemException.of(406, "not-acceptable", "Not acceptable",
                "Statements are served as application/json, text/csv or application/pdf (or use ?format=).");
    }

    /** One statement in this format, with a file name for downloads. */
    public Response render(Statement s) {
        String file = "statement-" + s.partnerId() + "-" + s.period() + "-v" + s.version();
        return switch (this) {
            case JSON -> Response.ok(StatementView.of(s), MediaType.APPLICATION_JSON).build();
            case CSV -> download(StatementCsv.render(s).getBytes(StandardCharsets.UTF_8), file + ".csv");
            case PDF -> download(StatementPdf.render(s), file + ".pdf");
        };
    }

    /** Every partner's statement of a period (JSON or CSV). */
    public Response render(String period, List<Statement> all) {
        return switch (this) {
            case JSON -> Response.ok(new StatementsView(period, all.stream().map(StatementView::of).toList()),
                    MediaType.APPLICATION_JSON).build();
            case CSV -> download(StatementCsv.render(all).getBytes(StandardCharsets.UTF_8),
                    "statements-" + period + ".csv");
            case PDF -> throw ProblemException.of(406, "not-acceptable", "Not acceptable",
                    "PDF is one document per statement: GET /v1/finance/statements/{partner}/{period}.");
        };
    }

    private Response download(byte[] body, String file) {
        String type = this == CSV ? mediaType + "; charset=utf-8; header=present" : mediaType;
        return Response.ok(body, type).header("Content-Disposition", "attachment; filename=\"" + file + "\"").build();
    }

    /** A period's statements as JSON. */
    public record StatementsView(String period, List<StatementView> statements) {
    }
}

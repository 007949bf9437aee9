package io.peyk.gateway.finance;

import java.time.Instant;
import java.time.YearMonth;
import java.util.Optional;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.peyk.billing.ledger.EntryCursor;
import io.peyk.billing.ledger.Ledger;
import io.peyk.billing.rating.Meter;
import io.peyk.gateway.api.ProblemException;
import io.peyk.gateway.api.Problems;
import io.peyk.gateway.billing.PeriodParam;
import io.peyk.gateway.billing.Periods;
import io.peyk.gateway.billing.Reconciliation;
import io.peyk.gateway.billing.StatementFormat;
import io.peyk.gateway.billing.StatementView;
import io.peyk.gateway.billing.Statements;
import io.peyk.gateway.message.MessageIds;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * The finance API, {@code /v1/finance} (finance keys, {@link FinanceAuthFilter}): every partner's statements of a period
 * (JSON, CSV) and one partner's (JSON, CSV, PDF), closing a period, recording a settlement, the reconciliation report,
 * and the ledger's accounts and entries with paging.
 */
@Path("/v1/finance")
@Produces(MediaType.APPLICATION_JSON)
@SecurityScheme(securitySchemeName = FinanceResource.FINANCE_SCHEME, type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "peyk_fin_<43 base64url characters>", description = "A finance key (issued by the operator)")
@SecurityRequirement(name = FinanceResource.FINANCE_SCHEME)
@Tag(name = "Finance", description = "Statements, period close, settlements, reconciliation and the ledger")
public class FinanceResource {

    /** OpenAPI security scheme of the finance API. */
    public static final String FINANCE_SCHEME = "financeKey";

    private final Statements statements;
    private final Periods periods;
    private final Reconciliation reconciliation;
    private final Ledger ledger;
    private final LedgerAccounts accounts;
    private final UsageTrace trace;

    FinanceResource(Statements statements, Periods periods, Reconciliation reconciliation, Ledger ledger,
            LedgerAccounts accounts, UsageTrace trace) {
        this.trace = trace;
        this.statements = statements;
        this.periods = periods;
        this.reconciliation = reconciliation;
        this.ledger = ledger;
        this.accounts = accounts;
    }

    @GET
    @Path("/statements")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(summary = "Every partner's statement of a period", description = "?period=YYYY-MM; JSON or CSV"
            + " (Accept or ?format=).")
    public Uni<Response> statements(@QueryParam("period") String period, @QueryParam("format") String format,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        YearMonth p = PeriodParam.parse(period, "period");
        StatementFormat f = StatementFormat.choose(format, accept);
        return statements.all(p).map(all -> f.render(p.toString(), all));
    }

    @GET
    @Path("/statements/{partner}/{period}")
    @Produces({MediaType.APPLICATION_JSON, "text/csv", "application/pdf"})
    @Operation(summary = "One partner's statement of a period", description = "JSON, CSV or PDF (Accept or ?format=).")
    public Uni<Response> statement(@PathParam("partner") String partner, @PathParam("period") String period,
            @QueryParam("format") String format, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        UUID id = uuid(partner, "partner");
        YearMonth p = PeriodParam.parse(period, "period");
        StatementFormat f = StatementFormat.choose(format, accept);
        return statements.of(id, p).map(found -> f.render(found.orElseThrow(
                () -> Problems.notFound("No partner " + id + "."))));
    }

    @POST
    @Path("/periods/{period}/close")
    @Operation(summary = "Close a period", description = "Rates what is metered for it, then freezes it: later usage"
            + " becomes an adjustment of the next open period. Closing again answers the first closing.")
    public Uni<Periods.Closed> close(@PathParam("period") String period, @jakarta.ws.rs.core.Context RoutingContext rc) {
        YearMonth p = PeriodParam.parse(period, "period");
        return periods.close(p, FinanceAuthFilter.caller(rc).name());
    }

    /** The body of a settlement: the payment's reference (a bank transfer id). */
    public record SettleRequest(String reference) {
    }

    @POST
    @Path("/statements/{partner}/{period}/settle")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record that a closed statement's net was paid")
    public Uni<StatementView> settle(@PathParam("partner") String partner, @PathParam("period") String period,
            SettleRequest request, @jakarta.ws.rs.core.Context RoutingContext rc) {
        UUID id = uuid(partner, "partner");
        YearMonth p = PeriodParam.parse(period, "period");
        if (request == null || request.reference() == null || request.reference().isBlank()
                || request.reference().length() > 200) {
            throw Problems.invalidField("reference", "reference (the payment's reference) is 1..200 characters.");
        }
        return periods.settle(id, p, request.reference().trim(), FinanceAuthFilter.caller(rc).name())
                .map(StatementView::of);
    }

    @GET
    @Path("/reconciliation")
    @Operation(summary = "Raw events → aggregates → ledger → statements for a usage period; must agree exactly")
    public Uni<Reconciliation.Report> reconciliation(@QueryParam("period") String period) {
        return reconciliation.of(PeriodParam.parse(period, "period"));
    }

    @GET
    @Path("/usage-events")
    @Operation(summary = "The raw usage events behind a partner's month (?partner=&period=&meter=&bucket=&after=&limit=)", description = "From a statement line down to what was metered: meter kind and hour bucket narrow it.")
    public Uni<UsageTrace.Page> usageEvents(@QueryParam("partner") String partner, @QueryParam("period") String period,
            @QueryParam("meter") String meter, @QueryParam("bucket") String bucket, @QueryParam("after") String after,
            @QueryParam("limit") String limit) {
        if (partner == null) {
            throw Problems.invalidField("partner", "partner (an id) is required.");
        }
        UUID id = uuid(partner, "partner");
        YearMonth p = PeriodParam.parse(period, "period");
        Optional<Meter> m = Optional.ofNullable(meter).map(k -> Meter.ofKind(k).orElseThrow(() -> Problems
                .invalidField("meter", "meter is a kind: ott.message, sms.segment, sms.inbound, data.sponsored or"
                        + " data.revenue.")));
        Optional<Instant> b;
        try {
            b = Optional.ofNullable(bucket).map(Instant::parse);
        } catch (java.time.format.DateTimeParseException e) {
            throw Problems.invalidField("bucket", "bucket is the hour bucket's start, an ISO-8601 instant.");
        }
        if (after != null && after.length() > 400) {
            throw Problems.invalidField("after", "after is the 'next' of the previous page.");
        }
        return trace.page(id, p, m, b, Optional.ofNullable(after), Problems.intParam("limit", limit, 100, 1, 1000));
    }

    @GET
    @Path("/ledger/accounts")
    @Operation(summary = "Ledger accounts with their balances, by code, paged (?after=<code>&limit=)")
    public Uni<LedgerAccounts.Page> accounts(@QueryParam("partner") String partner, @QueryParam("after") String after,
            @QueryParam("limit") String limit) {
        Optional<UUID> p = partner == null ? Optional.empty() : Optional.of(uuid(partner, "partner"));
        if (after != null && after.length() > 200) {
            throw Problems.invalidField("after", "after is an account code.");
        }
        return accounts.page(p, Optional.ofNullable(after), Problems.intParam("limit", limit, 100, 1, 1000));
    }

    @GET
    @Path("/ledger/accounts/{id}/entries")
    @Operation(summary = "An account's entries, paged (?after=<transferId>:<seq>&limit=)")
    public Uni<LedgerAccounts.EntriesPage> entries(@PathParam("id") String account, @QueryParam("after") String after,
            @QueryParam("limit") String limit) {
        UUID id = uuid(account, "id");
        Optional<EntryCursor> cursor = cursor(after);
        int n = Problems.intParam("limit", limit, 100, 1, Ledger.MAX_PAGE);
        return ledger.entries(id, cursor, n).map(LedgerAccounts::entriesPage);
    }

    /** An id from the path or query: what is not a UUID names nothing (404), as for message ids. */
    static UUID uuid(String value, String field) {
        return MessageIds.parse(value).orElseThrow(
                () -> ProblemException.invalidField(404, field, "No such " + field + ": not a UUID."));
    }

    private static Optional<EntryCursor> cursor(String after) {
        if (after == null || after.isEmpty()) {
            return Optional.empty();
        }
        int colon = after.lastIndexOf(':');
        try {
            return Optional.of(new EntryCursor(UUID.fromString(after.substring(0, colon)),
                    Integer.parseInt(after.substring(colon + 1))));
        } catch (RuntimeException e) {
            throw Problems.invalidField("after", "after is the cursor of the last entry seen: <transferId>:<seq>.");
        }
    }

}

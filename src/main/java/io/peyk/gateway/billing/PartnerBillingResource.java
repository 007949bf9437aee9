package io.peyk.gateway.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.peyk.billing.period.BillingPeriod;
import io.peyk.billing.rating.Meter;
import io.peyk.gateway.partner.CurrentPartner;
import io.peyk.gateway.partner.Partner;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A partner's own billing, with its API key: its metered usage of a period ({@code GET /v1/usage}) and its statement
 * ({@code GET /v1/statements/{period}}, JSON, CSV or PDF). A partner never sees another partner's numbers: the partner
 * comes from the key, never from the request.
 */
@Path("/v1")
@SecurityRequirement(name = io.peyk.gateway.admin.AdminPartnerResource.PARTNER_SCHEME)
@Tag(name = "Billing", description = "The partner's own usage and statements")
public class PartnerBillingResource {

    private final CurrentPartner current;
    private final Statements statements;
    private final Pool pool;

    PartnerBillingResource(CurrentPartner current, Statements statements, Pool pool) {
        this.current = current;
        this.statements = statements;
        this.pool = pool;
    }

    /** Usage of one meter in the period: events counted and their quantity, in the meter's unit. */
    public record MeterUsage(String meter, String unit, long events, String quantity) {
    }

    public record UsageView(UUID partnerId, String period, String timeZone, Instant periodStart, Instant periodEnd,
            List<MeterUsage> meters) {
    }

    @GET
    @Path("/usage")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The partner's metered usage of a period (?period=YYYY-MM, default: the current month)")
    public Uni<UsageView> usage(@QueryParam("period") String period) {
        Partner partner = current.get();
        BillingPeriod bp = period == null
                ? BillingPeriod.containing(Instant.now(), partner.timeZone())
                : new BillingPeriod(PeriodParam.parse(period, "period"), partner.timeZone());
        return pool.preparedQuery("SELECT meter, sum(events) AS events, sum(quantity) AS quantity FROM usage_aggregate"
                + " WHERE partner_id = $1 AND bucket_start >= $2 AND bucket_start < $3 GROUP BY meter ORDER BY meter")
                .execute(Tuple.of(partner.id(), bp.start().atOffset(ZoneOffset.UTC), bp.end().atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    List<MeterUsage> meters = new java.util.ArrayList<>();
                    rows.forEach(r -> {
                        Meter m = Meter.valueOf(r.getString("meter"));
                        BigDecimal q = r.getBigDecimal("quantity");
                        meters.add(new MeterUsage(m.kind(), m.unit(), r.getBigDecimal("events").longValueExact(),
                                StatementView.decimal(q)));
                    });
                    return new UsageView(partner.id(), bp.month().toString(), partner.timeZone().getId(), bp.start(),
                            bp.end(), meters);
                });
    }

    @GET
    @Path("/statements/{period}")
    @Produces({MediaType.APPLICATION_JSON, "text/csv", "application/pdf"})
    @Operation(summary = "The partner's statement of a period (JSON, CSV or PDF by Accept or ?format=)")
    public Uni<Response> statement(@PathParam("period") String period, @QueryParam("format") String format,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        Partner partner = current.get();
        YearMonth p = PeriodParam.parse(period, "period");
        StatementFormat f = StatementFormat.choose(format, accept);
        return statements.of(partner.id(), p).map(s -> f.render(s.orElseThrow()));
    }
}

package io.peyk.gateway.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.peyk.billing.rating.GraduatedPrice;
import io.peyk.billing.rating.Meter;
import io.peyk.billing.rating.Tier;
import io.smallrye.mutiny.Uni;

/**
 * Tariff versions of a partner, {@code /admin/v1/partners/{id}/tariffs} (admin token). Versions are only added: a
 * correction is a new version (with the same effective time to replace one), and the periods it touches are rerated,
 * posting only the difference.
 */
@Path("/admin/v1/partners/{id}/tariffs")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = io.peyk.gateway.admin.AdminPartnerResource.ADMIN_SCHEME)
@Tag(name = "Admin: tariffs", description = "Partners' versioned tariffs")
public class AdminTariffResource {

    private final Tariffs tariffs;

    AdminTariffResource(Tariffs tariffs) {
        this.tariffs = tariffs;
    }

    /** A tariff version as shown: prices keyed by meter kind, numbers as decimal strings. */
    public record TariffView(UUID partnerId, int version, Instant effectiveFrom, String currency,
            String revenueSharePercent, Map<String, List<Map<String, String>>> prices, String note, Instant createdAt,
            List<String> reratedPeriods) {

        static TariffView of(Tariffs.Stored s) {
            Map<String, List<Map<String, String>>> prices = new LinkedHashMap<>();
            for (Map.Entry<Meter, GraduatedPrice> e : s.tariff().prices().entrySet()) {
                prices.put(e.getKey().kind(), e.getValue().tiers().stream().map(AdminTariffResource::tier).toList());
            }
            return new TariffView(s.tariff().partnerId(), s.tariff().version(), s.tariff().effectiveFrom(),
                    s.tariff().currency().code(), StatementView.decimal(s.tariff().revenueSharePercent()), prices,
                    s.note(), s.createdAt(), s.reratedPeriods());
        }
    }

    private static Map<String, String> tier(Tier t) {
        Map<String, String> m = new LinkedHashMap<>();
        t.upTo().map(BigDecimal::toPlainString).ifPresent(u -> m.put("upTo", u));
        m.put("unitPrice", t.unitPrice().toPlainString());
        return m;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a tariff version", description = "Numbered after the last one; it may not take effect"
            + " before the last one. The periods it touches are rerated (deltas only); reratedPeriods lists them.")
    public Uni<Response> add(@PathParam("id") UUID partner, TariffRequest request) {
        NewTariff t = TariffRequests.validate(request);
        return tariffs.add(partner, t).map(s -> Response.status(201).entity(TariffView.of(s)).build());
    }

    @GET
    @Operation(summary = "A partner's tariff versions, oldest first")
    public Uni<List<TariffView>> list(@PathParam("id") UUID partner) {
        return tariffs.list(partner).map(all -> all.stream().map(TariffView::of).toList());
    }
}

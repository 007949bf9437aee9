package io.peyk.gateway.finance;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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

import io.peyk.gateway.api.ProblemException;
import io.peyk.gateway.api.Problems;
import io.smallrye.mutiny.Uni;

/** The operator issues and revokes finance keys, {@code /admin/v1/finance-keys} (admin token). */
@Path("/admin/v1/finance-keys")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = io.peyk.gateway.admin.AdminPartnerResource.ADMIN_SCHEME)
@Tag(name = "Admin: finance keys", description = "Keys of the finance role")
public class AdminFinanceKeyResource {

    private final FinanceKeys keys;

    AdminFinanceKeyResource(FinanceKeys keys) {
        this.keys = keys;
    }

    /** The body of a new key: who holds it (shown as who closed a period). */
    public record NewKey(String name) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Issue a finance key", description = "The key is shown only in this answer.")
    public Uni<Response> issue(NewKey body) {
        String name = body == null || body.name() == null ? "" : body.name().trim();
        if (name.isEmpty() || name.length() > 100 || name.chars().anyMatch(Character::isISOControl)) {
            throw Problems.invalidField("name", "name is 1..100 characters on one line (who holds the key).");
        }
        return keys.issue(name).map(issued -> Response.status(201).entity(issued.orElseThrow(() -> ProblemException
                .of(409, "too-many-finance-keys", "Too many finance keys", "Revoke a finance key before issuing"
                        + " another (at most " + FinanceKeys.MAX_KEYS + " live keys).")))
                .build());
    }

    @GET
    public Uni<List<FinanceKeys.Info>> list() {
        return keys.list();
    }

    @DELETE
    @Path("/{id}")
    public Uni<Response> revoke(@PathParam("id") String id) {
        UUID key = FinanceResource.uuid(id, "id");
        return keys.revoke(key).map(found -> {
            if (!found) {
                throw Problems.notFound("No finance key " + key + ".");
            }
            return Response.noContent().build();
        });
    }
}

package io.peyk.gateway.audit;

import java.util.Optional;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.peyk.gateway.admin.AdminPartnerResource;
import io.peyk.gateway.api.Problems;
import io.smallrye.mutiny.Uni;

/** The operator reads the audit log, newest first: {@code GET /admin/v1/audit?actor=&before=&limit=}. */
@Path("/admin/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = AdminPartnerResource.ADMIN_SCHEME)
@Tag(name = "Admin: audit", description = "Who did what, when and from where, in the admin and finance APIs")
public class AuditResource {

    private final AuditLog log;

    AuditResource(AuditLog log) {
        this.log = log;
    }

    @GET
    @Operation(summary = "Audit entries, newest first (?actor=admin|finance:<name>|unauthenticated&before=<id>&limit=)")
    public Uni<AuditLog.Page> page(@QueryParam("actor") String actor, @QueryParam("before") String before,
            @QueryParam("limit") String limit) {
        if (actor != null && actor.length() > 200) {
            throw Problems.invalidField("actor", "actor is at most 200 characters.");
        }
        Optional<Long> b;
        try {
            b = Optional.ofNullable(before).map(Long::parseLong);
        } catch (NumberFormatException e) {
            throw Problems.invalidField("before", "before is the 'next' of the previous page.");
        }
        return log.page(Optional.ofNullable(actor), b, Problems.intParam("limit", limit, 100, 1, 1000));
    }
}

package io.peyk.gateway.device;

import java.time.Duration;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.peyk.gateway.admin.AdminPartnerResource;
import io.peyk.gateway.api.ProblemException;
import io.peyk.gateway.message.MessageIds;
import io.peyk.gateway.message.MessagesConfig;
import io.peyk.gateway.message.PhoneNumbers;
import io.peyk.gateway.partner.CurrentPartner;
import io.peyk.gateway.partner.Partner;
import io.smallrye.mutiny.Uni;

/** Device tokens for the app channel: a partner back end gets one per user number, and can revoke it. */
@Path("/v1/devices/tokens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Devices")
@SecurityRequirement(name = AdminPartnerResource.PARTNER_SCHEME)
public class DeviceTokenResource {

    private final CurrentPartner current;
    private final DeviceTokens tokens;
    private final DevicesConfig config;
    private final MessagesConfig messages;

    DeviceTokenResource(CurrentPartner current, DeviceTokens tokens, DevicesConfig config, MessagesConfig messages) {
        this.current = current;
        this.tokens = tokens;
        this.config = config;
        this.messages = messages;
    }

    @POST
    @Operation(summary = "Issue a device token", description = "A signed, expiring token bound to this partner and one"
            + " subscriber number, for the partner's app to connect to the app channel. Shown once.")
    @APIResponse(responseCode = "201", description = "The token")
    @APIResponse(responseCode = "422", description = "Invalid number or time to live")
    @APIResponse(responseCode = "503", description = "Device tokens are not configured on this gateway")
    public Uni<Response> issue(TokenRequest request) {
        Partner partner = current.get();
        if (request == null || request.msisdn() == null || request.msisdn().isBlank()) {
            throw ProblemException.invalidField(422, "msisdn", "msisdn is required");
        }
        String msisdn = PhoneNumbers.toE164(request.msisdn(), messages.defaultRegion()).orElseThrow(() -> ProblemException
                .invalidField(422, "msisdn", "not a valid phone number; use E.164, e.g. +989121234567"));
        Duration ttl = request.ttlSeconds() == null ? config.defaultTokenTtl() : Duration.ofSeconds(request.ttlSeconds());
        if (ttl.compareTo(config.minTokenTtl()) < 0 || ttl.compareTo(config.maxTokenTtl()) > 0) {
            throw ProblemException.invalidField(422, "ttlSeconds", "ttlSeconds must be in " + config.minTokenTtl().toSeconds()
                    + ".." + config.maxTokenTtl().toSeconds());
        }
        return tokens.issue(partner, msisdn, ttl).map(issued -> Response.status(201).entity(issued).build());
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke a device token", description = "It stops working at once.")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "404", description = "No such token for this partner")
    public Uni<Response> revoke(@PathParam("id") String id) {
        Partner partner = current.get();
        ProblemException notFound = ProblemException.of(404, "device-token-not-found", "Device token not found",
                "no device token with this id for this partner");
        return MessageIds.parse(id).map(uuid -> tokens.revoke(partner, uuid).map(found -> {
            if (!found) {
                throw notFound;
            }
            return Response.noContent().build();
        })).orElseGet(() -> Uni.createFrom().failure(notFound));
    }
}

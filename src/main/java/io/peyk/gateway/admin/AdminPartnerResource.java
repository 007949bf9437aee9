package io.peyk.gateway.admin;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.peyk.gateway.api.Problem;
import io.peyk.gateway.api.ProblemException;
import io.peyk.gateway.api.Problems;
import io.peyk.gateway.message.ChannelPlans;
import io.peyk.gateway.message.MessagesConfig;
import io.peyk.gateway.partner.DefaultChannels;
import io.peyk.gateway.partner.NewPartner;
import io.peyk.gateway.partner.PartnerRepository;
import io.peyk.gateway.partner.PartnerStatus;
import io.peyk.gateway.webhook.WebhookTargets;
import io.smallrye.mutiny.Uni;

/**
 * The operator's partner administration, {@code /admin/v1/partners}: create, list, read, suspend and resume partners,
 * and issue, list and revoke their API keys. Secrets (API keys, the webhook secret) are returned only when created.
 * Authenticated by {@link AdminAuthFilter}.
 */
@Path("/admin/v1/partners")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin: partners", description = "Operator administration of partners and their API keys")
@SecuritySchemes({
        @SecurityScheme(securitySchemeName = AdminPartnerResource.ADMIN_SCHEME, type = SecuritySchemeType.HTTP, scheme = "bearer", description = "The operator admin token (peyk.admin.token)"),
        @SecurityScheme(securitySchemeName = AdminPartnerResource.PARTNER_SCHEME, type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "peyk_live_<43 base64url characters>", description = "A partner API key, for /v1")})
@SecurityRequirement(name = AdminPartnerResource.ADMIN_SCHEME)
@APIResponse(responseCode = "401", description = "Missing or wrong admin token", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "503", description = "Admin API disabled (no admin token configured)", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class AdminPartnerResource {

    /** OpenAPI security scheme of the admin API. */
    public static final String ADMIN_SCHEME = "adminToken";
    /** OpenAPI security scheme of the partner API ({@code /v1}); partner resources refer to it by this name. */
    public static final String PARTNER_SCHEME = "partnerApiKey";

    private static final int DEFAULT_PAGE = 100;
    private static final int MAX_OFFSET = 1_000_000;

    private final PartnerRepository partners;
    private final MessagesConfig messages;
    private final WebhookTargets targets;

    AdminPartnerResource(PartnerRepository partners, MessagesConfig messages, WebhookTargets targets) {
        this.partners = partners;
        this.messages = messages;
        this.targets = targets;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a partner", description = "Returns the partner with its first API key and its webhook"
            + " signing secret; both are shown only in this answer.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = CreatedPartnerView.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, wrong type or unknown field", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "A partner with this name exists", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "A field breaks a rule (the problem's field names it)", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(CreatePartnerRequest request) {
        NewPartner partner = PartnerRequests.validate(request);
        partner.webhookUrl().flatMap(targets::refuseAtRegistration).ifPresent(reason -> {
            throw Problems.invalidField("webhookUrl", "webhookUrl points inside the operator's network (" + reason
                    + "); the operator can allow it with peyk.webhooks.targets.*.");
        });
        return partners.create(partner)
                .map(created -> Response.status(201).entity(CreatedPartnerView.of(created))
                        .header("Location", "/admin/v1/partners/" + created.partner().partner().id()).build())
                .onFailure(PartnerRepository.NameTakenException.class)
                .transform(e -> ProblemException.of(409, "partner-name-taken", "Partner name taken",
                        "A partner with this name exists."));
    }

    @GET
    @Operation(summary = "List partners", description = "By name; at most 1000 per page.")
    @APIResponse(responseCode = "200", description = "The partners", content = @Content(schema = @Schema(implementation = PartnerView.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "422", description = "limit or offset out of range", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<List<PartnerView>> list(
            @QueryParam("limit") @Schema(description = "1 to 1000", defaultValue = "100") String limit,
            @QueryParam("offset") @Schema(description = "0 to 1000000", defaultValue = "0") String offset) {
        int pageSize = Problems.intParam("limit", limit, DEFAULT_PAGE, 1, PartnerRepository.MAX_PAGE);
        int skip = Problems.intParam("offset", offset, 0, 0, MAX_OFFSET);
        return partners.list(pageSize, skip).map(list -> list.stream().map(PartnerView::of).toList());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read a partner")
    @APIResponse(responseCode = "200", description = "The partner", content = @Content(schema = @Schema(implementation = PartnerView.class)))
    @APIResponse(responseCode = "404", description = "No such partner", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<PartnerView> get(@PathParam("id") UUID id) {
        return partners.find(id).map(found -> PartnerView.of(found.orElseThrow(AdminPartnerResource::noPartner)));
    }

    @PUT
    @Path("/{id}/default-channels")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the default channel plan", description = "The hops used for the partner's messages sent"
            + " without a channels plan: [ott, sms], [ott] or [sms]; the OTT hop's successStatus and"
            + " fallbackAfterSeconds. Messages then carry their payload (or text) and text.")
    @APIResponse(responseCode = "200", description = "The partner", content = @Content(schema = @Schema(implementation = PartnerView.class)))
    @APIResponse(responseCode = "404", description = "No such partner", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "A hop breaks a rule (the problem's field names it)", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<PartnerView> setDefaultChannels(@PathParam("id") UUID id, DefaultChannelsRequest request) {
        if (request == null) {
            throw ProblemException.of(400, "missing-body", "Missing body", "Send {\"channels\": [...]}.");
        }
        DefaultChannels plan = ChannelPlans.template(request.channels(), messages);
        return partners.setDefaultChannels(id, plan)
                .map(found -> PartnerView.of(found.orElseThrow(AdminPartnerResource::noPartner)));
    }

    @POST
    @Path("/{id}/suspend")
    @Operation(summary = "Suspend a partner", description = "Its keys are refused (403) until it is resumed.")
    @APIResponse(responseCode = "200", description = "The suspended partner", content = @Content(schema = @Schema(implementation = PartnerView.class)))
    @APIResponse(responseCode = "404", description = "No such partner", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<PartnerView> suspend(@PathParam("id") UUID id) {
        return setStatus(id, PartnerStatus.SUSPENDED);
    }

    @POST
    @Path("/{id}/resume")
    @Operation(summary = "Resume a suspended partner")
    @APIResponse(responseCode = "200", description = "The active partner", content = @Content(schema = @Schema(implementation = PartnerView.class)))
    @APIResponse(responseCode = "404", description = "No such partner", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<PartnerView> resume(@PathParam("id") UUID id) {
        return setStatus(id, PartnerStatus.ACTIVE);
    }

    @POST
    @Path("/{id}/api-keys")
    @Operation(summary = "Issue an API key", description = "The key is shown only in this answer.")
    @APIResponse(responseCode = "201", description = "The new key", content = @Content(schema = @Schema(implementation = IssuedApiKeyView.class)))
    @APIResponse(responseCode = "404", description = "No such partner", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The partner has the most keys allowed (100, revoked included)", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> issueKey(@PathParam("id") UUID id) {
        return partners.issueKey(id)
                .map(issued -> Response.status(201)
                        .entity(IssuedApiKeyView.of(issued.orElseThrow(AdminPartnerResource::noPartner))).build())
                .onFailure(PartnerRepository.TooManyKeysException.class)
                .transform(e -> ProblemException.of(409, "too-many-keys", "Too many keys",
                        "The partner has " + PartnerRepository.MAX_KEYS_PER_PARTNER + " keys already."));
    }

    @GET
    @Path("/{id}/api-keys")
    @Operation(summary = "List a partner's API keys", description = "Newest first; never the keys themselves.")
    @APIResponse(responseCode = "200", description = "The keys", content = @Content(schema = @Schema(implementation = ApiKeyView.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "404", description = "No such partner", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<List<ApiKeyView>> keys(@PathParam("id") UUID id) {
        return partners.keys(id).map(found -> found.orElseThrow(AdminPartnerResource::noPartner).stream()
                .map(ApiKeyView::of).toList());
    }

    @DELETE
    @Path("/{id}/api-keys/{keyId}")
    @Operation(summary = "Revoke an API key", description = "It is refused from the next request on. Idempotent.")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "404", description = "No such key for this partner", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> revokeKey(@PathParam("id") UUID id, @PathParam("keyId") UUID keyId) {
        return partners.revokeKey(id, keyId).map(revoked -> {
            if (!revoked) {
                throw Problems.notFound("This partner has no such API key.");
            }
            return Response.noContent().build();
        });
    }

    @POST
    @Path("/{id}/api-keys/{keyId}/revoke")
    @Operation(summary = "Revoke an API key (same as DELETE)")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "404", description = "No such key for this partner", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> revokeKeyByPost(@PathParam("id") UUID id, @PathParam("keyId") UUID keyId) {
        return revokeKey(id, keyId);
    }

    private Uni<PartnerView> setStatus(UUID id, PartnerStatus status) {
        return partners.setStatus(id, status).map(found -> PartnerView.of(found.orElseThrow(AdminPartnerResource::noPartner)));
    }

    private static ProblemException noPartner() {
        return Problems.notFound("No partner has this id.");
    }

}

package io.peyk.gateway.inbound;

import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.peyk.gateway.admin.AdminPartnerResource;
import io.peyk.gateway.api.Problem;
import io.peyk.gateway.api.ProblemException;
import io.peyk.gateway.api.Problems;
import io.peyk.gateway.partner.SenderIds;
import io.smallrye.mutiny.Uni;

/**
 * The operator's keyword rules for inbound SMS, {@code /admin/v1/inbound-keywords}: add, list and delete. Keywords are
 * stored and matched normalised ({@link Keywords}), so {@code SNAPP} and {@code snapp}, or Arabic and Persian spellings,
 * are one rule. Authenticated by the admin filter ({@code /admin}).
 */
@Path("/admin/v1/inbound-keywords")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin: inbound keywords", description = "Keyword rules sharing a short code between partners for inbound SMS")
@SecurityRequirement(name = AdminPartnerResource.ADMIN_SCHEME)
@APIResponse(responseCode = "401", description = "Missing or wrong admin token", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "503", description = "Admin API disabled (no admin token configured)", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class InboundKeywordResource {

    static final String PATH = "/admin/v1/inbound-keywords";
    private static final int DEFAULT_PAGE = 100;
    private static final int MAX_OFFSET = 1_000_000;

    private final InboundKeywordRepository rules;

    InboundKeywordResource(InboundKeywordRepository rules) {
        this.rules = rules;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a keyword rule", description = "MO to senderId whose first word is the keyword goes to the"
            + " partner, before the owner of senderId. Adding a rule the partner holds already answers 200 with it.")
    @APIResponse(responseCode = "201", description = "Added", content = @Content(schema = @Schema(implementation = KeywordRule.class)))
    @APIResponse(responseCode = "200", description = "The partner held this rule already", content = @Content(schema = @Schema(implementation = KeywordRule.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, wrong type or unknown field", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Another partner holds this keyword on this sender id, or the partner"
            + " holds the most rules allowed (1000)", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "A field breaks a rule or the partner does not exist (the problem's"
            + " field names it)", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> add(KeywordRuleRequest request) {
        if (request == null) {
            throw ProblemException.of(400, "missing-body", "Missing body", "Send the keyword rule as a JSON object.");
        }
        String senderId = senderId(request.senderId());
        String keyword = keyword(request.keyword());
        if (request.partnerId() == null) {
            throw Problems.invalidField("partnerId", "partnerId is required.");
        }
        return rules.add(senderId, keyword, request.partnerId()).map(added -> {
            if (!added.created()) {
                return Response.ok(added.rule()).build();
            }
            return Response.status(201).entity(added.rule())
                    .location(UriBuilder.fromPath(PATH).path("{senderId}/{keyword}").build(senderId, keyword)).build();
        }).onFailure(InboundKeywordRepository.UnknownPartnerException.class)
                .transform(e -> Problems.invalidField("partnerId", "No partner has this id."))
                .onFailure(InboundKeywordRepository.KeywordTakenException.class)
                .transform(e -> ProblemException.of(409, "keyword-taken", "Keyword taken",
                        "Partner " + ((InboundKeywordRepository.KeywordTakenException) e).holder()
                                + " holds this keyword on this sender id; delete that rule first."))
                .onFailure(InboundKeywordRepository.TooManyRulesException.class)
                .transform(e -> ProblemException.of(409, "too-many-keywords", "Too many keywords", "The partner holds "
                        + InboundKeywordRepository.MAX_RULES_PER_PARTNER + " keyword rules already."));
    }

    @GET
    @Operation(summary = "List keyword rules", description = "By sender id and keyword; at most 1000 per page.")
    @APIResponse(responseCode = "200", description = "The rules", content = @Content(schema = @Schema(implementation = KeywordRule.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "422", description = "senderId, limit or offset invalid", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<List<KeywordRule>> list(
            @QueryParam("senderId") @Schema(description = "Only this sender id's rules") String senderId,
            @QueryParam("limit") @Schema(description = "1 to 1000", defaultValue = "100") String limit,
            @QueryParam("offset") @Schema(description = "0 to 1000000", defaultValue = "0") String offset) {
        Optional<String> only = senderId == null ? Optional.empty() : Optional.of(senderId(senderId));
        return rules.list(only, Problems.intParam("limit", limit, DEFAULT_PAGE, 1, InboundKeywordRepository.MAX_PAGE),
                Problems.intParam("offset", offset, 0, 0, MAX_OFFSET));
    }

    @DELETE
    @Path("/{senderId}/{keyword}")
    @Operation(summary = "Delete a keyword rule", description = "The keyword may be given in any spelling that normalises"
            + " to the rule's. MO with it goes to the sender id's owner from the next MO on.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such rule", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> delete(@PathParam("senderId") String senderId, @PathParam("keyword") String keyword) {
        Optional<String> normalised = Keywords.parse(keyword);
        if (!isMoDestination(senderId) || normalised.isEmpty()) {
            throw noRule();
        }
        return rules.remove(senderId, normalised.get()).map(removed -> {
            if (!removed) {
                throw noRule();
            }
            return Response.noContent().build();
        });
    }

    static String senderId(String senderId) {
        if (senderId == null) {
            throw Problems.invalidField("senderId", "senderId is required.");
        }
        if (!isMoDestination(senderId)) {
            throw Problems.invalidField("senderId", "senderId must be a short code (3 to 8 digits) or an E.164 number"
                    + " (+ and 8 to 15 digits): a destination MO arrives at.");
        }
        return senderId;
    }

    static String keyword(String keyword) {
        if (keyword == null) {
            throw Problems.invalidField("keyword", "keyword is required.");
        }
        return Keywords.parse(keyword).orElseThrow(() -> Problems.invalidField("keyword", "keyword must be one word of 1"
                + " to " + Keywords.MAX_LENGTH + " letters, digits, marks or - _ . once normalised, with a letter or"
                + " digit."));
    }

    private static boolean isMoDestination(String senderId) {
        SenderIds.Kind kind = SenderIds.kindOf(senderId);
        return kind == SenderIds.Kind.SHORT_CODE || kind == SenderIds.Kind.E164;
    }

    private static ProblemException noRule() {
        return Problems.notFound("No keyword rule for this sender id and keyword.");
    }
}

package io.peyk.gateway.metering;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.peyk.gateway.admin.AdminPartnerResource;
import io.peyk.gateway.api.Problem;
import io.peyk.gateway.api.ProblemException;
import io.peyk.gateway.api.Problems;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

/**
 * {@code POST /admin/v1/usage-records}: the operator uploads packet-core data records as a CSV file, for packet cores
 * without Kafka (docs/metering.md). The answer counts the lines stored, duplicate and rejected, with each rejected line's
 * error. Authenticated by the admin filter ({@code /admin}).
 */
@Path("/admin/v1/usage-records")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin: metering", description = "Operator uploads of packet-core data-usage records")
@SecurityRequirement(name = AdminPartnerResource.ADMIN_SCHEME)
@APIResponse(responseCode = "401", description = "Missing or wrong admin token", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "503", description = "Admin API disabled, or the records could not be stored (upload again)", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class UsageRecordUploadResource {

    static final String TEXT_CSV = "text/csv";

    private final UsageRecordUploads uploads;

    UsageRecordUploadResource(UsageRecordUploads uploads) {
        this.uploads = uploads;
    }

    @POST
    @Consumes(TEXT_CSV)
    @Blocking
    @Operation(summary = "Upload data-usage records as CSV", description = "RFC 4180 CSV in UTF-8: a header row naming"
            + " the columns recordId, number, ratingGroup and/or apn, bytesUp, bytesDown, start, end (any order), then one"
            + " record per line. Valid lines are metered even when others are rejected; records already metered (from"
            + " Kafka or an earlier upload) count as duplicates.")
    @RequestBody(required = true, content = @Content(mediaType = TEXT_CSV, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "200", description = "The file was read: counts and line errors", content = @Content(schema = @Schema(implementation = UsageUploadReport.class)))
    @APIResponse(responseCode = "400", description = "The body is not UTF-8", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "The body is too large or has too many lines", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Not text/csv in UTF-8", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Empty body, or a header row with an unknown, duplicate or missing column (the problem's field names it); nothing is stored", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<UsageUploadReport> upload(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        requireCsv(contentType);
        return uploads.upload(body == null ? new byte[0] : body);
    }

    /** Any other body type (or none): a 415 problem that says what to send. */
    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(hidden = true)
    public Uni<UsageUploadReport> notCsv() {
        throw unsupported();
    }

    /** {@code text/csv}, in UTF-8 when a charset is named; else a 415 problem. */
    private static void requireCsv(String contentType) {
        MediaType type;
        try {
            type = contentType == null ? null : MediaType.valueOf(contentType);
        } catch (IllegalArgumentException e) {
            throw unsupported();
        }
        if (type == null || !type.getType().equalsIgnoreCase("text") || !type.getSubtype().equalsIgnoreCase("csv")) {
            throw unsupported();
        }
        String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !charset.equalsIgnoreCase("utf-8")) {
            throw unsupported();
        }
    }

    private static ProblemException unsupported() {
        return ProblemException.of(415, "unsupported-media-type", "Unsupported media type",
                "Send the records as Content-Type: text/csv (UTF-8).");
    }
}

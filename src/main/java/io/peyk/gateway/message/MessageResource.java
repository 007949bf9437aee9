package io.peyk.gateway.message;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.peyk.gateway.admin.AdminPartnerResource;
import io.peyk.gateway.api.ProblemException;
import io.peyk.gateway.api.Problems;
import io.peyk.gateway.partner.CurrentPartner;
import io.peyk.gateway.partner.Partner;
import io.peyk.gateway.partner.PartnerRateLimiter;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** The partner messaging API: send, send many, and look a message up. */
@Path("/v1/messages")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Messages")
@SecurityRequirement(name = AdminPartnerResource.PARTNER_SCHEME)
public class MessageResource {

    private static final int BATCH_CONCURRENCY = 8;
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9_.:\\-]{1,128}");

    private final CurrentPartner current;
    private final PartnerRateLimiter rateLimiter;
    private final MessageValidator validator;
    private final MessageService service;
    private final MessageQueries queries;
    private final MessagesConfig config;

    MessageResource(CurrentPartner current, PartnerRateLimiter rateLimiter, MessageValidator validator,
            MessageService service, MessageQueries queries, MessagesConfig config) {
        this.current = current;
        this.rateLimiter = rateLimiter;
        this.validator = validator;
        this.service = service;
        this.queries = queries;
        this.config = config;
    }

    @POST
    @Operation(summary = "Send a message", description = "Validates, persists durably, then answers 202; delivery status"
            + " follows by webhook and GET. A repeated Idempotency-Key with the same body returns the first answer.")
    @APIResponse(responseCode = "202", description = "Accepted and durable", content = @Content(schema = @Schema(implementation = MessageAccepted.class)))
    @APIResponse(responseCode = "400", description = "Malformed request: the problem names the field")
    @APIResponse(responseCode = "401", description = "Missing, unknown or revoked API key")
    @APIResponse(responseCode = "422", description = "A rule refused a field (missing, empty, unknown sender, invalid number,"
            + " too many parts) or the Idempotency-Key was reused with another body")
    @APIResponse(responseCode = "429", description = "Rate limit: retry after the Retry-After seconds")
    public Uni<Response> send(SendMessageRequest request,
            @Parameter(description = "Client-chosen key (1..128 of A-Z a-z 0-9 _ . : -) that makes retries safe") @HeaderParam("Idempotency-Key") String idempotencyKey) {
        Partner partner = current.get();
        Optional<String> key = Optional.ofNullable(idempotencyKey);
        if (key.isPresent() && !IDEMPOTENCY_KEY.matcher(key.get()).matches()) {
            throw new ProblemException(400, "invalid-idempotency-key", "Invalid Idempotency-Key",
                    "Idempotency-Key must be 1..128 characters of A-Z a-z 0-9 _ . : -", Optional.of("Idempotency-Key"),
                    Map.of());
        }
        ValidMessage message = validator.validate(partner, request, "");
        limit(partner, 1);
        return service.accept(partner, message, key).map(accepted -> Response.accepted(accepted).build());
    }

    @POST
    @Path("/batch")
    @Operation(summary = "Send up to 1,000 messages", description = "Each message is validated and accepted on its own;"
            + " results come back in request order.")
    @APIResponse(responseCode = "200", description = "One result per message", content = @Content(schema = @Schema(implementation = BatchResult.class)))
    @APIResponse(responseCode = "400", description = "Malformed batch: the problem names the field")
    @APIResponse(responseCode = "422", description = "No messages, or more than the batch limit")
    @APIResponse(responseCode = "429", description = "Rate limit for the batch's valid messages")
    public Uni<BatchResult> sendBatch(BatchRequest batch) {
        Partner partner = current.get();
        if (batch == null || batch.messages() == null || batch.messages().isEmpty()) {
            throw ProblemException.invalidField(422, "messages", "messages must hold at least one message");
        }
        if (batch.messages().size() > config.maxBatchSize()) {
            throw ProblemException.invalidField(422, "messages",
                    "a batch holds at most " + config.maxBatchSize() + " messages");
        }
        List<Object> checked = new ArrayList<>();
        int valid = 0;
        for (int i = 0; i < batch.messages().size(); i++) {
            try {
                checked.add(validator.validate(partner, batch.messages().get(i), "messages[" + i + "]."));
                valid++;
            } catch (ProblemException e) {
                checked.add(e);
            }
        }
        if (valid > 0) {
            limit(partner, valid);
        }
        List<Uni<BatchResult.Item>> items = new ArrayList<>();
        for (int i = 0; i < checked.size(); i++) {
            int index = i;
            Object c = checked.get(i);
            if (c instanceof ValidMessage m) {
                items.add(Uni.createFrom().deferred(() -> service.accept(partner, m, Optional.empty()))
                        .map(a -> new BatchResult.Item(index, 202, a, null))
                        .onFailure(ProblemException.class)
                        .recoverWithItem(e -> item(index, (ProblemException) e)));
            } else {
                items.add(Uni.createFrom().item(item(index, (ProblemException) c)));
            }
        }
        // Each message is its own transaction (one refusal never undoes another's acceptance), a few at a time.
        return Multi.createFrom().iterable(items).onItem().transformToUni(u -> u).merge(BATCH_CONCURRENCY).collect()
                .asList().map(unordered -> {
                    List<BatchResult.Item> results = new ArrayList<>(unordered);
                    results.sort(java.util.Comparator.comparingInt(BatchResult.Item::index));
                    int accepted = (int) results.stream().filter(r -> r.status() == 202).count();
                    return new BatchResult(accepted, results.size() - accepted, results);
                });
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Look a message up", description = "Status, parts with their SMSC ids and states, every transition"
            + " with its time, and the last error. Another partner's message is not found.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = MessageView.class)))
    @APIResponse(responseCode = "404", description = "No such message for this partner")
    public Uni<MessageView> get(@PathParam("id") String id) {
        Partner partner = current.get();
        ProblemException notFound = ProblemException.of(404, "message-not-found", "Message not found",
                "no message with this id for this partner");
        return MessageIds.parse(id).map(uuid -> queries.find(partner.id(), uuid)
                .map(found -> found.orElseThrow(() -> notFound))).orElseGet(() -> Uni.createFrom().failure(notFound));
    }

    private void limit(Partner partner, int permits) {
        Optional<Duration> wait = rateLimiter.tryAcquire(partner, permits);
        if (wait.isPresent()) {
            throw Problems.tooManyRequests(wait.get());
        }
    }

    private static BatchResult.Item item(int index, ProblemException e) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "https://peyk.io/problems/" + e.type());
        problem.put("title", e.title());
        problem.put("status", e.status());
        problem.put("detail", e.detail());
        e.field().ifPresent(f -> problem.put("field", f));
        return new BatchResult.Item(index, e.status(), null, problem);
    }
}

package io.peyk.gateway.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.peyk.gateway.api.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Operator view of webhook deliveries under {@code /admin/v1/webhooks} (guarded by the admin token filter on
 * {@code /admin/*}): the parked ones, and requeuing one, which gives it a fresh retry window.
 */
@Path("/admin/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin: webhooks")
public class WebhookAdminResource {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private static final String COLUMNS = "id, event_id, partner_id, message_id, url, status, attempts, last_status_code,"
            + " last_error, created_at, next_attempt_at, delivered_at, parked_at";

    private final Pool pool;
    private final WebhookDispatcher dispatcher;

    WebhookAdminResource(Pool pool, WebhookDispatcher dispatcher) {
        this.pool = pool;
        this.dispatcher = dispatcher;
    }

    @GET
    @Path("/parked")
    @Operation(summary = "Parked webhook deliveries, oldest first", description = "Deliveries that failed for their whole retry window. Page with afterId (the last id seen).")
    public Uni<List<WebhookDeliveryView>> parked(@RestQuery UUID partnerId, @RestQuery Long afterId,
            @RestQuery Integer limit) {
        int n = limit == null ? DEFAULT_LIMIT : limit;
        if (n < 1 || n > MAX_LIMIT) {
            throw ProblemException.invalidField(400, "limit", "limit must be 1.." + MAX_LIMIT);
        }
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM webhook_delivery WHERE status = 'PARKED'"
                + " AND ($1::uuid IS NULL OR partner_id = $1) AND id > $2 ORDER BY id LIMIT $3")
                .execute(Tuple.of(partnerId, afterId == null ? 0L : afterId, n))
                .map(rows -> {
                    List<WebhookDeliveryView> views = new ArrayList<>();
                    rows.forEach(r -> views.add(view(r)));
                    return views;
                });
    }

    @POST
    @Path("/{id}/retry")
    @Operation(summary = "Requeue a parked webhook delivery", description = "It is sent again at once, with a fresh retry window; 404 if unknown, 409 if not parked.")
    public Uni<WebhookDeliveryView> retry(@RestPath long id) {
        return pool.preparedQuery("UPDATE webhook_delivery SET status = 'PENDING', next_attempt_at = now(),"
                + " parked_at = NULL, claimed_until = NULL, requeued_at = now() WHERE id = $1 AND status = 'PARKED'"
                + " RETURNING " + COLUMNS).execute(Tuple.of(id)).flatMap(rows -> {
                    if (rows.size() == 1) {
                        dispatcher.wakeUp();
                        return Uni.createFrom().item(view(rows.iterator().next()));
                    }
                    return pool.preparedQuery("SELECT status FROM webhook_delivery WHERE id = $1").execute(Tuple.of(id))
                            .map(found -> {
                                if (found.size() == 0) {
                                    throw ProblemException.of(404, "webhook-not-found", "Webhook delivery not found",
                                            "No webhook delivery " + id);
                                }
                                throw ProblemException.of(409, "webhook-not-parked", "Webhook delivery not parked",
                                        "Webhook delivery " + id + " is " + found.iterator().next().getString(0));
                            });
                });
    }

    private static WebhookDeliveryView view(Row r) {
        return new WebhookDeliveryView(r.getLong("id"), r.getUUID("event_id"), r.getUUID("partner_id"),
                r.getUUID("message_id"), r.getString("url"), r.getString("status"), r.getInteger("attempts"),
                r.getInteger("last_status_code"), r.getString("last_error"), r.getOffsetDateTime("created_at"),
                r.getOffsetDateTime("next_attempt_at"), r.getOffsetDateTime("delivered_at"),
                r.getOffsetDateTime("parked_at"));
    }
}

package io.peyk.gateway.webhook;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.peyk.gateway.role.Roles;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The webhook backlog of the whole deployment, refreshed every 15 s on gateway instances (each reports the same value:
 * alert on the max): how many webhooks wait to be delivered ({@code peyk_webhooks_backlog}, counted up to
 * {@value #COUNT_CAP}) and how long the most overdue one has been due ({@code peyk_webhooks_overdue_seconds}; a
 * webhook waiting out its retry backoff is not overdue). Both read the partial index of pending webhooks.
 */
@ApplicationScoped
public class WebhookBacklog {

    static final long COUNT_CAP = 1_000_000;
    private static final Logger LOG = Logger.getLogger(WebhookBacklog.class);
    private static final Duration EVERY = Duration.ofSeconds(15);

    private final Pool pool;
    private final Vertx vertx;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong overdueMillis = new AtomicLong();
    private long timer = -1;

    WebhookBacklog(Pool pool, Vertx vertx, MeterRegistry registry) {
        this.pool = pool;
        this.vertx = vertx;
        Gauge.builder("peyk.webhooks.backlog", pending, AtomicLong::get)
                .description("Webhooks waiting to be delivered, all partners (capped at " + COUNT_CAP + ")")
                .register(registry);
        Gauge.builder("peyk.webhooks.overdue.seconds", overdueMillis, m -> m.get() / 1000.0)
                .description("How long the most overdue pending webhook has been due").register(registry);
    }

    void onStart(@Observes StartupEvent event, Roles roles) {
        if (roles.gateway()) {
            refresh();
            timer = vertx.setPeriodic(EVERY.toMillis(), id -> refresh());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Counts now; the 15 s timer calls it, and a test may too. */
    public void refresh() {
        pool.preparedQuery("""
                SELECT (SELECT count(*) FROM (SELECT 1 FROM webhook_delivery WHERE status = 'PENDING' LIMIT $1) p)
                           AS pending,
                       (SELECT coalesce(floor(extract(epoch FROM now() - min(next_attempt_at)) * 1000), 0)::bigint
                          FROM webhook_delivery WHERE status = 'PENDING' AND next_attempt_at < now()) AS overdue_ms""")
                .execute(Tuple.of(COUNT_CAP)).subscribe().with(rows -> {
                    var r = rows.iterator().next();
                    pending.set(r.getLong("pending"));
                    overdueMillis.set(Math.max(0, r.getLong("overdue_ms")));
                }, e -> LOG.debugf("webhook backlog not refreshed: %s", e.toString()));
    }
}

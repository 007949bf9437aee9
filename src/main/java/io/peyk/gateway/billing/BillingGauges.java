package io.peyk.gateway.billing;

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

/**
 * What an operator alerts on in billing, refreshed every 15 s on billing instances: how many currencies' balances do not
 * sum to zero (anything but 0 means the double-entry invariant broke; the amounts themselves stay in the database, never
 * in a metric's double: docs/operations.md says how to find them) and the rating backlog ((partner, month) pairs due, and
 * those waiting after a failure).
 */
@ApplicationScoped
public class BillingGauges {

    private static final Logger LOG = Logger.getLogger(BillingGauges.class);
    private static final Duration EVERY = Duration.ofSeconds(15);

    private final Pool pool;
    private final Vertx vertx;
    private final AtomicLong unbalancedCurrencies = new AtomicLong();
    private final AtomicLong due = new AtomicLong();
    private final AtomicLong failing = new AtomicLong();
    private long timer = -1;

    BillingGauges(Pool pool, Vertx vertx, MeterRegistry registry) {
        this.pool = pool;
        this.vertx = vertx;
        Gauge.builder("peyk.billing.ledger.unbalanced.currencies", unbalancedCurrencies, AtomicLong::get)
                .description("Currencies whose ledger balances do not sum to zero (must be 0)")
                .register(registry);
        Gauge.builder("peyk.billing.rating.due", due, AtomicLong::get)
                .description("(partner, month) pairs waiting to be rated").register(registry);
        Gauge.builder("peyk.billing.rating.failing", failing, AtomicLong::get)
                .description("(partner, month) pairs whose last rating failed (see rating_due.last_error)")
                .register(registry);
    }

    void onStart(@Observes StartupEvent event, Roles roles) {
        if (roles.billing()) {
            refresh();
            timer = vertx.setPeriodic(EVERY.toMillis(), id -> refresh());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void refresh() {
        pool.query("""
                SELECT (SELECT count(*) FROM (SELECT 1 FROM ledger_account GROUP BY currency
                                               HAVING sum(balance_minor) <> 0) t) AS unbalanced,
                       (SELECT count(*) FROM rating_due) AS due,
                       (SELECT count(*) FROM rating_due WHERE last_error IS NOT NULL) AS failing""").execute()
                .subscribe().with(rows -> {
                    var r = rows.iterator().next();
                    unbalancedCurrencies.set(r.getLong("unbalanced"));
                    due.set(r.getLong("due"));
                    failing.set(r.getLong("failing"));
                }, e -> LOG.debugf("billing gauges not refreshed: %s", e.toString()));
    }
}

package io.peyk.gateway.message;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.peyk.gateway.role.Roles;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.vertx.core.Vertx;

/**
 * Fires fallback timers. The timer is a column of the message ({@code fallback_due_at}), so it survives restarts; every
 * instance looks for due ones every {@code timer-poll-interval} and fires each under a row lock taken with
 * {@code SKIP LOCKED}, so two instances never fire one twice and a dead instance's timers are fired by the others.
 * Lateness (fire time minus due time) is measured as {@code peyk.ott.fallback.lateness}.
 */
@ApplicationScoped
public class FallbackTimers {

    private static final Logger LOG = Logger.getLogger(FallbackTimers.class);

    private final OttHops hops;
    private final Vertx vertx;
    private final MessagesConfig.Ott config;
    private final boolean enabled;
    private final Timer lateness;
    private final Counter fired;
    private final AtomicBoolean busy = new AtomicBoolean();
    private long periodic = -1;

    FallbackTimers(OttHops hops, Vertx vertx, MessagesConfig config, MeterRegistry registry) {
        this.hops = hops;
        this.vertx = vertx;
        this.config = config.ott();
        this.enabled = config.dispatcher().enabled();
        this.lateness = Timer.builder("peyk.ott.fallback.lateness")
                .description("How late fallback timers fire after their due time").publishPercentiles(0.5, 0.99)
                .register(registry);
        this.fired = Counter.builder("peyk.ott.fallback.fired").description("Fallback timers fired on this instance")
                .register(registry);
    }

    void onStart(@Observes StartupEvent event, Roles roles) {
        if (enabled && roles.gateway()) {
            periodic = vertx.setPeriodic(config.timerPollInterval().toMillis(), id -> poll());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (periodic >= 0) {
            vertx.cancelTimer(periodic);
        }
    }

    private void poll() {
        if (!busy.compareAndSet(false, true)) {
            return; // The previous look is still firing: it catches up first.
        }
        hops.dueTimers(config.timerBatchSize()).onItem().transformToMulti(due -> Multi.createFrom().iterable(due))
                .onItem().transformToUni(timer -> hops.fire(timer.messageId()).invoke(firedHere -> {
                    if (firedHere) {
                        fired.increment();
                        lateness.record(Duration.between(timer.dueAt(), Instant.now()));
                    }
                }).onFailure().recoverWithItem(e -> {
                    LOG.warnf("fallback timer of message %s not fired (%s); retried at the next look",
                            timer.messageId(), e.toString());
                    return false;
                })).merge(config.timerConcurrency()).collect().asList()
                .subscribe().with(this::done, e -> {
                    LOG.warn("looking for due fallback timers failed; retried at the next look", e);
                    busy.set(false);
                });
    }

    private void done(List<Boolean> results) {
        busy.set(false);
        if (results.size() >= config.timerBatchSize()) {
            vertx.runOnContext(v -> poll()); // More are due: do not wait for the next tick.
        }
    }
}

package io.peyk.gateway.webhook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.peyk.gateway.crypto.InboundWebhookText;
import io.peyk.gateway.crypto.TextCipherException;
import io.peyk.gateway.crypto.TextCiphers;
import io.peyk.gateway.role.Roles;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Delivers webhooks ({@code webhook_delivery} rows, written in the same transaction as the transition they report) to
 * partners' endpoints: {@code POST <url>} with the exact {@code payload::text} bytes, {@code Content-Type:
 * application/json}, {@code Peyk-Signature} ({@link WebhookSignature}) and {@code Peyk-Event-Id}.
 *
 * <p>
 * <b>Claims.</b> Every {@code poll-interval} (and again at once after a claim found work or a request finished) due
 * {@code PENDING} rows are claimed with {@code FOR UPDATE SKIP LOCKED}, setting {@code claimed_until = now() + lease}:
 * several instances share the table, and a crashed instance's claims are taken again when their lease runs out. The
 * claim takes per partner at most that partner's free in-flight slots, and overall at most the free global slots, so
 * a partner whose endpoint hangs holds at most {@code max-in-flight-per-partner} requests and never delays any other.
 *
 * <p>
 * <b>Sending.</b> Non-blocking (Vert.x HTTP client on the event loop), with connect, idle and whole-exchange timeouts.
 * 2xx is {@code DELIVERED}; anything else (other status, error, timeout) is retried with {@link Backoff}, the last
 * attempt falling at the end of the retry window ({@code max-age} after creation or an operator's requeue), after which
 * the delivery is {@code PARKED}. Every attempt is recorded in {@code webhook_attempt}. Delivery is at least once (a
 * crash after the partner answered and before the outcome was stored sends again): receivers deduplicate by
 * {@code Peyk-Event-Id}. Payloads and secrets are never logged.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    private static final int MAX_ERROR_LENGTH = 500;
    private static final int MAX_IN_FLIGHT_LIMIT = 10_000;

    private static final String CLAIM = """
            WITH picked AS (
              SELECT d.id
              FROM partner p
              LEFT JOIN unnest($1::uuid[], $2::int[]) AS busy(partner_id, allowance) ON busy.partner_id = p.id
              CROSS JOIN LATERAL (
                SELECT w.id, w.next_attempt_at FROM webhook_delivery w
                WHERE w.partner_id = p.id AND w.status = 'PENDING' AND w.next_attempt_at <= now()
                  AND (w.claimed_until IS NULL OR w.claimed_until < now())
                ORDER BY w.next_attempt_at, w.id
                LIMIT coalesce(busy.allowance, $3)
                FOR UPDATE OF w SKIP LOCKED
              ) d
              WHERE coalesce(busy.allowance, $3) > 0
              ORDER BY d.next_attempt_at, d.id
              LIMIT $4
            )
            UPDATE webhook_delivery w SET claimed_until = now() + $5::bigint * interval '1 millisecond'
            FROM picked, partner p
            WHERE w.id = picked.id AND p.id = w.partner_id
            RETURNING w.id, w.event_id, w.partner_id, w.url, w.payload::text, w.attempts, p.webhook_secret
            """;

    private static final String COMPLETE = """
            WITH attempt AS (
              INSERT INTO webhook_attempt (delivery_id, status_code, error, duration_ms) VALUES ($1, $2, $3, $4)
            ), deadline AS (
              SELECT id, coalesce(requeued_at, created_at) + $7::bigint * interval '1 millisecond' AS at
              FROM webhook_delivery WHERE id = $1
            )
            UPDATE webhook_delivery w SET
              attempts = w.attempts + 1,
              last_status_code = $2,
              last_error = $3,
              claimed_until = NULL,
              status = CASE WHEN $5 THEN 'DELIVERED' WHEN now() >= deadline.at THEN 'PARKED' ELSE 'PENDING' END,
              delivered_at = CASE WHEN $5 THEN now() END,
              parked_at = CASE WHEN NOT $5 AND now() >= deadline.at THEN now() END,
              next_attempt_at = CASE WHEN $5 OR now() >= deadline.at THEN w.next_attempt_at
                                     ELSE least(now() + $6::bigint * interval '1 millisecond', deadline.at) END
            FROM deadline
            WHERE w.id = deadline.id AND w.status = 'PENDING'
            RETURNING w.status
            """;

    private final WebhookConfig config;
    private final Pool pool;
    private final Vertx vertx;
    private final WebhookTargets targets;
    private final TextCiphers ciphers;
    private final Backoff backoff;
    private final AtomicBoolean claiming = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<UUID, Integer> inFlightByPartner = new ConcurrentHashMap<>();
    private final Counter delivered;
    private final Counter failedAttempts;
    private final Counter parked;
    private volatile boolean running;
    private HttpClient client;
    private long timerId = -1;

    @Inject
    WebhookDispatcher(WebhookConfig config, Pool pool, Vertx vertx, MeterRegistry registry, WebhookTargets targets,
            TextCiphers ciphers) {
        this.targets = targets;
        this.ciphers = ciphers;
        if (config.maxInFlight() < 1 || config.maxInFlight() > MAX_IN_FLIGHT_LIMIT) {
            throw new IllegalArgumentException("peyk.webhooks.max-in-flight must be 1.." + MAX_IN_FLIGHT_LIMIT);
        }
        if (config.maxInFlightPerPartner() < 1 || config.maxInFlightPerPartner() > config.maxInFlight()) {
            throw new IllegalArgumentException("peyk.webhooks.max-in-flight-per-partner must be 1..max-in-flight");
        }
        if (config.claimLease().compareTo(config.requestTimeout().plus(config.connectTimeout())) <= 0) {
            throw new IllegalArgumentException("peyk.webhooks.claim-lease must exceed connect-timeout + request-timeout");
        }
        this.config = config;
        this.pool = pool;
        this.vertx = vertx;
        this.backoff = new Backoff(config.initialBackoff(), config.maxBackoff());
        this.delivered = Counter.builder("peyk.webhooks.delivered").description("Webhooks delivered (2xx)")
                .register(registry);
        this.failedAttempts = Counter.builder("peyk.webhooks.attempts.failed")
                .description("Webhook attempts that failed (non-2xx, error or timeout)").register(registry);
        this.parked = Counter.builder("peyk.webhooks.parked").description("Webhooks parked after their retry window")
                .register(registry);
        Gauge.builder("peyk.webhooks.in-flight", inFlight, AtomicInteger::get)
                .description("Webhook requests in flight on this instance").register(registry);
    }

    void onStart(@Observes StartupEvent event, Roles roles) {
        if (!roles.gateway()) {
            return;
        }
        if (!config.enabled()) {
            LOG.info("Webhook dispatcher disabled (peyk.webhooks.enabled=false)");
            return;
        }
        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()))
                .setKeepAlive(true)
                .setKeepAliveTimeout(30)
                .setMaxRedirects(0)
                .setVerifyHost(true);
        // The pool of one endpoint never makes a request wait: the in-flight caps are the only limit.
        PoolOptions pool = new PoolOptions().setHttp1MaxSize(config.maxInFlight())
                .setMaxWaitQueueSize(config.maxInFlight());
        client = vertx.createHttpClient(options, pool);
        running = true;
        timerId = vertx.setPeriodic(config.pollInterval().toMillis(), id -> poll());
    }

    void onStop(@Observes ShutdownEvent event) {
        // In-flight requests are abandoned: their claims run out and they are sent again (at least once).
        running = false;
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
        if (client != null) {
            client.close();
        }
    }

    /** Requests in flight on this instance. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Looks for due deliveries now (e.g. after an operator's requeue) instead of at the next poll. */
    public void wakeUp() {
        if (running) {
            vertx.runOnContext(v -> poll());
        }
    }

    private void poll() {
        if (!running || !claiming.compareAndSet(false, true)) {
            return;
        }
        int globalAllowance = config.maxInFlight() - inFlight.get();
        if (globalAllowance <= 0) {
            claiming.set(false);
            return;
        }
        List<UUID> busy = new ArrayList<>();
        List<Integer> allowances = new ArrayList<>();
        inFlightByPartner.forEach((partner, count) -> {
            busy.add(partner);
            allowances.add(Math.max(0, config.maxInFlightPerPartner() - count));
        });
        Tuple args = Tuple.of(busy.toArray(UUID[]::new), allowances.toArray(Integer[]::new),
                config.maxInFlightPerPartner(), globalAllowance, config.claimLease().toMillis());
        pool.preparedQuery(CLAIM).execute(args).subscribe().with(rows -> {
            int claimed = 0;
            for (Row row : rows) {
                ClaimedDelivery d = new ClaimedDelivery(row.getLong(0), row.getUUID(1), row.getUUID(2), row.getString(3),
                        row.getString(4), row.getInteger(5), row.getString(6));
                inFlight.incrementAndGet();
                inFlightByPartner.merge(d.partnerId(), 1, Integer::sum);
                claimed++;
                send(d);
            }
            claiming.set(false);
            if (claimed > 0) {
                wakeUp();
            }
        }, failure -> {
            claiming.set(false);
            LOG.warnf("Claiming webhook deliveries failed: %s", failure.getMessage());
        });
    }

    private void send(ClaimedDelivery d) {
        String body;
        try {
            // A message.inbound body waits with its MO text encrypted (io.peyk.gateway.crypto): opened only to send.
            body = InboundWebhookText.open(d.body(), ciphers.cipher());
        } catch (TextCipherException e) {
            complete(d, null, "the stored MO text could not be decrypted (" + e.reason() + ")", 0);
            return;
        }
        long started = System.nanoTime();
        Promise<Integer> outcome = Promise.promise();
        AtomicReference<HttpClientRequest> request = new AtomicReference<>();
        long timer = vertx.setTimer(config.requestTimeout().toMillis(), id -> {
            if (outcome.tryFail(new TimeoutException("no complete response within " + config.requestTimeout()))) {
                HttpClientRequest r = request.get();
                if (r != null) {
                    r.reset();
                }
            }
        });
        RequestOptions options;
        try {
            long timestamp = Instant.now().getEpochSecond();
            options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(d.url())
                    .setConnectTimeout(config.connectTimeout().toMillis())
                    .setIdleTimeout(config.idleTimeout().toMillis())
                    .setFollowRedirects(false)
                    .putHeader("Content-Type", "application/json")
                    .putHeader("User-Agent", "Peyk-Webhooks/1")
                    .putHeader(WebhookSignature.HEADER, WebhookSignature.header(d.secret(), timestamp, body))
                    .putHeader(WebhookSignature.EVENT_ID_HEADER, d.eventId().toString());
        } catch (RuntimeException e) {
            outcome.tryFail(new IllegalArgumentException("invalid webhook URL or secret"));
            options = null;
        }
        if (options != null) {
            RequestOptions request0 = options;
            targets.server(java.net.URI.create(d.url())).compose(server -> {
                server.ifPresent(request0::setServer);
                return client.request(request0);
            }).compose(r -> {
                request.set(r);
                if (outcome.future().isComplete()) {
                    r.reset();
                    return Future.failedFuture("timed out");
                }
                return r.send(Buffer.buffer(body));
            }).compose(this::drain).onComplete(ar -> {
                if (ar.succeeded()) {
                    outcome.tryComplete(ar.result());
                } else {
                    outcome.tryFail(ar.cause());
                }
            });
        }
        outcome.future().onComplete(ar -> {
            vertx.cancelTimer(timer);
            long durationMs = (System.nanoTime() - started) / 1_000_000;
            Integer status = ar.succeeded() ? ar.result() : null;
            String error = ar.succeeded() ? null : describe(ar.cause());
            complete(d, status, error, durationMs);
        });
    }

    /** Reads (and drops) the response body up to the configured limit; the outcome is the status code. */
    private Future<Integer> drain(HttpClientResponse response) {
        Promise<Integer> done = Promise.promise();
        int status = response.statusCode();
        AtomicLong bytes = new AtomicLong();
        response.handler(buffer -> {
            if (bytes.addAndGet(buffer.length()) > config.maxResponseBodyBytes()) {
                response.request().reset();
                done.tryComplete(status);
            }
        });
        response.exceptionHandler(e -> done.tryComplete(status));
        response.endHandler(v -> done.tryComplete(status));
        return done.future();
    }

    private void complete(ClaimedDelivery d, Integer status, String error, long durationMs) {
        boolean success = status != null && status >= 200 && status < 300;
        String recordedError = success ? null : error != null ? error : "HTTP " + status;
        long retryDelayMs = success ? 0 : backoff.delay(d.attempts() + 1, ThreadLocalRandom.current()).toMillis();
        Tuple args = Tuple.tuple().addLong(d.id()).addInteger(status).addString(recordedError)
                .addInteger((int) Math.min(Integer.MAX_VALUE, durationMs)).addBoolean(success).addLong(retryDelayMs)
                .addLong(config.maxAge().toMillis());
        pool.preparedQuery(COMPLETE).execute(args).subscribe().with(rows -> {
            release(d);
            for (Row row : rows) {
                String newStatus = row.getString(0);
                if ("DELIVERED".equals(newStatus)) {
                    delivered.increment();
                } else {
                    failedAttempts.increment();
                    if ("PARKED".equals(newStatus)) {
                        parked.increment();
                        LOG.infof("Webhook delivery %d (partner %s) parked after %d attempts", d.id(), d.partnerId(),
                                d.attempts() + 1);
                    }
                }
            }
            poll();
        }, failure -> {
            release(d);
            // The claim runs out and the delivery is sent again.
            LOG.warnf("Recording webhook attempt of delivery %d failed: %s", d.id(), failure.getMessage());
        });
    }

    private void release(ClaimedDelivery d) {
        inFlightByPartner.computeIfPresent(d.partnerId(), (k, v) -> v <= 1 ? null : v - 1);
        inFlight.decrementAndGet();
    }

    private static String describe(Throwable failure) {
        String text = failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH);
    }
}

package io.peyk.gateway.api;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Slows down brute force on API keys, finance keys, device tokens and the admin token: every 401 answered on {@code /v1} or
 * {@code /admin} counts against the remote address in a fixed window; an address over
 * {@link AuthFailureConfig#maxPerWindow()} gets 429 {@code too-many-auth-failures} with {@code Retry-After} before its
 * credentials are even looked at, until the window ends. Successful requests are never slowed. The table of addresses
 * is bounded: when full, windows that have ended are dropped, and if none has, new addresses are not tracked (and a
 * counter says so) rather than memory growing.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup // its metrics exist from the start, not from the first request
public class AuthFailureLimiter {

    /** After the trace (-100), before the body-size check (-10), the device endpoint (-5) and JAX-RS. */
    static final int COUNT_ORDER = -20;

    private record Window(long startMillis, int failures) {
    }

    private final AuthFailureConfig config;
    private final LongSupplier clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final Counter refused;
    private final Counter untracked;

    @Inject
    AuthFailureLimiter(AuthFailureConfig config, MeterRegistry registry) {
        this(config, registry, System::currentTimeMillis);
    }

    AuthFailureLimiter(AuthFailureConfig config, MeterRegistry registry, LongSupplier clock) {
        this.config = config;
        this.clock = clock;
        this.refused = Counter.builder("peyk.auth.failures.refused")
                .description("Requests refused because their address failed authentication too often")
                .register(registry);
        this.untracked = Counter.builder("peyk.auth.failures.untracked")
                .description("Failed authentications not tracked because the address table was full")
                .register(registry);
    }

    /** How long the address must wait, if it is over its failures. */
    public Optional<Duration> blocked(String address) {
        Window w = windows.get(address);
        long now = clock.getAsLong();
        long windowMillis = config.window().toMillis();
        if (w == null || now - w.startMillis() >= windowMillis || w.failures() < config.maxPerWindow()) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(windowMillis - (now - w.startMillis())));
    }

    /** Counts one failed authentication of the address. */
    public void failed(String address) {
        long now = clock.getAsLong();
        long windowMillis = config.window().toMillis();
        if (!windows.containsKey(address) && windows.size() >= config.maxTrackedAddresses()) {
            windows.values().removeIf(w -> now - w.startMillis() >= windowMillis);
            if (windows.size() >= config.maxTrackedAddresses()) {
                untracked.increment();
                return;
            }
        }
        windows.compute(address, (k, w) -> w == null || now - w.startMillis() >= windowMillis
                ? new Window(now, 1)
                : new Window(w.startMillis(), w.failures() + 1));
    }

    @ServerRequestFilter(priority = jakarta.ws.rs.Priorities.AUTHENTICATION - 10)
    public void refuseBlocked(ContainerRequestContext request, RoutingContext routing) {
        if (!guarded(routing)) {
            return;
        }
        Optional<ProblemException> refusal = refusal(address(routing));
        if (refusal.isPresent()) {
            throw refusal.get();
        }
    }

    /**
     * The 429 {@code too-many-auth-failures} (with {@code Retry-After}) to answer the address with before looking at its
     * credentials, if it failed too often; counted as refused. For routes outside JAX-RS, such as the device WebSocket.
     */
    public Optional<ProblemException> refusal(String address) {
        return blocked(address).map(wait -> {
            refused.increment();
            long seconds = Problems.retryAfterSeconds(wait);
            return new ProblemException(429, "too-many-auth-failures", "Too many failed authentications",
                    "This address failed authentication too often; retry after " + seconds + " s.", Optional.empty(),
                    Map.of("Retry-After", Long.toString(seconds)));
        });
    }

    /**
     * Counts every 401 answered on a guarded path, whoever answers it (JAX-RS resources and filters, or routes outside
     * JAX-RS such as the device WebSocket's), when its headers are written.
     */
    void install(@Observes Router router) {
        router.route().order(COUNT_ORDER).handler(ctx -> {
            if (guarded(ctx)) {
                ctx.addHeadersEndHandler(v -> {
                    if (ctx.response().getStatusCode() == 401) {
                        failed(address(ctx));
                    }
                });
            }
            ctx.next();
        });
    }

    private static boolean guarded(RoutingContext routing) {
        String path = routing.normalizedPath();
        return path.startsWith("/v1/") || path.equals("/v1") || path.startsWith("/admin/") || path.equals("/admin");
    }

    /** The address failures are counted against: the peer's IP (the chart keeps client IPs with its Service settings). */
    public static String address(RoutingContext routing) {
        return routing.request().remoteAddress() == null ? "unknown" : routing.request().remoteAddress().host();
    }
}

package io.peyk.gateway.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;

/**
 * Applies the {@link AddressPolicy} to webhook URLs: at registration (names and literal addresses that are internal are
 * refused at once) and before every request — the host is resolved, every address it has is checked, and the request
 * goes to the checked address (the URL's host still names the server for TLS and {@code Host}), so a name that
 * resolves elsewhere by the time of the connection (DNS rebinding) cannot reach an internal address. Redirects are
 * never followed.
 */
@ApplicationScoped
public class WebhookTargets {

    /** A request refused by the policy; it counts as a failed attempt whose error says why. */
    public static final class Refused extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Refused(String reason) {
            super("webhook target refused: " + reason + " (peyk.webhooks.targets.*)", null, false, false);
        }
    }

    private final AddressPolicy policy;
    private final Vertx vertx;

    WebhookTargets(WebhookConfig config, Vertx vertx) {
        WebhookConfig.Targets t = config.targets();
        this.policy = new AddressPolicy(t.allowPrivate(), t.allowedNetworks().orElse(List.of()),
                t.allowedHosts().orElse(Set.of()));
        this.vertx = vertx;
    }

    /** Why a partner's webhook URL is refused at registration, if it is (names and literal addresses only). */
    public Optional<String> refuseAtRegistration(String url) {
        String host = URI.create(url).getHost();
        Optional<String> byName = policy.refuseName(host);
        if (byName.isPresent() || policy.hostAllowed(host) || !literal(host)) {
            return byName;
        }
        try {
            return policy.refuse(InetAddress.getByName(host));
        } catch (java.net.UnknownHostException e) {
            return Optional.empty();
        }
    }

    /**
     * The address to send a webhook to: empty when the host is allowed by name (ordinary resolution), else the first
     * resolved address after every one was checked. Fails with {@link Refused}.
     */
    Future<Optional<SocketAddress>> server(URI uri) {
        String host = uri.getHost();
        if (policy.hostAllowed(host)) {
            return Future.succeededFuture(Optional.empty());
        }
        Optional<String> byName = policy.refuseName(host);
        if (byName.isPresent()) {
            return Future.failedFuture(new Refused(byName.get()));
        }
        int port = uri.getPort() > 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return vertx.executeBlocking(() -> {
            InetAddress[] all = InetAddress.getAllByName(host);
            for (InetAddress a : all) {
                Optional<String> refused = policy.refuse(a);
                if (refused.isPresent()) {
                    throw new Refused(refused.get() + " (" + host + ")");
                }
            }
            return Optional.of(SocketAddress.inetSocketAddress(port, all[0].getHostAddress()));
        }, false);
    }

    private static boolean literal(String host) {
        return host.startsWith("[") || host.matches("[0-9.]+") || host.contains(":");
    }
}

package io.peyk.gateway.device;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import io.peyk.gateway.message.OttNotice;
import io.peyk.gateway.role.Roles;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;

/**
 * How a message accepted on one instance reaches a device connected to another: every instance LISTENs on PostgreSQL
 * channel {@value OttNotice#CHANNEL}; notifications are sent in the transaction that makes a message wait for the app
 * (or revokes it), so they arrive exactly when that commits, and the instance holding the number's connections pushes.
 * Chosen over a Kafka topic because the notification is transactional with the state change and needs no consumer-group
 * assignment by number; the presence table answers "is there a live device" for the immediate fallback. When the
 * listening connection drops, it reconnects and every connection replays what waits for it, so nothing missed meanwhile
 * is lost (the fallback timer covers the gap too).
 */
@ApplicationScoped
public class OttNotifications {

    static final String TOKEN_REVOKED = "token-revoked ";
    private static final Logger LOG = Logger.getLogger(OttNotifications.class);
    private static final long RECONNECT_DELAY_MS = 1000;

    private final Vertx vertx;
    private final DeviceHub hub;
    private PgSubscriber subscriber;
    private volatile boolean subscribedOnce;

    OttNotifications(Vertx vertx, DeviceHub hub) {
        this.vertx = vertx;
        this.hub = hub;
    }

    void onStart(@Observes StartupEvent event, Roles roles) {
        if (!roles.gateway()) {
            return;
        }
        var config = ConfigProvider.getConfig();
        PgConnectOptions options = PgConnectOptions
                .fromUri(config.getValue("quarkus.datasource.reactive.url", String.class).replaceFirst("^vertx-reactive:", ""));
        config.getOptionalValue("quarkus.datasource.username", String.class).ifPresent(options::setUser);
        config.getOptionalValue("quarkus.datasource.password", String.class).ifPresent(options::setPassword);
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> RECONNECT_DELAY_MS);
        subscriber.channel(OttNotice.CHANNEL).handler(this::onNotification).subscribeHandler(v -> {
            if (subscribedOnce) {
                LOG.info("app-channel notifications resubscribed; connected devices replay what waits for them");
                hub.resync();
            }
            subscribedOnce = true;
        });
        subscriber.connect().toCompletionStage().toCompletableFuture().join();
    }

    void onStop(@Observes ShutdownEvent event) {
        if (subscriber != null) {
            subscriber.close();
        }
    }

    private void onNotification(String payload) {
        if (payload.startsWith(TOKEN_REVOKED)) {
            parseUuid(payload.substring(TOKEN_REVOKED.length())).ifPresent(hub::tokenRevoked);
            return;
        }
        OttNotice.parse(payload).ifPresentOrElse(hub::onNotice,
                () -> LOG.debugf("ignored a malformed notification on %s", OttNotice.CHANNEL));
    }

    private static Optional<UUID> parseUuid(String raw) {
        try {
            return Optional.of(UUID.fromString(raw.trim()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}

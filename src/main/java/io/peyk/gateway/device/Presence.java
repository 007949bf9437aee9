package io.peyk.gateway.device;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.peyk.gateway.message.Dispatcher;
import io.peyk.gateway.role.Roles;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Tells other instances which numbers have a live device here: one {@code device_presence} row per connection and this
 * instance's heartbeat in {@code gateway_instance}. A message accepted anywhere falls back to SMS at once when its number
 * has no presence on a live instance. An instance that dies stops its heartbeat, and its rows stop counting after
 * {@code peyk.messages.ott.presence-timeout}; they are deleted later by any instance.
 */
@ApplicationScoped
public class Presence {

    private static final Logger LOG = Logger.getLogger(Presence.class);
    private static final long STALE_INSTANCE_MINUTES = 10;

    private final Pool pool;
    private final Vertx vertx;
    private final String instanceId;
    private final DevicesConfig.Connections config;
    private long heartbeat = -1;

    Presence(Pool pool, Vertx vertx, Dispatcher dispatcher, DevicesConfig config) {
        this.pool = pool;
        this.vertx = vertx;
        this.instanceId = dispatcher.instanceId();
        this.config = config.connections();
    }

    void onStart(@Observes StartupEvent event, Roles roles) {
        if (!roles.gateway()) {
            return;
        }
        beat().await().indefinitely();
        heartbeat = vertx.setPeriodic(config.presenceHeartbeat().toMillis(), id -> beat().subscribe().with(v -> {
        }, e -> LOG.warnf("presence heartbeat failed (%s); other instances may fall back to SMS for this instance's"
                + " devices until it succeeds", e.toString())));
    }

    void onStop(@Observes ShutdownEvent event) {
        if (heartbeat >= 0) {
            vertx.cancelTimer(heartbeat);
        }
        try {
            pool.preparedQuery("DELETE FROM device_presence WHERE instance_id = $1").execute(Tuple.of(instanceId))
                    .chain(() -> pool.preparedQuery("DELETE FROM gateway_instance WHERE id = $1")
                            .execute(Tuple.of(instanceId)))
                    .await().atMost(java.time.Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            LOG.debugf("presence not cleared at shutdown (%s); it expires with the heartbeat", e.toString());
        }
    }

    /** Renews this instance's heartbeat and removes what instances long dead left behind. */
    private Uni<Void> beat() {
        return pool.preparedQuery("INSERT INTO gateway_instance (id, heartbeat_at) VALUES ($1, now())"
                + " ON CONFLICT (id) DO UPDATE SET heartbeat_at = now()").execute(Tuple.of(instanceId))
                .chain(() -> pool.preparedQuery("""
                        WITH dead AS (DELETE FROM gateway_instance
                                       WHERE heartbeat_at < now() - $1 * interval '1 minute' RETURNING id)
                        DELETE FROM device_presence WHERE instance_id IN (SELECT id FROM dead)""")
                        .execute(Tuple.of(STALE_INSTANCE_MINUTES)))
                .replaceWithVoid();
    }

    String instanceId() {
        return instanceId;
    }

    Uni<Void> connected(DeviceConnection conn) {
        return pool.preparedQuery("INSERT INTO device_presence (connection_id, instance_id, partner_id, msisdn, token_id,"
                + " connected_at) VALUES ($1, $2, $3, $4, $5, now())").execute(Tuple.tuple().addUUID(conn.id)
                        .addString(instanceId).addUUID(conn.identity.partnerId()).addString(conn.identity.msisdn())
                        .addUUID(conn.identity.tokenId()))
                .replaceWithVoid();
    }

    Uni<Void> disconnected(DeviceConnection conn) {
        return pool.preparedQuery("DELETE FROM device_presence WHERE connection_id = $1").execute(Tuple.of(conn.id))
                .replaceWithVoid();
    }

}

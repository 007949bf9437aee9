package io.peyk.gateway.partner;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Ensures, at startup and when {@code peyk.demo-partner.enabled}, that the partner {@value #NAME} exists with sender ids
 * {@code Peyk}, {@code 3000}, {@code +989120000000}, 1000 messages/s and the configured API key. Idempotent and safe with
 * several instances (inserts that do nothing on conflict); a demo key the operator revoked stays revoked. Flyway has
 * migrated by then (Quarkus migrates before {@link StartupEvent}). Logs the key's prefix only.
 */
@Startup
@ApplicationScoped
public class DemoPartner {

    public static final String NAME = "demo";
    public static final List<String> SENDER_IDS = List.of("Peyk", "3000", "+989120000000");
    public static final int RATE_PER_SECOND = 1000;

    private static final Logger LOG = Logger.getLogger(DemoPartner.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Pool pool;
    private final DemoPartnerConfig config;

    DemoPartner(Pool pool, DemoPartnerConfig config) {
        this.pool = pool;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        UUID id = ensure(config.apiKey()).await().atMost(TIMEOUT);
        LOG.infof("Demo partner '%s' (%s) exists; API key %s... (peyk.demo-partner.api-key)", NAME, id,
                ApiKeys.prefixOf(config.apiKey()));
    }

    /** Creates the demo partner and its key unless they exist; the partner's id. */
    public Uni<UUID> ensure(String apiKey) {
        UUID newId = UUID.randomUUID();
        return pool.withTransaction(conn -> conn.preparedQuery("""
                INSERT INTO partner (id, name, sender_ids, webhook_url, webhook_secret, rate_limit_per_second)
                VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT (name) DO NOTHING
                """).execute(Tuple.tuple().addUUID(newId).addString(NAME).addArrayOfString(SENDER_IDS.toArray(String[]::new))
                .addString(config.webhookUrl().orElse(null)).addString(ApiKeys.newWebhookSecret())
                .addInteger(RATE_PER_SECOND))
                .chain(() -> config.webhookUrl().isEmpty()
                        ? Uni.createFrom().voidItem()
                        : conn.preparedQuery("UPDATE partner SET webhook_url = $2, updated_at = now()"
                                + " WHERE name = $1 AND webhook_url IS DISTINCT FROM $2")
                                .execute(Tuple.of(NAME, config.webhookUrl().get())).replaceWithVoid())
                .chain(() -> conn.preparedQuery("""
                        INSERT INTO api_key (id, partner_id, key_hash, key_prefix)
                        SELECT $1, id, $2, $3 FROM partner WHERE name = $4
                        ON CONFLICT (key_hash) DO NOTHING
                        """).execute(Tuple.of(UUID.randomUUID(), Buffer.buffer(ApiKeys.hash(apiKey)),
                        ApiKeys.prefixOf(apiKey), NAME)))
                .chain(() -> conn.preparedQuery("SELECT id FROM partner WHERE name = $1").execute(Tuple.of(NAME)))
                .map(rows -> rows.iterator().next().getUUID(0)));
    }
}

package io.peyk.gateway.billing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import io.peyk.billing.money.CurrencyUnit;
import io.peyk.billing.rating.GraduatedPrice;
import io.peyk.billing.rating.Meter;
import io.peyk.billing.rating.Tier;
import io.peyk.gateway.partner.ApiKeys;
import io.peyk.gateway.partner.DemoPartner;
import io.peyk.gateway.partner.DemoPartnerConfig;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * With the demo partner ({@code peyk.demo-partner.enabled}, dev only): gives it a first tariff version if it has none
 * and ensures the demo finance key, so that the embedded default shows statements for the demo's own messages.
 * Idempotent; never touches a tariff or key the operator made.
 */
@ApplicationScoped
public class DemoBilling {

    static final Map<Meter, GraduatedPrice> DEMO_PRICES = Map.of(
            Meter.SMS_SEGMENT, new GraduatedPrice(List.of(Tier.upTo(100_000, "120"), Tier.rest("100"))),
            Meter.SMS_INBOUND, GraduatedPrice.flat("50"),
            Meter.OTT_MESSAGE, GraduatedPrice.flat("1"),
            Meter.SPONSORED_DATA, GraduatedPrice.flat("400"),
            Meter.DATA_REVENUE_SHARE, GraduatedPrice.flat("2000"));

    private static final Logger LOG = Logger.getLogger(DemoBilling.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final DemoPartnerConfig config;
    private final DemoPartner demo;
    private final Tariffs tariffs;
    private final Pool pool;

    DemoBilling(DemoPartnerConfig config, DemoPartner demo, Tariffs tariffs, Pool pool) {
        this.config = config;
        this.demo = demo;
        this.tariffs = tariffs;
        this.pool = pool;
    }

    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 600) StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        UUID partner = demo.ensure(config.apiKey()).await().atMost(TIMEOUT);
        tariffs.list(partner).chain(existing -> existing.isEmpty()
                ? tariffs.add(partner, new NewTariff(Instant.parse("2020-01-01T00:00:00Z"), CurrencyUnit.IRR,
                        java.math.BigDecimal.valueOf(30), DEMO_PRICES, "demo tariff")).replaceWithVoid()
                : Uni.createFrom().voidItem())
                .chain(() -> pool.preparedQuery("INSERT INTO finance_key (id, name, key_hash, prefix)"
                        + " VALUES ($1, 'demo', $2, 'demo') ON CONFLICT (key_hash) DO NOTHING")
                        .execute(Tuple.tuple().addUUID(UUID.randomUUID())
                                .addBuffer(Buffer.buffer(ApiKeys.hash(config.financeKey())))))
                .await().atMost(TIMEOUT);
        LOG.infof("Demo billing: the demo partner has a tariff; finance key %s... (peyk.demo-partner.finance-key)",
                config.financeKey().substring(0, Math.min(12, config.financeKey().length())));
    }
}

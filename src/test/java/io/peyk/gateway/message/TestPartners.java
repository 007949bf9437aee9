package io.peyk.gateway.message;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.peyk.gateway.partner.Partner;
import io.peyk.gateway.partner.PartnerStatus;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Partners inserted straight into PostgreSQL for message tests. */
final class TestPartners {

    private TestPartners() {
    }

    static Partner create(Pool pool, String webhookUrl) {
        UUID id = UUID.randomUUID();
        Partner partner = new Partner(id, "p-" + id, List.of("3000", "Peyk"), Optional.ofNullable(webhookUrl),
                "whsec_test", ZoneId.of("Asia/Tehran"), 1000, PartnerStatus.ACTIVE);
        pool.preparedQuery("INSERT INTO partner (id, name, sender_ids, webhook_url, webhook_secret, rate_limit_per_second)"
                + " VALUES ($1, $2, $3, $4, $5, $6)")
                .execute(Tuple.tuple().addUUID(id).addString(partner.name()).addArrayOfString(new String[]{"3000", "Peyk"})
                        .addString(webhookUrl).addString("whsec_test").addInteger(1000))
                .await().atMost(Duration.ofSeconds(5));
        return partner;
    }
}

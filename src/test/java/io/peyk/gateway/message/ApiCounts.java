package io.peyk.gateway.message;

import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.inject.spi.CDI;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Counts rows for assertions, straight from PostgreSQL. */
final class ApiCounts {

    long messagesOf(String partnerId) {
        Pool pool = CDI.current().select(Pool.class).get();
        return pool.preparedQuery("SELECT count(*) FROM message WHERE partner_id = $1").execute(Tuple.of(UUID.fromString(
                partnerId))).await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0);
    }
}

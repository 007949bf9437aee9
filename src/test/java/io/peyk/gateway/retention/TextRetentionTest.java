package io.peyk.gateway.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.peyk.gateway.EmbeddedServicesResource;
import io.peyk.gateway.webhook.ShortRetriesProfile;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
@TestProfile(ShortRetriesProfile.class)
@WithTestResource(EmbeddedServicesResource.class)
class TextRetentionTest {

    private static final Duration DB = Duration.ofSeconds(10);

    @Inject
    Pool pool;

    @Inject
    TextRetention retention;

    private UUID message(UUID partner, String status, String text, Duration finalAgo, Duration createdAgo) {
        UUID id = UUID.randomUUID();
        pool.preparedQuery("INSERT INTO message (id, partner_id, to_number, sender, text, encoding, segments, status,"
                + " created_at, final_at) VALUES ($1, $2, '+989121234567', 'PEYK', $3, 'UCS2', 1, $4,"
                + " now() - $5::bigint * interval '1 ms',"
                + " CASE WHEN $6::bigint IS NULL THEN NULL ELSE now() - $6::bigint * interval '1 ms' END)")
                .execute(Tuple.of(id, partner, text, status, createdAgo.toMillis(),
                        finalAgo == null ? null : finalAgo.toMillis()))
                .await().atMost(DB);
        return id;
    }

    private Row row(UUID id) {
        return pool.preparedQuery("SELECT text, text_purged_at, status, to_number, segments, final_at FROM message"
                + " WHERE id = $1").execute(Tuple.of(id)).await().atMost(DB).iterator().next();
    }

    @Test
    void purgesOnlyTextOfFinalMessagesOlderThanRetention() {
        assertThat(retention.messageTextRetention()).isEqualTo(Duration.ofHours(24));
        UUID partner = UUID.randomUUID();
        pool.preparedQuery("INSERT INTO partner (id, name, sender_ids, webhook_secret, rate_limit_per_second)"
                + " VALUES ($1, $2, $3, 'whsec_ret', 100)")
                .execute(Tuple.of(partner, "ret-" + partner, new String[]{"PEYK"})).await().atMost(DB);

        String text = "\u0633\u0644\u0627\u0645";
        UUID oldFinal = message(partner, "DELIVERED", text, Duration.ofHours(25), Duration.ofHours(26));
        UUID oldFailed = message(partner, "FAILED", text, Duration.ofHours(24).plusMinutes(1), Duration.ofHours(30));
        UUID recentFinal = message(partner, "DELIVERED", text, Duration.ofHours(23), Duration.ofHours(26));
        UUID oldNotFinal = message(partner, "SUBMITTED", text, null, Duration.ofHours(48));
        UUID alreadyPurged = message(partner, "EXPIRED", null, Duration.ofHours(50), Duration.ofHours(50));

        long purged = retention.purgeNow().await().atMost(DB);
        assertThat(purged).isGreaterThanOrEqualTo(2);

        for (UUID id : new UUID[]{oldFinal, oldFailed}) {
            Row r = row(id);
            assertThat(r.getString("text")).isNull();
            assertThat(r.getOffsetDateTime("text_purged_at")).isNotNull();
            // Metadata stays.
            assertThat(r.getString("to_number")).isEqualTo("+989121234567");
            assertThat(r.getInteger("segments")).isEqualTo(1);
            assertThat(r.getOffsetDateTime("final_at")).isNotNull();
        }
        for (UUID id : new UUID[]{recentFinal, oldNotFinal}) {
            assertThat(row(id).getString("text")).isEqualTo(text);
            assertThat(row(id).getOffsetDateTime("text_purged_at")).isNull();
        }
        assertThat(row(alreadyPurged).getOffsetDateTime("text_purged_at")).isNull();

        // Nothing left to purge among these: a second run changes nothing of them.
        retention.purgeNow().await().atMost(DB);
        assertThat(row(recentFinal).getString("text")).isEqualTo(text);
    }

    @Test
    void deletesOnlyOutboxRowsPublishedLongerAgoThanRetention() {
        String key = "retention-" + UUID.randomUUID();
        String insert = "INSERT INTO outbox (topic, record_key, payload, published_at) VALUES ('peyk.retention-test', $1,"
                + " '{}'::jsonb, CASE WHEN $2::bigint IS NULL THEN NULL ELSE now() - $2::bigint * interval '1 ms' END)"
                + " RETURNING id";
        long old = pool.preparedQuery(insert).execute(Tuple.of(key, Duration.ofDays(8).toMillis())).await().atMost(DB)
                .iterator().next().getLong(0);
        long recent = pool.preparedQuery(insert).execute(Tuple.of(key, Duration.ofDays(6).toMillis())).await()
                .atMost(DB).iterator().next().getLong(0);
        long unpublished = pool.preparedQuery(insert).execute(Tuple.of(key, null)).await().atMost(DB).iterator().next()
                .getLong(0);

        assertThat(retention.deletePublishedOutboxNow().await().atMost(DB)).isGreaterThanOrEqualTo(1L);

        java.util.List<Long> left = new java.util.ArrayList<>();
        pool.preparedQuery("SELECT id FROM outbox WHERE record_key = $1 ORDER BY id").execute(Tuple.of(key)).await()
                .atMost(DB).forEach(r -> left.add(r.getLong(0)));
        assertThat(left).containsExactly(recent, unpublished).doesNotContain(old);
    }
}

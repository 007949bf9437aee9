package io.peyk.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
@WithTestResource(EmbeddedServicesResource.class)
class MigrationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Inject
    Pool pool;

    private List<String> column(String sql, Tuple args) {
        RowSet<Row> rows = pool.preparedQuery(sql).execute(args).await().atMost(TIMEOUT);
        List<String> values = new ArrayList<>();
        rows.forEach(r -> values.add(r.getValue(0).toString()));
        return values;
    }

    @Test
    void flywayAppliedV1() {
        assertThat(column("SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank",
                Tuple.tuple())).startsWith("1");
        assertThat(column("SELECT script FROM flyway_schema_history WHERE version = '1'", Tuple.tuple()))
                .singleElement().asString().endsWith("V1__smpp_part_ids.sql");
    }

    @Test
    void tablesExistWithTheirColumns() {
        assertThat(column("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
                Tuple.tuple())).contains("smpp_part_id", "smpp_unmatched_receipt");
        assertThat(column("SELECT column_name FROM information_schema.columns WHERE table_name = $1"
                + " ORDER BY ordinal_position", Tuple.of("smpp_part_id")))
                .containsExactly("connector", "smsc_message_id", "message_ref", "part_seq", "part_total",
                        "submitted_at");
        assertThat(column("SELECT column_name FROM information_schema.columns WHERE table_name = $1",
                Tuple.of("smpp_unmatched_receipt")))
                .contains("id", "connector", "smsc_message_id", "state", "received_at")
                .doesNotContain("text", "short_message", "message_text");
    }

    @Test
    void primaryKeyIsConnectorAndSmscMessageId() {
        assertThat(column("SELECT k.column_name FROM information_schema.table_constraints c"
                + " JOIN information_schema.key_column_usage k ON k.constraint_name = c.constraint_name"
                + " WHERE c.table_name = $1 AND c.constraint_type = 'PRIMARY KEY' ORDER BY k.ordinal_position",
                Tuple.of("smpp_part_id"))).containsExactly("connector", "smsc_message_id");
    }

    @Test
    void partIdsRoundTripAndRejectDuplicatesAndBadPartNumbers() {
        OffsetDateTime now = OffsetDateTime.of(2025, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC);
        String insert = "INSERT INTO smpp_part_id (connector, smsc_message_id, message_ref, part_seq, part_total,"
                + " submitted_at) VALUES ($1, $2, $3, $4, $5, $6)";
        pool.preparedQuery(insert).execute(Tuple.from(List.of("mig-test", "abc1", "msg-1", 1, 2, now)))
                .await().atMost(TIMEOUT);
        // The same SMSC id on another connector is another part.
        pool.preparedQuery(insert).execute(Tuple.from(List.of("mig-test-2", "abc1", "msg-2", 1, 1, now)))
                .await().atMost(TIMEOUT);

        assertThat(column("SELECT message_ref || '/' || part_seq || '/' || part_total FROM smpp_part_id"
                + " WHERE connector = $1 AND smsc_message_id = $2", Tuple.of("mig-test", "abc1")))
                .containsExactly("msg-1/1/2");
        assertThatThrownBy(() -> pool.preparedQuery(insert)
                .execute(Tuple.from(List.of("mig-test", "abc1", "msg-9", 2, 2, now))).await().atMost(TIMEOUT))
                .hasMessageContaining("smpp_part_id_pk");
        assertThatThrownBy(() -> pool.preparedQuery(insert)
                .execute(Tuple.from(List.of("mig-test", "abc2", "msg-1", 3, 2, now))).await().atMost(TIMEOUT))
                .hasMessageContaining("smpp_part_id_part_seq");
    }

    @Test
    void unmatchedReceiptsGetIdsAndDefaultTime() {
        List<String> ids = column("INSERT INTO smpp_unmatched_receipt (connector, smsc_message_id, state, err)"
                + " VALUES ($1, $2, $3, $4) RETURNING id", Tuple.of("mig-test", "ff01", "DELIVRD", "000"));
        assertThat(ids).hasSize(1);
        assertThat(column("SELECT received_at IS NOT NULL FROM smpp_unmatched_receipt WHERE id = $1",
                Tuple.of(Long.parseLong(ids.get(0))))).containsExactly("true");
    }
}

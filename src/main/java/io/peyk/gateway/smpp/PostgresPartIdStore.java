package io.peyk.gateway.smpp;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.peyk.smpp.PartIdStore;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The part-id mapping in PostgreSQL ({@code smpp_part_id}), so receipts that arrive after a restart, or at another gateway
 * instance, still find their message; {@code message_part} backs it up for parts whose report was stored but whose
 * mapping was not (a crash between the two). Called on the bridge's own worker threads (never an event loop), so it waits for
 * the reactive client's answer, bounded by a timeout.
 */
@ApplicationScoped
public class PostgresPartIdStore implements PartIdStore {

    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Pool pool;

    PostgresPartIdStore(Pool pool) {
        this.pool = pool;
    }

    @Override
    public void remember(String connector, String smscMessageId, PartRef part) {
        // An SMSC may reuse an id after its counter wraps: the newest part wins.
        pool.preparedQuery("""
                INSERT INTO smpp_part_id (connector, smsc_message_id, message_ref, part_seq, part_total, submitted_at)
                VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT (connector, smsc_message_id) DO UPDATE
                  SET message_ref = EXCLUDED.message_ref, part_seq = EXCLUDED.part_seq,
                      part_total = EXCLUDED.part_total, submitted_at = EXCLUDED.submitted_at
                """).execute(Tuple.tuple().addString(connector).addString(smscMessageId).addString(part.messageRef())
                .addInteger(part.seq()).addInteger(part.total()).addOffsetDateTime(OffsetDateTime.now(ZoneOffset.UTC)))
                .await().atMost(TIMEOUT);
    }

    @Override
    public Optional<PartRef> lookup(String connector, String smscMessageId) {
        // The bridge reports a submitted part before it remembers its id here; a crash in between leaves the id only in
        // message_part (written from the report). That row maps the receipt as well, so it is the fallback.
        RowIterator<Row> rows = pool.preparedQuery("""
                SELECT message_ref, part_seq, part_total FROM smpp_part_id WHERE connector = $1 AND smsc_message_id = $2
                UNION ALL
                (SELECT message_id::text, seq, total FROM message_part WHERE connector = $1 AND smsc_message_id = $2
                  ORDER BY submitted_at DESC NULLS LAST LIMIT 1)
                LIMIT 1""").execute(Tuple.of(connector, smscMessageId)).await().atMost(TIMEOUT).iterator();
        if (!rows.hasNext()) {
            return Optional.empty();
        }
        Row row = rows.next();
        return Optional.of(new PartRef(row.getString(0), row.getInteger(1), row.getInteger(2)));
    }
}

package io.peyk.gateway.inbound;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Keyword rules in PostgreSQL ({@code inbound_keyword}), through the reactive client. Adding is idempotent for the same
 * partner and refused for another; it locks the partner row ({@code FOR NO KEY UPDATE}, which does not hold up the
 * partner's message inserts) so that the per-partner count holds under concurrent adds.
 */
@ApplicationScoped
public class InboundKeywordRepository {

    /** Most rules one partner may hold. */
    public static final int MAX_RULES_PER_PARTNER = 1000;
    /** Most rules one listing returns. */
    public static final int MAX_PAGE = 1000;

    private static final String COLUMNS = "sender_id, keyword, partner_id, created_at";

    private final Pool pool;

    InboundKeywordRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Adds a rule ({@code keyword} normalised). Fails with {@link UnknownPartnerException}, {@link KeywordTakenException}
     * when another partner holds the (sender id, keyword), or {@link TooManyRulesException}.
     */
    public Uni<Added> add(String senderId, String keyword, UUID partnerId) {
        return pool.withTransaction(conn -> conn
                .preparedQuery("SELECT (SELECT count(*) FROM inbound_keyword WHERE partner_id = p.id) FROM partner p"
                        + " WHERE p.id = $1 FOR NO KEY UPDATE")
                .execute(Tuple.of(partnerId)).chain(rows -> {
                    Optional<Row> partner = first(rows);
                    if (partner.isEmpty()) {
                        return Uni.createFrom().failure(new UnknownPartnerException());
                    }
                    long held = partner.get().getLong(0);
                    return find(conn, senderId, keyword).chain(existing -> {
                        if (existing.isPresent()) {
                            return Uni.createFrom().item(same(existing.get(), partnerId));
                        }
                        if (held >= MAX_RULES_PER_PARTNER) {
                            return Uni.createFrom().failure(new TooManyRulesException());
                        }
                        return insert(conn, senderId, keyword, partnerId);
                    });
                }));
    }

    /** Rules by sender id and keyword, of one sender id when given; at most {@code limit} (≤ {@link #MAX_PAGE}). */
    public Uni<List<KeywordRule>> list(Optional<String> senderId, int limit, int offset) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM inbound_keyword WHERE $1::text IS NULL OR sender_id = $1"
                + " ORDER BY sender_id, keyword LIMIT $2 OFFSET $3")
                .execute(Tuple.of(senderId.orElse(null), Math.min(limit, MAX_PAGE), offset)).map(rows -> {
                    List<KeywordRule> out = new ArrayList<>();
                    rows.forEach(row -> out.add(rule(row)));
                    return out;
                });
    }

    /** Removes a rule; false when there is none. */
    public Uni<Boolean> remove(String senderId, String keyword) {
        return pool.preparedQuery("DELETE FROM inbound_keyword WHERE sender_id = $1 AND keyword = $2")
                .execute(Tuple.of(senderId, keyword)).map(rows -> rows.rowCount() == 1);
    }

    private static Uni<Added> insert(SqlConnection conn, String senderId, String keyword, UUID partnerId) {
        // A concurrent add for another partner may win the key: the insert then does nothing, and the rule it stored is
        // read again (a new statement sees it once that transaction has committed).
        return conn.preparedQuery("INSERT INTO inbound_keyword (sender_id, keyword, partner_id) VALUES ($1, $2, $3)"
                + " ON CONFLICT (sender_id, keyword) DO NOTHING RETURNING " + COLUMNS)
                .execute(Tuple.of(senderId, keyword, partnerId)).chain(rows -> {
                    Optional<Row> inserted = first(rows);
                    if (inserted.isPresent()) {
                        return Uni.createFrom().item(new Added(rule(inserted.get()), true));
                    }
                    return find(conn, senderId, keyword).map(existing -> same(existing.orElseThrow(
                            () -> new IllegalStateException("keyword rule neither inserted nor found")), partnerId));
                });
    }

    private static Uni<Optional<KeywordRule>> find(SqlConnection conn, String senderId, String keyword) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM inbound_keyword WHERE sender_id = $1 AND keyword = $2")
                .execute(Tuple.of(senderId, keyword)).map(rows -> first(rows).map(InboundKeywordRepository::rule));
    }

    private static Added same(KeywordRule existing, UUID partnerId) {
        if (!existing.partnerId().equals(partnerId)) {
            throw new KeywordTakenException(existing.partnerId());
        }
        return new Added(existing, false);
    }

    private static Optional<Row> first(RowSet<Row> rows) {
        RowIterator<Row> it = rows.iterator();
        return it.hasNext() ? Optional.of(it.next()) : Optional.empty();
    }

    private static KeywordRule rule(Row row) {
        return new KeywordRule(row.getString("sender_id"), row.getString("keyword"), row.getUUID("partner_id"),
                row.getOffsetDateTime("created_at"));
    }

    /** A rule after an add: {@code created} is false when the partner already held it. */
    public record Added(KeywordRule rule, boolean created) {
    }

    /** The partner of the rule does not exist. */
    public static final class UnknownPartnerException extends RuntimeException {

        UnknownPartnerException() {
            super("no partner has this id", null, false, false);
        }
    }

    /** Another partner holds the (sender id, keyword). */
    public static final class KeywordTakenException extends RuntimeException {

        private final UUID holder;

        KeywordTakenException(UUID holder) {
            super("another partner holds this keyword on this sender id", null, false, false);
            this.holder = holder;
        }

        /** The partner that holds the rule. */
        public UUID holder() {
            return holder;
        }
    }

    /** The partner holds {@link #MAX_RULES_PER_PARTNER} rules already. */
    public static final class TooManyRulesException extends RuntimeException {

        TooManyRulesException() {
            super("the partner holds the most keyword rules allowed", null, false, false);
        }
    }
}

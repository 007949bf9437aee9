package io.peyk.gateway.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The append-only audit log ({@code audit_log}, migration V12): one row per admin or finance request, refused ones
 * included. Never records bodies, keys or query strings (they may carry secrets or personal data), only the path.
 */
@ApplicationScoped
public class AuditLog {

    /** One recorded action. */
    public record Entry(long id, Instant at, String actor, String role, String method, String path, int status,
            String remoteAddr) {
    }

    /** A page of entries, newest first; {@code next} is the {@code before} of the next page. */
    public record Page(List<Entry> entries, Long next) {
    }

    private final Pool pool;

    AuditLog(Pool pool) {
        this.pool = pool;
    }

    Uni<Void> record(String actor, String role, String method, String path, int status, String remoteAddr) {
        return pool.preparedQuery("INSERT INTO audit_log (actor, role, method, path, status, remote_addr)"
                + " VALUES (left($1, 200), $2, left($3, 10), left($4, 500), $5, left($6, 100))")
                .execute(Tuple.tuple().addString(actor).addString(role).addString(method).addString(path)
                        .addInteger(status).addString(remoteAddr))
                .replaceWithVoid();
    }

    Uni<Page> page(Optional<String> actor, Optional<Long> before, int limit) {
        return pool.preparedQuery("SELECT * FROM audit_log WHERE ($1::text IS NULL OR actor = $1)"
                + " AND ($2::bigint IS NULL OR id < $2) ORDER BY id DESC LIMIT $3")
                .execute(Tuple.of(actor.orElse(null), before.orElse(null), limit + 1)).map(rows -> {
                    List<Entry> out = new ArrayList<>();
                    Long next = null;
                    for (var r : rows) {
                        if (out.size() == limit) {
                            next = out.get(out.size() - 1).id();
                            break;
                        }
                        out.add(new Entry(r.getLong("id"), r.getOffsetDateTime("at").toInstant(), r.getString("actor"),
                                r.getString("role"), r.getString("method"), r.getString("path"),
                                r.getInteger("status"), r.getString("remote_addr")));
                    }
                    return new Page(out, next);
                });
    }
}

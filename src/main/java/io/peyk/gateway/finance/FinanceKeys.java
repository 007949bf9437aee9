package io.peyk.gateway.finance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.peyk.billing.ledger.TransferIds;
import io.peyk.gateway.partner.ApiKeys;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Finance API keys ({@code finance_key}): {@code peyk_fin_} + 32 random bytes, shown once; only the SHA-256 is kept. A
 * finance key sees every partner's statements, usage and ledger, closes periods and records settlements. Revocation is
 * immediate (no cache).
 */
@ApplicationScoped
public class FinanceKeys {

    public static final String KEY_TAG = "peyk_fin_";
    /** Most live finance keys (a limit on what a leaked admin token can mint). */
    static final int MAX_KEYS = 100;

    private final Pool pool;

    FinanceKeys(Pool pool) {
        this.pool = pool;
    }

    /** A finance key as listed (never the key itself). */
    public record Info(UUID id, String name, String prefix, Instant createdAt, Optional<Instant> revokedAt) {
    }

    /** A new key and its plaintext, shown once. */
    public record Issued(Info info, String key) {
    }

    Uni<Optional<Issued>> issue(String name) {
        // Same randomness and hashing as partner keys, under the finance tag.
        String key = KEY_TAG + ApiKeys.generate().plaintext().substring(ApiKeys.KEY_TAG.length());
        String prefix = ApiKeys.prefixOf(key.substring(KEY_TAG.length()));
        UUID id = TransferIds.next();
        return pool.preparedQuery("""
                INSERT INTO finance_key (id, name, key_hash, prefix)
                SELECT $1, $2, $3, $4 WHERE (SELECT count(*) FROM finance_key WHERE revoked_at IS NULL) < $5
                RETURNING created_at""")
                .execute(Tuple.tuple().addUUID(id).addString(name).addBuffer(Buffer.buffer(ApiKeys.hash(key)))
                        .addString(prefix).addInteger(MAX_KEYS))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(new Issued(new Info(id, name, prefix,
                                rows.iterator().next().getOffsetDateTime("created_at").toInstant(), Optional.empty()),
                                key)));
    }

    Uni<List<Info>> list() {
        return pool.query("SELECT * FROM finance_key ORDER BY created_at").execute().map(rows -> {
            List<Info> out = new ArrayList<>();
            rows.forEach(r -> out.add(info(r)));
            return out;
        });
    }

    Uni<Boolean> revoke(UUID id) {
        return pool.preparedQuery("UPDATE finance_key SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1")
                .execute(Tuple.of(id)).map(rows -> rows.rowCount() == 1);
    }

    /** The live key with this hash, if any. */
    Uni<Optional<Info>> findActive(byte[] hash) {
        return pool.preparedQuery("SELECT * FROM finance_key WHERE key_hash = $1 AND revoked_at IS NULL")
                .execute(Tuple.tuple().addBuffer(Buffer.buffer(hash)))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(info(rows.iterator().next())));
    }

    private static Info info(Row r) {
        return new Info(r.getUUID("id"), r.getString("name"), r.getString("prefix"),
                r.getOffsetDateTime("created_at").toInstant(),
                Optional.ofNullable(r.getOffsetDateTime("revoked_at")).map(t -> t.toInstant()));
    }
}

package io.peyk.gateway.partner;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/**
 * Partners and their API keys in PostgreSQL ({@code partner}, {@code api_key}), through the reactive client: nothing here
 * blocks. Keys are looked up by the SHA-256 of the presented key on every request (the hash column is unique, hence
 * indexed), so a revoke takes effect on the next request at every instance.
 */
@ApplicationScoped
public class PartnerRepository {

    /** Most keys, revoked ones included, a partner may have. */
    public static final int MAX_KEYS_PER_PARTNER = 100;
    /** Most partners one listing returns. */
    public static final int MAX_PAGE = 1000;

    private static final String PARTNER_COLUMNS = "p.id, p.name, p.sender_ids, p.webhook_url, p.webhook_secret,"
            + " p.time_zone, p.rate_limit_per_second, p.status, p.default_channels, p.created_at, p.updated_at";

    private final Pool pool;

    PartnerRepository(Pool pool) {
        this.pool = pool;
    }

    /** Creates a partner with its first key; fails with {@link NameTakenException} when the name exists. */
    public Uni<Created> create(NewPartner partner) {
        UUID id = UUID.randomUUID();
        String secret = ApiKeys.newWebhookSecret();
        ApiKeys.NewApiKey key = ApiKeys.generate();
        UUID keyId = UUID.randomUUID();
        return pool.withTransaction(conn -> conn.preparedQuery("""
                INSERT INTO partner (id, name, sender_ids, webhook_url, webhook_secret, time_zone, rate_limit_per_second)
                VALUES ($1, $2, $3, $4, $5, $6, $7)
                RETURNING created_at, updated_at
                """).execute(Tuple.tuple().addUUID(id).addString(partner.name())
                .addArrayOfString(partner.senderIds().toArray(String[]::new))
                .addString(partner.webhookUrl().orElse(null)).addString(secret).addString(partner.timeZone().getId())
                .addInteger(partner.rateLimitPerSecond()))
                .chain(rows -> insertKey(conn, keyId, id, key).map(keyInfo -> {
                    Row row = rows.iterator().next();
                    Partner created = new Partner(id, partner.name(), partner.senderIds(), partner.webhookUrl(), secret,
                            partner.timeZone(), partner.rateLimitPerSecond(), PartnerStatus.ACTIVE);
                    return new Created(new PartnerRecord(created, row.getOffsetDateTime(0), row.getOffsetDateTime(1)),
                            keyInfo, key.plaintext());
                })))
                .onFailure(PartnerRepository::isUniqueViolation).transform(e -> new NameTakenException());
    }

    public Uni<Optional<PartnerRecord>> find(UUID id) {
        return pool.preparedQuery("SELECT " + PARTNER_COLUMNS + " FROM partner p WHERE p.id = $1")
                .execute(Tuple.of(id)).map(rows -> first(rows).map(PartnerRepository::record));
    }

    /** Partners by name, at most {@code limit} (≤ {@link #MAX_PAGE}) after skipping {@code offset}. */
    public Uni<List<PartnerRecord>> list(int limit, int offset) {
        return pool.preparedQuery("SELECT " + PARTNER_COLUMNS + " FROM partner p ORDER BY p.name LIMIT $1 OFFSET $2")
                .execute(Tuple.of(Math.min(limit, MAX_PAGE), offset)).map(rows -> {
                    List<PartnerRecord> out = new ArrayList<>();
                    rows.forEach(row -> out.add(record(row)));
                    return out;
                });
    }

    /** Sets the status; empty when no such partner. */
    public Uni<Optional<PartnerRecord>> setStatus(UUID id, PartnerStatus status) {
        return pool.preparedQuery("UPDATE partner p SET status = $2, updated_at = now() WHERE p.id = $1 RETURNING "
                + PARTNER_COLUMNS).execute(Tuple.of(id, status.name()))
                .map(rows -> first(rows).map(PartnerRepository::record));
    }

    /** Sets the default channel plan; empty when no such partner. */
    public Uni<Optional<PartnerRecord>> setDefaultChannels(UUID id, DefaultChannels channels) {
        return pool.preparedQuery("UPDATE partner p SET default_channels = $2, updated_at = now() WHERE p.id = $1"
                + " RETURNING " + PARTNER_COLUMNS).execute(Tuple.of(id, channels.toJson()))
                .map(rows -> first(rows).map(PartnerRepository::record));
    }

    /**
     * Issues a new key to a partner: the key's record and plaintext, or empty when no such partner; fails with
     * {@link TooManyKeysException} beyond {@link #MAX_KEYS_PER_PARTNER}.
     */
    public Uni<Optional<IssuedKey>> issueKey(UUID partnerId) {
        ApiKeys.NewApiKey key = ApiKeys.generate();
        UUID keyId = UUID.randomUUID();
        // Locking the partner row serialises concurrent issues, so the count check holds.
        return pool.withTransaction(conn -> conn
                .preparedQuery("SELECT (SELECT count(*) FROM api_key WHERE partner_id = p.id) FROM partner p"
                        + " WHERE p.id = $1 FOR UPDATE")
                .execute(Tuple.of(partnerId)).chain(rows -> {
                    Optional<Row> row = first(rows);
                    if (row.isEmpty()) {
                        return Uni.createFrom().item(Optional.<IssuedKey>empty());
                    }
                    if (row.get().getLong(0) >= MAX_KEYS_PER_PARTNER) {
                        return Uni.createFrom().failure(new TooManyKeysException());
                    }
                    return insertKey(conn, keyId, partnerId, key)
                            .map(info -> Optional.of(new IssuedKey(info, key.plaintext())));
                }));
    }

    /** A partner's keys, newest first; empty when no such partner. */
    public Uni<Optional<List<ApiKeyInfo>>> keys(UUID partnerId) {
        return pool.preparedQuery("""
                SELECT k.id, k.partner_id, k.key_prefix, k.created_at, k.revoked_at
                FROM partner p LEFT JOIN api_key k ON k.partner_id = p.id
                WHERE p.id = $1 ORDER BY k.created_at DESC, k.id LIMIT $2
                """).execute(Tuple.of(partnerId, MAX_KEYS_PER_PARTNER)).map(rows -> {
            if (rows.size() == 0) {
                return Optional.empty();
            }
            List<ApiKeyInfo> keys = new ArrayList<>();
            rows.forEach(row -> {
                if (row.getUUID(0) != null) {
                    keys.add(keyInfo(row));
                }
            });
            return Optional.of(keys);
        });
    }

    /** Revokes a key of a partner (idempotent: a revoked key keeps its first revoke time); false when no such key. */
    public Uni<Boolean> revokeKey(UUID partnerId, UUID keyId) {
        return pool.preparedQuery("UPDATE api_key SET revoked_at = coalesce(revoked_at, now())"
                + " WHERE id = $1 AND partner_id = $2").execute(Tuple.of(keyId, partnerId))
                .map(rows -> rows.rowCount() == 1);
    }

    /** The partner that owns an active (unrevoked) key with this hash, whatever the partner's status. */
    public Uni<Optional<Partner>> findByActiveKeyHash(byte[] keyHash) {
        return pool.preparedQuery("SELECT " + PARTNER_COLUMNS + " FROM api_key k JOIN partner p ON p.id = k.partner_id"
                + " WHERE k.key_hash = $1 AND k.revoked_at IS NULL").execute(Tuple.of(Buffer.buffer(keyHash)))
                .map(rows -> first(rows).map(row -> record(row).partner()));
    }

    private static Uni<ApiKeyInfo> insertKey(SqlClient conn, UUID keyId, UUID partnerId, ApiKeys.NewApiKey key) {
        return conn.preparedQuery("INSERT INTO api_key (id, partner_id, key_hash, key_prefix) VALUES ($1, $2, $3, $4)"
                + " RETURNING created_at")
                .execute(Tuple.of(keyId, partnerId, Buffer.buffer(key.hash()), key.prefix()))
                .map(rows -> new ApiKeyInfo(keyId, partnerId, key.prefix(), rows.iterator().next().getOffsetDateTime(0),
                        Optional.empty()));
    }

    private static Optional<Row> first(RowSet<Row> rows) {
        RowIterator<Row> it = rows.iterator();
        return it.hasNext() ? Optional.of(it.next()) : Optional.empty();
    }

    static PartnerRecord record(Row row) {
        Partner partner = new Partner(row.getUUID("id"), row.getString("name"),
                List.of(row.getArrayOfStrings("sender_ids")), Optional.ofNullable(row.getString("webhook_url")),
                row.getString("webhook_secret"), ZoneId.of(row.getString("time_zone")),
                row.getInteger("rate_limit_per_second"), PartnerStatus.valueOf(row.getString("status")),
                Optional.ofNullable((io.vertx.core.json.JsonArray) row.getJson("default_channels"))
                        .map(DefaultChannels::fromJson).orElse(DefaultChannels.SMS_ONLY));
        return new PartnerRecord(partner, row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
    }

    private static ApiKeyInfo keyInfo(Row row) {
        OffsetDateTime revoked = row.getOffsetDateTime(4);
        return new ApiKeyInfo(row.getUUID(0), row.getUUID(1), row.getString(2), row.getOffsetDateTime(3),
                Optional.ofNullable(revoked));
    }

    private static boolean isUniqueViolation(Throwable e) {
        return e instanceof PgException pg && "23505".equals(pg.getSqlState())
                && pg.getConstraint() != null && pg.getConstraint().startsWith("partner_name");
    }

    /** A created partner, its first key and that key's plaintext (shown once). */
    public record Created(PartnerRecord partner, ApiKeyInfo key, String keyPlaintext) {

        @Override
        public String toString() {
            return "Created[partner=" + partner.partner() + ", key=" + key + "]";
        }
    }

    /** A newly issued key and its plaintext (shown once). */
    public record IssuedKey(ApiKeyInfo key, String plaintext) {

        @Override
        public String toString() {
            return "IssuedKey[" + key + "]";
        }
    }

    /** Another partner already has this name. */
    public static final class NameTakenException extends RuntimeException {

        NameTakenException() {
            super("a partner with this name exists", null, false, false);
        }
    }

    /** The partner has {@link #MAX_KEYS_PER_PARTNER} keys already. */
    public static final class TooManyKeysException extends RuntimeException {

        TooManyKeysException() {
            super("the partner has the most keys allowed", null, false, false);
        }
    }
}

package io.peyk.gateway.device;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import io.peyk.gateway.api.ProblemException;
import io.peyk.gateway.message.MessageIds;
import io.peyk.gateway.partner.Partner;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Issues, verifies and revokes device tokens: {@code pdt_<payload>.<signature>}, the payload a base64url JSON of token
 * id, partner id, number and expiry, the signature HMAC-SHA256 over the payload with {@code peyk.devices.token-secret}.
 * The signature and expiry are checked without the database; revocation is checked against {@code device_token}, so a
 * revoked token stops working at once.
 */
@ApplicationScoped
public class DeviceTokens {

    static final String PREFIX = "pdt_";
    static final int MAX_TOKEN_LENGTH = 1024;
    private static final int MIN_SECRET = 16;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final Pool pool;
    private final Optional<byte[]> secret;

    DeviceTokens(Pool pool, DevicesConfig config) {
        this.pool = pool;
        this.secret = config.tokenSecret().filter(s -> s.length() >= MIN_SECRET)
                .map(s -> s.getBytes(StandardCharsets.UTF_8));
    }

    Uni<IssuedToken> issue(Partner partner, String msisdn, java.time.Duration ttl) {
        byte[] key = secret.orElseThrow(() -> ProblemException.of(503, "devices-disabled", "Device tokens disabled",
                "peyk.devices.token-secret is not configured on this gateway"));
        UUID id = MessageIds.next();
        Instant expires = Instant.now().plus(ttl).truncatedTo(ChronoUnit.SECONDS);
        String payload = B64.encodeToString(new JsonObject().put("tid", id.toString()).put("pid", partner.id().toString())
                .put("msisdn", msisdn).put("exp", expires.getEpochSecond()).encode().getBytes(StandardCharsets.UTF_8));
        String token = PREFIX + payload + "." + B64.encodeToString(hmac(key, payload));
        return pool.preparedQuery("INSERT INTO device_token (id, partner_id, msisdn, expires_at) VALUES ($1, $2, $3, $4)")
                .execute(Tuple.of(id, partner.id(), msisdn, expires.atOffset(ZoneOffset.UTC)))
                .replaceWith(new IssuedToken(id, token, msisdn, expires));
    }

    /** The identity a token stands for, if it is well formed, correctly signed, not expired at {@code now} and not revoked. */
    public Uni<Optional<DeviceIdentity>> verify(String token, Instant now) {
        Optional<DeviceIdentity> claimed = parse(token, now);
        if (claimed.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        DeviceIdentity identity = claimed.get();
        return pool.preparedQuery("SELECT revoked_at FROM device_token WHERE id = $1 AND partner_id = $2")
                .execute(Tuple.of(identity.tokenId(), identity.partnerId())).map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return Optional.<DeviceIdentity>empty();
                    }
                    Row row = it.next();
                    return row.getValue("revoked_at") == null ? Optional.of(identity) : Optional.<DeviceIdentity>empty();
                });
    }

    /**
     * Revokes one of the partner's tokens; false when it has no such token. Connections using it, on any instance, are
     * closed ({@link CloseReason#TOKEN_REVOKED}) through a notification sent when the revocation commits.
     */
    Uni<Boolean> revoke(Partner partner, UUID tokenId) {
        return pool.preparedQuery("UPDATE device_token SET revoked_at = COALESCE(revoked_at, now())"
                + " WHERE id = $1 AND partner_id = $2"
                + " RETURNING (SELECT 1 FROM (SELECT pg_notify($3, $4 || id)) n)")
                .execute(Tuple.of(tokenId, partner.id(), io.peyk.gateway.message.OttNotice.CHANNEL,
                        OttNotifications.TOKEN_REVOKED))
                .map(rows -> rows.rowCount() == 1);
    }

    private Optional<DeviceIdentity> parse(String token, Instant now) {
        if (secret.isEmpty() || token == null || token.length() > MAX_TOKEN_LENGTH || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String body = token.substring(PREFIX.length());
        int dot = body.indexOf('.');
        if (dot <= 0 || dot == body.length() - 1) {
            return Optional.empty();
        }
        String payload = body.substring(0, dot);
        try {
            byte[] signature = B64D.decode(body.substring(dot + 1));
            if (!MessageDigest.isEqual(signature, hmac(secret.get(), payload))) {
                return Optional.empty();
            }
            JsonObject claims = new JsonObject(new String(B64D.decode(payload), StandardCharsets.UTF_8));
            Instant expires = Instant.ofEpochSecond(claims.getLong("exp"));
            if (!now.isBefore(expires)) {
                return Optional.empty();
            }
            return Optional.of(new DeviceIdentity(UUID.fromString(claims.getString("tid")),
                    UUID.fromString(claims.getString("pid")), claims.getString("msisdn"), expires));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static byte[] hmac(byte[] key, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}

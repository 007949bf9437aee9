package io.peyk.gateway.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook signature: header {@code Peyk-Signature: t=<unix seconds>,v1=<hex>} where {@code <hex>} is the lower-case
 * hex HMAC-SHA256, keyed with the UTF-8 bytes of the partner's webhook secret, of {@code "<t>.<body>"} (the body's exact
 * UTF-8 bytes). A partner checks it with {@link #verify(String, String, String, Duration)}: the signature must match and
 * {@code t} must be within the tolerance of the partner's clock (this rejects replays of old requests). Several
 * {@code v1} entries are accepted (any one matching), so a secret can be rotated.
 */
public final class WebhookSignature {

    /** The HTTP header carrying the timestamp and the signature. */
    public static final String HEADER = "Peyk-Signature";
    /** The HTTP header carrying the event id (receivers deduplicate by it: delivery is at least once). */
    public static final String EVENT_ID_HEADER = "Peyk-Event-Id";

    private static final String ALGORITHM = "HmacSHA256";
    private static final int MAX_HEADER_LENGTH = 1024;
    private static final int MAX_SIGNATURES = 8;

    private WebhookSignature() {
    }

    /** The lower-case hex HMAC-SHA256 of {@code "<timestampSeconds>.<body>"} keyed with {@code secret}. */
    public static String sign(String secret, long timestampSeconds, String body) {
        Mac mac = mac(secret);
        mac.update(Long.toString(timestampSeconds).getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) '.');
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** The full header value, {@code t=<timestampSeconds>,v1=<signature>}. */
    public static String header(String secret, long timestampSeconds, String body) {
        return "t=" + timestampSeconds + ",v1=" + sign(secret, timestampSeconds, body);
    }

    /** Whether {@code header} signs {@code body} with {@code secret} and its timestamp is within {@code tolerance} of now. */
    public static boolean verify(String secret, String header, String body, Duration tolerance) {
        return verify(secret, header, body, tolerance, Instant.now());
    }

    /** As {@link #verify(String, String, String, Duration)}, against the given current time. */
    public static boolean verify(String secret, String header, String body, Duration tolerance, Instant now) {
        if (header == null || header.length() > MAX_HEADER_LENGTH || tolerance.isNegative()) {
            return false;
        }
        Long timestamp = null;
        String[] candidates = new String[MAX_SIGNATURES];
        int count = 0;
        for (String element : header.split(",", MAX_SIGNATURES + 2)) {
            int eq = element.indexOf('=');
            if (eq < 0) {
                return false;
            }
            String name = element.substring(0, eq).trim();
            String value = element.substring(eq + 1).trim();
            if (name.equals("t")) {
                if (timestamp != null || !value.matches("[0-9]{1,12}")) {
                    return false;
                }
                timestamp = Long.parseLong(value);
            } else if (name.equals("v1")) {
                if (count == MAX_SIGNATURES) {
                    return false;
                }
                candidates[count++] = value;
            }
        }
        if (timestamp == null || count == 0) {
            return false;
        }
        long age = Math.abs(now.getEpochSecond() - timestamp);
        if (age > tolerance.toSeconds()) {
            return false;
        }
        byte[] expected = sign(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII);
        boolean match = false;
        for (int i = 0; i < count; i++) {
            // Constant time per candidate; every candidate is compared.
            match |= MessageDigest.isEqual(expected, candidates[i].getBytes(StandardCharsets.US_ASCII));
        }
        return match;
    }

    private static Mac mac(String secret) {
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("empty webhook secret");
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}

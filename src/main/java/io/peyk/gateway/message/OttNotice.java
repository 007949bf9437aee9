package io.peyk.gateway.message;

import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * What one PostgreSQL notification on channel {@value #CHANNEL} tells every gateway instance about the app channel,
 * sent in the transaction of the change (so it arrives only once that commits): {@code push <id> <partner> <msisdn>
 * <payload-base64 | ->} when a message waits for the app (the payload inline when small, else {@code -}: read it from
 * the message), {@code revoke <id> <partner> <msisdn>} when its OTT copy is withdrawn, or
 * {@code acked <id> <partner> <msisdn>} when a device acknowledged it (the other devices of the number, wherever they are
 * connected, stop waiting for it). The instance holding the
 * number's connections acts; the others ignore it.
 */
public sealed interface OttNotice {

    String CHANNEL = "peyk_ott";

    UUID messageId();

    UUID partnerId();

    String msisdn();

    /** A message to push; {@code payload} is empty when it was too large for the notification. */
    record Push(UUID messageId, UUID partnerId, String msisdn, Optional<byte[]> payload) implements OttNotice {
    }

    /** The OTT copy of a message was revoked (fallback or expiry): the app should drop it. */
    record Revoke(UUID messageId, UUID partnerId, String msisdn) implements OttNotice {
    }

    /** A device of the number acknowledged the message (its success status was reached). */
    record Acked(UUID messageId, UUID partnerId, String msisdn) implements OttNotice {
    }

    /** The notice a notification carries, or empty when it is not one (a foreign or malformed payload). */
    static Optional<OttNotice> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String[] f = text.split(" ");
        try {
            if (f.length == 5 && f[0].equals("push")) {
                Optional<byte[]> payload = f[4].equals("-")
                        ? Optional.empty()
                        : Optional.of(Base64.getDecoder().decode(f[4]));
                return Optional.of(new Push(UUID.fromString(f[1]), UUID.fromString(f[2]), f[3], payload));
            }
            if (f.length == 4 && f[0].equals("revoke")) {
                return Optional.of(new Revoke(UUID.fromString(f[1]), UUID.fromString(f[2]), f[3]));
            }
            if (f.length == 4 && f[0].equals("acked")) {
                return Optional.of(new Acked(UUID.fromString(f[1]), UUID.fromString(f[2]), f[3]));
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}

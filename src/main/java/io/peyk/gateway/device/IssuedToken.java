package io.peyk.gateway.device;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A device token as issued: the token string is shown once. */
@Schema(name = "DeviceToken")
public record IssuedToken(UUID tokenId, String token, String msisdn, Instant expiresAt) {

    @Override
    public String toString() {
        return "IssuedToken[tokenId=" + tokenId + ", msisdn=" + msisdn + ", expiresAt=" + expiresAt + "]";
    }
}

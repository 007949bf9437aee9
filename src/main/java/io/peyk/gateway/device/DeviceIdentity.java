package io.peyk.gateway.device;

import java.time.Instant;
import java.util.UUID;

/** Who a valid device token speaks for: a partner's app for one subscriber number, until it expires. */
public record DeviceIdentity(UUID tokenId, UUID partnerId, String msisdn, Instant expiresAt) {
}

package io.peyk.gateway.device;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /v1/devices/tokens}: a token for one of the partner's users' numbers. */
@Schema(name = "DeviceTokenRequest")
public record TokenRequest(@Schema(required = true, example = "+989121234567") String msisdn,
        @Schema(example = "86400") Integer ttlSeconds) {
}

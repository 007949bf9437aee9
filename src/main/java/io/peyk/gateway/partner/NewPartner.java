package io.peyk.gateway.partner;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** A partner the operator is creating, already validated: what goes into the {@code partner} row. */
public record NewPartner(String name, List<String> senderIds, Optional<String> webhookUrl, ZoneId timeZone,
        int rateLimitPerSecond) {

    public NewPartner {
        senderIds = List.copyOf(senderIds);
    }
}

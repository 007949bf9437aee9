package io.peyk.gateway.partner;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A messaging app the operator has signed: who may send, as which sender ids, and where its webhooks go. */
public record Partner(UUID id, String name, List<String> senderIds, Optional<String> webhookUrl, String webhookSecret,
        ZoneId timeZone, int rateLimitPerSecond, PartnerStatus status) {

    public Partner {
        senderIds = List.copyOf(senderIds);
    }

    public boolean active() {
        return status == PartnerStatus.ACTIVE;
    }

    @Override
    public String toString() {
        return "Partner[id=" + id + ", name=" + name + ", status=" + status + "]";
    }
}

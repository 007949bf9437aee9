package io.peyk.gateway.partner;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A messaging app the operator has signed: who may send, as which sender ids, and where its webhooks go. */
public record Partner(UUID id, String name, List<String> senderIds, Optional<String> webhookUrl, String webhookSecret,
        ZoneId timeZone, int rateLimitPerSecond, PartnerStatus status, DefaultChannels defaultChannels) {

    public Partner {
        senderIds = List.copyOf(senderIds);
    }

    /** A partner with the SMS-only default plan. */
    public Partner(UUID id, String name, List<String> senderIds, Optional<String> webhookUrl, String webhookSecret,
            ZoneId timeZone, int rateLimitPerSecond, PartnerStatus status) {
        this(id, name, senderIds, webhookUrl, webhookSecret, timeZone, rateLimitPerSecond, status,
                DefaultChannels.SMS_ONLY);
    }

    public boolean active() {
        return status == PartnerStatus.ACTIVE;
    }

    @Override
    public String toString() {
        return "Partner[id=" + id + ", name=" + name + ", status=" + status + "]";
    }
}

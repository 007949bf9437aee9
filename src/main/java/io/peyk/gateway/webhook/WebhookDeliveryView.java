package io.peyk.gateway.webhook;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A webhook delivery as the operator sees it (admin API): its state, attempts and last outcome. The payload is left out:
 * it can be found from the message.
 */
public record WebhookDeliveryView(long id, UUID eventId, UUID partnerId, UUID messageId, String url, String status,
        int attempts, Integer lastStatusCode, String lastError, OffsetDateTime createdAt, OffsetDateTime nextAttemptAt,
        OffsetDateTime deliveredAt, OffsetDateTime parkedAt) {
}

package io.peyk.gateway.partner;

import java.time.OffsetDateTime;

/** A partner with its row's timestamps, for the admin API. */
public record PartnerRecord(Partner partner, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
}

package io.peyk.gateway.metering;

import io.peyk.billing.metering.UsageEvent;

/** What one consumed record is for metering: a usage event to store, or a refusal with its reason (dead letter). */
sealed interface Parsed {

    record Valid(UsageEvent event) implements Parsed {
    }

    record Invalid(String reason) implements Parsed {
    }
}

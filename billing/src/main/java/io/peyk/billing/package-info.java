/**
 * Metering, rating, the double-entry ledger and revenue-share statements.
 * <p>
 * Packages by feature: {@code money} (amounts in integer minor units, one rounding policy), {@code period} (billing
 * months and hour buckets in the partner's time zone), {@code rating} (versioned tariffs with graduated tiers). Plain
 * Java, testable without Quarkus; the gateway app wires it in.
 */
package io.peyk.billing;

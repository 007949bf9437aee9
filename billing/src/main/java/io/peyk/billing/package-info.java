/**
 * Metering, rating, the double-entry ledger and revenue-share statements.
 * <p>
 * Packages by feature: {@code money} (amounts in integer minor units, one rounding policy), {@code period} (billing
 * months and hour buckets in the partner's time zone), {@code rating} (versioned tariffs with graduated tiers),
 * {@code metering} (usage events and packet-core records), {@code ledger} (the append-only double-entry ledger in
 * PostgreSQL). Plain Java except the ledger repository; the gateway app wires it in.
 */
package io.peyk.billing;

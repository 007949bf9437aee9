/**
 * Metering, rating, the double-entry ledger and revenue-share statements.
 * <p>
 * Empty until the billing issue: the module exists so the build layout, and the app's dependency on it, are settled
 * from the start.
 */
package io.peyk.billing;

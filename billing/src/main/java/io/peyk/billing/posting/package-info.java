/**
 * From rated lines to ledger postings. A period's usage is rated as a whole ({@link io.peyk.billing.rating.Rating}); what
 * has already been posted for it is summed per line; the difference ({@link PeriodDelta}) is what one posting adds.
 * Late usage, duplicates that changed nothing and tariff corrections are therefore all the same operation: rate again,
 * post the delta. A delta for a closed period is posted into the next open one, as an adjustment.
 */
package io.peyk.billing.posting;

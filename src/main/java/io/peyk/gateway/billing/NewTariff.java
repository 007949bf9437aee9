package io.peyk.gateway.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import io.peyk.billing.money.CurrencyUnit;
import io.peyk.billing.rating.GraduatedPrice;
import io.peyk.billing.rating.Meter;

/** A validated tariff version before it gets its number. */
record NewTariff(Instant effectiveFrom, CurrencyUnit currency, BigDecimal revenueSharePercent,
        Map<Meter, GraduatedPrice> prices, String note) {
}

package io.peyk.gateway.billing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.peyk.billing.money.CurrencyUnit;
import io.peyk.billing.rating.GraduatedPrice;
import io.peyk.billing.rating.Meter;
import io.peyk.billing.rating.Tier;
import io.peyk.gateway.api.ProblemException;
import io.peyk.gateway.api.Problems;

/** The rules of a new tariff version; each broken rule is a 422 problem naming the field. */
final class TariffRequests {

    static final int MAX_TIERS = 20;
    static final int MAX_NOTE = 500;
    /** Prices and bounds: at most 18 integer digits and 10 decimals (the stored scale). */
    static final int MAX_SCALE = 10;
    static final int MAX_INTEGER_DIGITS = 18;

    private TariffRequests() {
    }

    static NewTariff validate(TariffRequest r) {
        if (r == null) {
            throw ProblemException.of(400, "missing-body", "Missing body", "Send the tariff as a JSON object.");
        }
        if (r.effectiveFrom() == null) {
            throw Problems.invalidField("effectiveFrom", "effectiveFrom is required (ISO-8601 with an offset).");
        }
        CurrencyUnit currency;
        try {
            currency = CurrencyUnit.of(r.currency() == null ? "IRR" : r.currency());
        } catch (IllegalArgumentException e) {
            throw Problems.invalidField("currency", "currency must be an ISO 4217 code such as IRR.");
        }
        BigDecimal share = r.revenueSharePercent() == null ? BigDecimal.ZERO : r.revenueSharePercent();
        if (share.signum() < 0 || share.compareTo(BigDecimal.valueOf(100)) > 0 || share.scale() > 4) {
            throw Problems.invalidField("revenueSharePercent", "revenueSharePercent is a percentage 0..100 with at"
                    + " most 4 decimals.");
        }
        if (r.prices() == null || r.prices().isEmpty()) {
            throw Problems.invalidField("prices", "prices must price at least one meter.");
        }
        Map<Meter, GraduatedPrice> prices = new EnumMap<>(Meter.class);
        for (Map.Entry<String, List<TariffRequest.TierRequest>> e : r.prices().entrySet()) {
            String field = "prices." + e.getKey();
            Meter meter = Meter.ofKind(e.getKey()).orElseThrow(() -> Problems.invalidField(field,
                    "unknown meter; use one of ott.message, sms.segment, sms.inbound, data.sponsored, data.revenue."));
            prices.put(meter, price(field, e.getValue()));
        }
        String note = r.note() == null ? "" : r.note();
        if (note.length() > MAX_NOTE || note.chars().anyMatch(c -> c == '\n' || c == '\r')) {
            throw Problems.invalidField("note", "note is one line of at most " + MAX_NOTE + " characters.");
        }
        return new NewTariff(r.effectiveFrom().toInstant(), currency, share.stripTrailingZeros(), prices, note);
    }

    private static GraduatedPrice price(String field, List<TariffRequest.TierRequest> tiers) {
        if (tiers == null || tiers.isEmpty() || tiers.size() > MAX_TIERS) {
            throw Problems.invalidField(field, "a price has 1.." + MAX_TIERS + " tiers.");
        }
        List<Tier> out = new ArrayList<>();
        for (int i = 0; i < tiers.size(); i++) {
            TariffRequest.TierRequest t = tiers.get(i);
            String at = field + "[" + i + "]";
            if (t == null || t.unitPrice() == null) {
                throw Problems.invalidField(at + ".unitPrice", "unitPrice is required.");
            }
            number(at + ".unitPrice", t.unitPrice());
            if (t.upTo() != null) {
                number(at + ".upTo", t.upTo());
            }
            if (t.unitPrice().signum() < 0) {
                throw Problems.invalidField(at + ".unitPrice", "unitPrice is zero or more.");
            }
            if (t.upTo() != null && t.upTo().signum() <= 0) {
                throw Problems.invalidField(at + ".upTo", "upTo is above zero.");
            }
            out.add(new Tier(Optional.ofNullable(t.upTo()).map(BigDecimal::stripTrailingZeros),
                    t.unitPrice().stripTrailingZeros()));
        }
        try {
            return new GraduatedPrice(out);
        } catch (IllegalArgumentException e) {
            throw Problems.invalidField(field, "tiers: " + e.getMessage()
                    + " (give upTo on every tier but the last, increasing).");
        }
    }

    private static void number(String field, BigDecimal value) {
        BigDecimal v = value.stripTrailingZeros();
        if (Math.max(v.scale(), 0) > MAX_SCALE || v.precision() - v.scale() > MAX_INTEGER_DIGITS) {
            throw Problems.invalidField(field, field + " has at most " + MAX_INTEGER_DIGITS + " integer digits and "
                    + MAX_SCALE + " decimals.");
        }
    }
}

package io.peyk.billing.rating;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.peyk.billing.money.CurrencyUnit;
import io.peyk.billing.money.MixedCurrencyException;
import io.peyk.billing.money.Money;
import io.peyk.billing.money.Rounding;

/**
 * Rates one partner's usage of one period into statement lines. Tiers count the period's cumulative volume of a meter
 * in event-time order, across tariff versions (a version change mid-period prices the later buckets, it does not reset
 * the volume); each bucket is priced by the version in force at its start. Units are grouped into one line per (meter,
 * version, tier) and each line is rounded once. Rating is a pure function of the usage and the tariffs, so rerating
 * after a correction is rating again and posting the difference.
 */
public final class Rating {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Rating() {
    }

    /** The lines of a period; usage without a tariff in force, or of an unpriced meter, is not charged. */
    public static List<RatedLine> rate(List<Usage> usage, TariffHistory tariffs) {
        List<Usage> ordered = new ArrayList<>(usage);
        ordered.sort(Comparator.comparing(Usage::bucketStart).thenComparing(Usage::meter));
        Map<Meter, BigDecimal> volume = new EnumMap<>(Meter.class);
        Map<String, Line> lines = new LinkedHashMap<>();
        CurrencyUnit currency = null;
        for (Usage u : ordered) {
            Optional<Tariff> tariff = tariffs.at(u.bucketStart());
            if (tariff.isEmpty() || tariff.get().price(u.meter()).isEmpty()) {
                continue;
            }
            Tariff t = tariff.get();
            if (currency != null && !currency.equals(t.currency())) {
                throw new MixedCurrencyException(currency, t.currency());
            }
            currency = t.currency();
            GraduatedPrice price = t.price(u.meter()).get();
            BigDecimal from = volume.getOrDefault(u.meter(), BigDecimal.ZERO);
            BigDecimal to = from.add(u.quantity());
            volume.put(u.meter(), to);
            for (GraduatedPrice.Slice slice : price.slices(from, to)) {
                Line line = lines.computeIfAbsent(u.meter() + "/" + t.version() + "/" + slice.tier(),
                        k -> new Line(u.meter(), t, slice.tier(), slice.unitPrice()));
                line.quantity = line.quantity.add(slice.quantity());
            }
        }
        List<RatedLine> out = new ArrayList<>();
        for (Line l : lines.values()) {
            out.add(l.rated());
        }
        return out;
    }

    /** A line being summed: exact quantity, priced at the end. */
    private static final class Line {

        final Meter meter;
        final Tariff tariff;
        final int tier;
        final BigDecimal unitPrice;
        BigDecimal quantity = BigDecimal.ZERO;

        Line(Meter meter, Tariff tariff, int tier, BigDecimal unitPrice) {
            this.meter = meter;
            this.tariff = tariff;
            this.tier = tier;
            this.unitPrice = unitPrice;
        }

        RatedLine rated() {
            CurrencyUnit c = tariff.currency();
            BigDecimal exact = quantity.multiply(unitPrice);
            Rounding.Rounded amount = Rounding.round(exact, c);
            Money operatorShare;
            Money partnerShare;
            BigDecimal shareExact = BigDecimal.ZERO;
            if (meter.direction() == Meter.Direction.OPERATOR_PAYS) {
                // The partner's share is rounded; the operator keeps the rest, so the shares sum to the amount.
                shareExact = amount.amount().toDecimal().multiply(tariff.revenueSharePercent())
                        .divide(HUNDRED, MathContext.DECIMAL128);
                partnerShare = Rounding.round(shareExact, c).amount();
                operatorShare = amount.amount().minus(partnerShare);
            } else {
                operatorShare = amount.amount();
                partnerShare = Money.zero(c);
            }
            return new RatedLine(meter, tariff.version(), tier, quantity, meter.unit(), unitPrice, amount.amount(),
                    amount.residue(), operatorShare, partnerShare, shareExact);
        }
    }
}

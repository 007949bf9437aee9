package io.peyk.billing.rating;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A graduated price over the period's cumulative volume: each unit costs the price of the tier it falls in (units 0 to
 * 10,000 at one price, the next ones at another...). Prices are exact: {@link #price(BigDecimal, BigDecimal)} of the
 * units between two cumulative volumes is what an aggregate costs when it arrives after {@code from} units of the period,
 * so rating aggregates one by one gives exactly the price of their sum (rating is additive, rerating posts deltas).
 */
public record GraduatedPrice(List<Tier> tiers) {

    public GraduatedPrice {
        tiers = List.copyOf(tiers);
        if (tiers.isEmpty()) {
            throw new IllegalArgumentException("a price has at least one tier");
        }
        BigDecimal previous = BigDecimal.ZERO;
        for (int i = 0; i < tiers.size(); i++) {
            Tier t = tiers.get(i);
            boolean last = i == tiers.size() - 1;
            if (t.upTo().isEmpty() != last) {
                throw new IllegalArgumentException("only the last tier, and it always, is unbounded");
            }
            if (t.upTo().isPresent()) {
                if (t.upTo().get().compareTo(previous) <= 0) {
                    throw new IllegalArgumentException("tier bounds must increase");
                }
                previous = t.upTo().get();
            }
        }
    }

    public static GraduatedPrice flat(String unitPrice) {
        return new GraduatedPrice(List.of(Tier.rest(unitPrice)));
    }

    /** The units of one tier between two cumulative volumes. */
    public record Slice(int tier, BigDecimal quantity, BigDecimal unitPrice) {
    }

    /** The units between cumulative volumes {@code from} and {@code to} ({@code 0 <= from <= to}), tier by tier. */
    public List<Slice> slices(BigDecimal from, BigDecimal to) {
        if (from.signum() < 0 || to.compareTo(from) < 0) {
            throw new IllegalArgumentException("volumes must satisfy 0 <= from <= to: " + from + ", " + to);
        }
        List<Slice> slices = new ArrayList<>();
        BigDecimal lower = BigDecimal.ZERO;
        for (int i = 0; i < tiers.size(); i++) {
            Tier tier = tiers.get(i);
            BigDecimal upper = tier.upTo().orElse(null);
            BigDecimal start = from.max(lower);
            BigDecimal end = upper == null ? to : to.min(upper);
            if (end.compareTo(start) > 0) {
                slices.add(new Slice(i, end.subtract(start), tier.unitPrice()));
            }
            if (upper == null || to.compareTo(upper) <= 0) {
                break;
            }
            lower = upper;
        }
        return slices;
    }

    /** The exact price of the units between cumulative volumes {@code from} and {@code to}. */
    public BigDecimal price(BigDecimal from, BigDecimal to) {
        BigDecimal total = BigDecimal.ZERO;
        for (Slice slice : slices(from, to)) {
            total = total.add(slice.quantity().multiply(slice.unitPrice()));
        }
        return total;
    }
}

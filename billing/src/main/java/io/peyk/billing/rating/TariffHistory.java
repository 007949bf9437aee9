package io.peyk.billing.rating;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A partner's tariff versions in order; the version in force at an instant is the latest effective at or before it. */
public record TariffHistory(List<Tariff> versions) {

    public TariffHistory {
        List<Tariff> sorted = new ArrayList<>(versions);
        sorted.sort(Comparator.comparing(Tariff::effectiveFrom).thenComparingInt(Tariff::version));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).version() <= sorted.get(i - 1).version()) {
                throw new IllegalArgumentException("a later version must take effect later or together with a higher"
                        + " number");
            }
            if (!sorted.get(i).partnerId().equals(sorted.get(0).partnerId())) {
                throw new IllegalArgumentException("one history per partner");
            }
        }
        versions = List.copyOf(sorted);
    }

    public Optional<Tariff> at(Instant instant) {
        Tariff found = null;
        for (Tariff t : versions) {
            if (!t.effectiveFrom().isAfter(instant)) {
                found = t;
            }
        }
        return Optional.ofNullable(found);
    }
}

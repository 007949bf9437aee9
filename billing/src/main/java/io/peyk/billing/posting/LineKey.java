package io.peyk.billing.posting;

import java.util.Comparator;
import java.util.Objects;

import io.peyk.billing.rating.Meter;

/** What identifies a statement line within a period's usage: a meter, the tariff version and the tier that priced it. */
public record LineKey(Meter meter, int tariffVersion, int tier) implements Comparable<LineKey> {

    private static final Comparator<LineKey> ORDER = Comparator.comparing(LineKey::meter)
            .thenComparingInt(LineKey::tariffVersion).thenComparingInt(LineKey::tier);

    public LineKey {
        Objects.requireNonNull(meter, "meter");
    }

    @Override
    public int compareTo(LineKey other) {
        return ORDER.compare(this, other);
    }
}

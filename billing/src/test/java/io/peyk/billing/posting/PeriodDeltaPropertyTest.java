package io.peyk.billing.posting;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.peyk.billing.ledger.Leg;
import io.peyk.billing.ledger.TransferCode;
import io.peyk.billing.ledger.TransferIds;
import io.peyk.billing.ledger.TransferRequest;
import io.peyk.billing.money.CurrencyUnit;
import io.peyk.billing.money.Money;
import io.peyk.billing.rating.GraduatedPrice;
import io.peyk.billing.rating.Meter;
import io.peyk.billing.rating.RatedLine;
import io.peyk.billing.rating.Rating;
import io.peyk.billing.rating.Tariff;
import io.peyk.billing.rating.TariffHistory;
import io.peyk.billing.rating.Tier;
import io.peyk.billing.rating.Usage;

/**
 * Property tests of "rate the period again, post the difference" over random event streams: whatever the order,
 * batching and duplicates, the posted lines end equal to rating all the usage at once; every transfer balances and the
 * balances sum to zero; replaying the same events in another order and batching gives an identical ledger; a period
 * closed part-way never changes again, and its later deltas land in the next period; rerating after a tariff correction
 * posts exactly the difference between the two ratings.
 */
class PeriodDeltaPropertyTest {

    private static final CurrencyUnit IRR = CurrencyUnit.IRR;
    private static final UUID PARTNER = UUID.fromString("6a0c9b9e-3b0f-4b55-9d2c-1b8f1f0e2a11");
    private static final Instant START = Instant.parse("2026-08-31T20:30:00Z");
    private static final Meter[] METERS = {Meter.SMS_SEGMENT, Meter.OTT_MESSAGE, Meter.SPONSORED_DATA,
            Meter.DATA_REVENUE_SHARE};

    private record Event(String id, Meter meter, Instant bucket, BigDecimal quantity) {
    }

    /** A ledger and posted lines kept in memory, fed only through {@link PeriodDelta}. */
    private static final class Books {

        final Map<LineKey, PostedLine> posted = new TreeMap<>();
        PostedTotals totals;
        final Map<String, Long> balances = new TreeMap<>();
        final Map<String, Map<LineKey, PostedLine>> byPostedPeriod = new TreeMap<>();
        /** What had been posted into 2026-09 when it closed ({@link #run}), if it closed. */
        Map<LineKey, PostedLine> frozenAtClose;
        int transfers;

        void post(List<RatedLine> rated, String intoPeriod) {
            Optional<PeriodDelta> d = PeriodDelta.between(rated, posted.values(), Optional.ofNullable(totals));
            if (d.isEmpty() || d.get().isEmpty()) {
                return;
            }
            PeriodDelta delta = d.get();
            for (PostedLine l : delta.lines()) {
                posted.merge(l.key(), l, Books::sum);
                byPostedPeriod.computeIfAbsent(intoPeriod, k -> new TreeMap<>()).merge(l.key(), l, Books::sum);
            }
            totals = totals == null ? delta.change() : totals.plus(delta.change());
            if (delta.movesMoney()) {
                TransferRequest t = delta.transfer(TransferIds.next(), TransferCode.USAGE, PARTNER,
                        java.time.YearMonth.of(2026, 9), "test");
                long sum = 0;
                for (Leg leg : t.legs()) {
                    balances.merge(leg.account().code(), leg.amount().minor(), Long::sum);
                    sum += leg.amount().minor();
                }
                assertThat(sum).as("a transfer balances").isZero();
                transfers++;
            }
        }

        static PostedLine sum(PostedLine a, PostedLine b) {
            return new PostedLine(a.key(), a.unit(), a.unitPrice(), a.quantity().add(b.quantity()),
                    a.amount().plus(b.amount()), a.operatorShare().plus(b.operatorShare()),
                    a.partnerShare().plus(b.partnerShare()));
        }

        Map<LineKey, List<Object>> nonZeroLines() {
            Map<LineKey, List<Object>> out = new TreeMap<>();
            posted.forEach((k, l) -> {
                if (!l.isZero()) {
                    out.put(k, List.of(l.quantity().stripTrailingZeros(), l.amount(), l.partnerShare()));
                }
            });
            return out;
        }
    }

    private static TariffHistory tariffs(Random r, int versions) {
        List<Tariff> out = new ArrayList<>();
        for (int v = 1; v <= versions; v++) {
            Map<Meter, GraduatedPrice> prices = new EnumMap<>(Meter.class);
            for (Meter m : METERS) {
                if (r.nextInt(5) == 0) {
                    continue; // an unpriced meter
                }
                List<Tier> tiers = new ArrayList<>();
                int n = 1 + r.nextInt(3);
                long bound = 0;
                for (int i = 0; i < n; i++) {
                    String price = BigDecimal.valueOf(r.nextInt(20_000), r.nextInt(4)).toPlainString();
                    if (i == n - 1) {
                        tiers.add(Tier.rest(price));
                    } else {
                        bound += 1 + r.nextInt(50);
                        tiers.add(Tier.upTo(bound, price));
                    }
                }
                prices.put(m, new GraduatedPrice(tiers));
            }
            if (prices.isEmpty()) {
                prices.put(Meter.SMS_SEGMENT, GraduatedPrice.flat("7"));
            }
            Instant from = v == 1 ? START.minus(1, ChronoUnit.DAYS) : START.plus(r.nextInt(29 * 24), ChronoUnit.HOURS);
            if (!out.isEmpty() && from.isBefore(out.get(out.size() - 1).effectiveFrom())) {
                from = out.get(out.size() - 1).effectiveFrom();
            }
            out.add(new Tariff(PARTNER, v, from, IRR, prices, BigDecimal.valueOf(r.nextInt(10_001), 2)));
        }
        return new TariffHistory(out);
    }

    private static List<Event> events(Random r, int n) {
        List<Event> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Meter m = METERS[r.nextInt(METERS.length)];
            BigDecimal q = m.unit().equals("MB")
                    ? BigDecimal.valueOf(r.nextInt(5_000_000), 6)
                    : BigDecimal.valueOf(1 + r.nextInt(12));
            out.add(new Event("e" + i, m, START.plus(r.nextInt(30 * 24), ChronoUnit.HOURS), q));
        }
        // Duplicates: the same id again (a retry), which must change nothing.
        int dups = n / 10;
        for (int i = 0; i < dups; i++) {
            out.add(out.get(r.nextInt(n)));
        }
        return out;
    }

    /** Dedup by id, aggregate per (meter, hour): what metering stores. */
    private static List<Usage> aggregate(List<Event> seen) {
        Map<String, Event> unique = new LinkedHashMap<>();
        seen.forEach(e -> unique.putIfAbsent(e.id(), e));
        Map<String, Usage> agg = new HashMap<>();
        for (Event e : unique.values()) {
            agg.merge(e.meter() + "@" + e.bucket(), new Usage(e.meter(), e.bucket(), e.quantity()),
                    (a, b) -> new Usage(a.meter(), a.bucketStart(), a.quantity().add(b.quantity())));
        }
        return new ArrayList<>(agg.values());
    }

    /**
     * Feeds events in random batches, rating and posting the delta after each; 2026-09 closes after batch
     * {@code closeAfterBatch}, later deltas go into 2026-10.
     */
    private static Books run(List<Event> events, TariffHistory tariffs, Random r, int closeAfterBatch) {
        Books books = new Books();
        List<Event> seen = new ArrayList<>();
        int i = 0;
        int batch = 0;
        while (i < events.size()) {
            int size = 1 + r.nextInt(Math.max(1, events.size() / 5));
            seen.addAll(events.subList(i, Math.min(events.size(), i + size)));
            i += size;
            batch++;
            boolean closed = batch > closeAfterBatch;
            if (closed && books.frozenAtClose == null) {
                books.frozenAtClose = new TreeMap<>(books.byPostedPeriod.getOrDefault("2026-09", Map.of()));
            }
            books.post(Rating.rate(aggregate(seen), tariffs), closed ? "2026-10" : "2026-09");
        }
        return books;
    }

    @Test
    void postingDeltasConvergesToRatingEverythingAtOnceAndConservesMoney() {
        Random r = new Random(20261201);
        for (int round = 0; round < 300; round++) {
            TariffHistory tariffs = tariffs(r, 1 + r.nextInt(3));
            List<Event> events = events(r, 5 + r.nextInt(120));
            List<RatedLine> all = Rating.rate(aggregate(events), tariffs);
            Books books = run(events, tariffs, r, Integer.MAX_VALUE);
            Map<LineKey, List<Object>> expected = new TreeMap<>();
            for (RatedLine l : all) {
                if (!PostedLine.of(l).isZero()) {
                    expected.put(PostedLine.of(l).key(), List.of(l.quantity().stripTrailingZeros(), l.amount(),
                            l.partnerShare()));
                }
            }
            assertThat(books.nonZeroLines()).as("round %d", round).isEqualTo(expected);
            if (books.totals != null) {
                assertThat(books.totals).isEqualTo(PostedTotals.of(all, IRR));
                long sum = books.balances.values().stream().mapToLong(Long::longValue).sum();
                assertThat(sum).as("money is conserved").isZero();
                PostedTotals t = PostedTotals.of(all, IRR);
                assertThat(books.balances.getOrDefault("partner:" + PARTNER + ":receivable:IRR", 0L))
                        .isEqualTo(t.charges().minor());
                assertThat(books.balances.getOrDefault("partner:" + PARTNER + ":payable:IRR", 0L))
                        .isEqualTo(-t.share().minor());
                BigDecimal exact = all.stream().filter(l -> l.meter().direction() == Meter.Direction.PARTNER_PAYS)
                        .map(RatedLine::exactSettled).reduce(BigDecimal.ZERO, BigDecimal::add);
                assertThat(exact.subtract(t.revenue().toDecimal()).abs()).isLessThanOrEqualTo(new BigDecimal("0.5"));
            }
        }
    }

    @Test
    void replayingTheSameEventsInAnotherOrderGivesAnIdenticalLedger() {
        Random r = new Random(7);
        for (int round = 0; round < 200; round++) {
            TariffHistory tariffs = tariffs(r, 1 + r.nextInt(3));
            List<Event> events = events(r, 5 + r.nextInt(100));
            Books first = run(events, tariffs, r, Integer.MAX_VALUE);
            List<Event> shuffled = new ArrayList<>(events);
            Collections.shuffle(shuffled, r);
            Books replay = run(shuffled, tariffs, r, Integer.MAX_VALUE);
            assertThat(replay.nonZeroLines()).isEqualTo(first.nonZeroLines());
            assertThat(replay.totals).isEqualTo(first.totals);
            Map<String, Long> a = new TreeMap<>(first.balances);
            Map<String, Long> b = new TreeMap<>(replay.balances);
            a.values().removeIf(v -> v == 0);
            b.values().removeIf(v -> v == 0);
            assertThat(b).isEqualTo(a);
        }
    }

    @Test
    void aClosedPeriodNeverChangesAndItsLaterDeltasLandInTheNextPeriod() {
        Random r = new Random(11);
        for (int round = 0; round < 200; round++) {
            TariffHistory tariffs = tariffs(r, 1 + r.nextInt(2));
            List<Event> events = events(r, 10 + r.nextInt(100));
            Books books = run(events, tariffs, r, 1 + r.nextInt(3));
            Map<LineKey, PostedLine> frozen = books.frozenAtClose;
            if (frozen != null) {
                assertThat(books.byPostedPeriod.getOrDefault("2026-09", Map.of())).isEqualTo(frozen);
            }
            // What was posted into both periods together is the rating of all the usage.
            Map<LineKey, PostedLine> together = new TreeMap<>();
            books.byPostedPeriod.values().forEach(m -> m.values().forEach(l -> together.merge(l.key(), l,
                    Books::sum)));
            assertThat(together).isEqualTo(books.posted);
        }
    }

    @Test
    void reratingAfterATariffCorrectionPostsExactlyTheDifference() {
        Random r = new Random(3);
        for (int round = 0; round < 200; round++) {
            TariffHistory before = tariffs(r, 1);
            List<Event> events = events(r, 5 + r.nextInt(80));
            List<Usage> usage = aggregate(events);
            Books books = new Books();
            books.post(Rating.rate(usage, before), "2026-09");
            PostedTotals beforeTotals = books.totals;
            Tariff v1 = before.versions().get(0);
            Tariff correction = tariffs(r, 1).versions().get(0);
            TariffHistory after = new TariffHistory(List.of(v1, new Tariff(PARTNER, 2, v1.effectiveFrom(), IRR,
                    correction.prices(), correction.revenueSharePercent())));
            List<RatedLine> rerated = Rating.rate(usage, after);
            Optional<PeriodDelta> delta = PeriodDelta.between(rerated, books.posted.values(),
                    Optional.ofNullable(beforeTotals));
            if (delta.isEmpty()) {
                continue;
            }
            PostedTotals expectedChange = PostedTotals.of(rerated, IRR).minus(beforeTotals == null
                    ? PostedTotals.zero(IRR)
                    : beforeTotals);
            assertThat(delta.get().change()).isEqualTo(expectedChange);
            books.post(rerated, "2026-09");
            // Posting the same rating again changes nothing.
            int transfers = books.transfers;
            books.post(rerated, "2026-09");
            assertThat(books.transfers).isEqualTo(transfers);
            assertThat(PeriodDelta.between(rerated, books.posted.values(), Optional.ofNullable(books.totals)).get()
                    .isEmpty()).isTrue();
            Money zero = Money.zero(IRR);
            assertThat(books.posted.values().stream().filter(l -> l.key().tariffVersion() == 1)
                    .map(PostedLine::amount).reduce(zero, Money::plus)).isEqualTo(zero);
        }
    }
}

package io.peyk.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.peyk.billing.ledger.Account;
import io.peyk.billing.ledger.AccountKind;
import io.peyk.billing.ledger.Ledger;
import io.peyk.billing.ledger.LedgerPostings;
import io.peyk.billing.ledger.TransferCode;
import io.peyk.billing.ledger.TransferIds;
import io.peyk.billing.ledger.TransferRequest;
import io.peyk.billing.money.CurrencyUnit;
import io.peyk.billing.money.Money;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

/**
 * Ledger throughput ({@code --mode=ledger}): transfers per second through the real {@link Ledger#post(TransferRequest)}
 * (one statement, autocommit) on a Vert.x pool of this JVM (one connection per concurrent poster, prepared statements
 * cached) to the gateway's embedded PostgreSQL. Posters are threads, each waiting for its post before the next.
 * Scenarios: two legs and five legs, concurrency 1/16/64, spread (a random one of {@code --partners} partners, and for
 * five legs a random one of {@link #CURRENCIES}) or hot (always the same accounts). Each scenario: a warm-up, then a
 * timed window; {@code --runs} rounds, interleaved. Afterwards: the sum of balances per currency must be 0, every
 * balance must equal the sum of its entries, and the rows must be as many as the posts that succeeded. Options:
 * {@code --seconds=8}, {@code --warmup-seconds=2}, {@code --runs=3}, {@code --partners=500}.
 */
final class LedgerBench {

    static final List<String> CURRENCIES = List.of("IRR", "USD", "EUR", "GBP", "AED", "TRY", "CNY", "JPY", "INR", "RUB",
            "CHF", "CAD", "AUD", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF", "KRW", "SGD", "HKD", "NZD", "ZAR", "BRL", "MXN",
            "SAR", "QAR", "KWD", "OMR", "BHD", "IQD");
    static final int[] CONCURRENCY = {1, 16, 64};
    static final YearMonth PERIOD = YearMonth.of(2026, 10);

    private record Scenario(int legs, boolean hot, int concurrency) {

        String label() {
            return legs + " legs, " + (hot ? "hot pair" : "spread") + ", c=" + concurrency;
        }
    }

    private record Result(Scenario scenario, long ok, long failed, double seconds, Percentiles latency) {

        long perSecond() {
            return Math.round(ok / seconds);
        }
    }

    private LedgerBench() {
    }

    static void run(Args a, Path jar) throws Exception {
        int seconds = a.integer("seconds", 8, 1, 600);
        int warmup = a.integer("warmup-seconds", 2, 0, 600);
        int runs = a.integer("runs", 3, 1, 10);
        int partnerCount = a.integer("partners", 500, 2, 10_000);
        try (GatewayProcess gateway = GatewayProcess.start(jar, a.values("gateway-opt"))) {
            int port = gateway.postgresPort().orElseThrow(() -> new IllegalStateException("no PostgreSQL port"));
            Psql psql = new Psql(port);
            GatewayApi api = new GatewayApi(GatewayApi.newHttpClient(), gateway.baseUrl());
            System.out.printf("gateway pid %d, PostgreSQL on %d: %s%n", gateway.pid(), port,
                    psql.run("SELECT 'synchronous_commit=' || current_setting('synchronous_commit') || ' fsync='"
                            + " || current_setting('fsync') || ' shared_buffers=' || current_setting('shared_buffers')"));
            List<UUID> partners = new ArrayList<>();
            for (int i = 0; i < partnerCount; i++) {
                partners.add(UUID.fromString(api.createPartner(List.of("Bench")).id()));
            }
            Vertx vertx = Vertx.vertx();
            Pool pool = Pool.newInstance(PgBuilder.pool()
                    .with(new PoolOptions().setMaxSize(64).setMaxWaitQueueSize(1024))
                    .connectingTo(new PgConnectOptions().setHost("127.0.0.1").setPort(port).setUser("postgres")
                            .setPassword("postgres").setDatabase("postgres").setCachePreparedStatements(true))
                    .using(vertx.getDelegate()).build());
            try {
                Ledger ledger = new Ledger(pool);
                long openStart = System.nanoTime();
                List<Supplier<Uni<Account>>> opens = new ArrayList<>();
                for (String c : CURRENCIES) {
                    CurrencyUnit currency = CurrencyUnit.of(c);
                    for (UUID p : partners) {
                        opens.add(() -> ledger.account(AccountKind.PARTNER_RECEIVABLE, Optional.of(p), currency));
                        opens.add(() -> ledger.account(AccountKind.PARTNER_PAYABLE, Optional.of(p), currency));
                    }
                    for (AccountKind k : List.of(AccountKind.OPERATOR_REVENUE, AccountKind.SUSPENSE,
                            AccountKind.ROUNDING)) {
                        opens.add(() -> ledger.account(k, Optional.empty(), currency));
                    }
                }
                for (int i = 0; i < opens.size(); i += 64) {
                    Uni.join().all(opens.subList(i, Math.min(opens.size(), i + 64)).stream().map(Supplier::get).toList())
                            .andFailFast().await().atMost(Duration.ofSeconds(60));
                }
                System.out.printf("%d accounts opened in %.1f s%n", psql.number("SELECT count(*) FROM ledger_account"),
                        BillingBenchMain.seconds(openStart, System.nanoTime()));
                List<Scenario> scenarios = new ArrayList<>();
                for (int legs : new int[]{2, 5}) {
                    for (boolean hot : new boolean[]{false, true}) {
                        for (int c : CONCURRENCY) {
                            scenarios.add(new Scenario(legs, hot, c));
                        }
                    }
                }
                List<Result> results = new ArrayList<>();
                long okTotal = 0;
                for (int run = 1; run <= runs; run++) {
                    for (Scenario s : scenarios) {
                        Supplier<TransferRequest> next = transfers(s, partners);
                        okTotal += measure(ledger, s, next, Duration.ofSeconds(warmup)).ok();
                        Result r = measure(ledger, s, next, Duration.ofSeconds(seconds));
                        okTotal += r.ok();
                        results.add(r);
                        System.out.printf("run %d %-28s %,7d transfers/s  ok %,d failed %d  latency ms %s  load %s%n", run,
                                s.label(), r.perSecond(), r.ok(), r.failed(), r.latency().format(),
                                MachineStats.loadAverage());
                    }
                }
                System.out.println();
                System.out.println(
                        "| scenario | runs | transfers/s median (range) | failed | latency p50 / p99 / max (ms), median run |");
                System.out.println("| --- | ---: | ---: | ---: | --- |");
                for (Scenario s : scenarios) {
                    List<Result> rs = results.stream().filter(r -> r.scenario().equals(s)).toList();
                    long[] v = rs.stream().mapToLong(Result::perSecond).toArray();
                    long median = ResultTable.median(v);
                    Result mid = rs.stream().min((x, y) -> Long.compare(Math.abs(x.perSecond() - median),
                            Math.abs(y.perSecond() - median))).orElseThrow();
                    System.out.printf("| %s | %d | %,d (%,d–%,d) | %d | %s |%n", s.label(), rs.size(), median,
                            java.util.Arrays.stream(v).min().orElseThrow(), java.util.Arrays.stream(v).max().orElseThrow(),
                            rs.stream().mapToLong(Result::failed).sum(), mid.latency().format());
                }
                check(psql, okTotal);
            } finally {
                pool.closeAndAwait();
                vertx.closeAndAwait();
            }
        }
    }

    /** The transfers of a scenario (thread-safe). */
    private static Supplier<TransferRequest> transfers(Scenario s, List<UUID> partners) {
        return () -> {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            UUID partner = s.hot() ? partners.get(0) : partners.get(r.nextInt(partners.size()));
            CurrencyUnit currency = CurrencyUnit.of(s.hot() || s.legs() == 2
                    ? "IRR"
                    : CURRENCIES.get(r.nextInt(CURRENCIES.size())));
            long gross = 1_000 + r.nextInt(100_000);
            var b = LedgerPostings.transfer(TransferIds.next(), TransferCode.USAGE).partner(partner).period(PERIOD)
                    .description("bench");
            Account receivable = Account.partner(AccountKind.PARTNER_RECEIVABLE, partner, currency);
            Account payable = Account.partner(AccountKind.PARTNER_PAYABLE, partner, currency);
            if (s.legs() == 2) {
                return b.debit(receivable, Money.ofMinor(gross, currency)).credit(payable, Money.ofMinor(gross, currency))
                        .build();
            }
            // Gross to the partner's receivable; the partner's share, the operator's revenue, tax and rounding.
            long share = gross * 3 / 10;
            long tax = gross / 10;
            long rounding = 1;
            long revenue = gross - share - tax - rounding;
            return b.debit(receivable, Money.ofMinor(gross, currency)).credit(payable, Money.ofMinor(share, currency))
                    .credit(Account.operator(AccountKind.OPERATOR_REVENUE, currency), Money.ofMinor(revenue, currency))
                    .credit(Account.operator(AccountKind.SUSPENSE, currency), Money.ofMinor(tax, currency))
                    .credit(Account.operator(AccountKind.ROUNDING, currency), Money.ofMinor(rounding, currency))
                    .build();
        };
    }

    private static Result measure(Ledger ledger, Scenario s, Supplier<TransferRequest> next, Duration length)
            throws InterruptedException {
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<long[]> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + length.toNanos();
        for (int i = 0; i < s.concurrency(); i++) {
            long[] lat = new long[2_000_000 / s.concurrency()];
            latencies.add(lat);
            int slot = i;
            Thread t = new Thread(() -> {
                int n = 0;
                while (System.nanoTime() < end) {
                    TransferRequest transfer = next.get();
                    long t0 = System.nanoTime();
                    try {
                        ledger.post(transfer).await().atMost(Duration.ofSeconds(30));
                        ok.incrementAndGet();
                        if (n < lat.length) {
                            lat[n++] = System.nanoTime() - t0;
                        }
                    } catch (RuntimeException e) {
                        if (failed.incrementAndGet() <= 3) {
                            System.out.println("post failed: " + e);
                        }
                    }
                }
                latencies.set(slot, java.util.Arrays.copyOf(lat, n));
            }, "ledger-poster-" + i);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = BillingBenchMain.seconds(start, System.nanoTime());
        long[] all = latencies.stream().flatMapToLong(java.util.Arrays::stream).toArray();
        return new Result(s, ok.get(), failed.get(), seconds, Percentiles.of(all));
    }

    private static void check(Psql psql, long posted) throws Exception {
        String unbalanced = psql.run("SELECT coalesce(string_agg(currency || '=' || total, ','), 'none') FROM"
                + " (SELECT currency, sum(balance_minor) AS total FROM ledger_account GROUP BY currency"
                + " HAVING sum(balance_minor) <> 0) u");
        String drift = psql.run("SELECT count(*) FROM ledger_account a LEFT JOIN (SELECT account_id, sum(amount_minor) AS s,"
                + " count(*) AS n FROM ledger_entry GROUP BY account_id) e ON e.account_id = a.id"
                + " WHERE a.balance_minor <> coalesce(e.s, 0) OR a.version <> coalesce(e.n, 0)");
        long transfers = psql.number("SELECT count(*) FROM ledger_transfer");
        long entries = psql.number("SELECT count(*) FROM ledger_entry");
        System.out.printf("check: currencies whose balances do not sum to 0: %s; accounts whose balance or version"
                + " differ from their entries: %s; transfers %,d (posts that succeeded %,d); entries %,d%n", unbalanced,
                drift, transfers, posted, entries);
        if (!"none".equals(unbalanced) || !"0".equals(drift) || transfers != posted) {
            throw new IllegalStateException("ledger check failed");
        }
    }
}

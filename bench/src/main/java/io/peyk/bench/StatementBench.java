package io.peyk.bench;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Statement and reconciliation latency over many raw usage rows ({@code --mode=statement}). A fresh gateway, one partner
 * (Asia/Tehran) with the bench tariff, and {@code --rows} usage events of October 2026 written straight into
 * {@code usage_event} and {@code usage_aggregate} with SQL ({@code generate_series} through psql, in chunks of
 * {@code --chunk} rows, each chunk one statement that inserts the events and adds them to their hourly aggregates like
 * the metering store does), then the pair marked due and the rater left to post it. Timed (client side, HTTP):
 * {@code GET /v1/finance/statements/{partner}/2026-10} as JSON, CSV and PDF ({@code --repeat} times each after one
 * warm-up) and {@code GET /v1/finance/reconciliation?period=2026-10} ({@code --repeat-reconciliation} times), which reads
 * the raw events. Options: {@code --rows=10000000}, {@code --chunk=1000000}, {@code --repeat=5},
 * {@code --repeat-reconciliation=3}. Last, {@code EXPLAIN ANALYZE} of the reconciliation's raw-event query as the gateway
 * runs it and as rewritten with each partner's period bounds computed once.
 */
final class StatementBench {

    static final String PERIOD = "2026-10";
    static final Duration POST_TIMEOUT = Duration.ofMinutes(5);

    private StatementBench() {
    }

    static void run(Args a, Path jar) throws Exception {
        int rows = a.integer("rows", 10_000_000, 1, 100_000_000);
        int chunk = a.integer("chunk", 1_000_000, 1, 5_000_000);
        int repeat = a.integer("repeat", 5, 1, 100);
        int repeatReconciliation = a.integer("repeat-reconciliation", 3, 1, 20);
        try (GatewayProcess gateway = GatewayProcess.start(jar, a.values("gateway-opt"))) {
            GatewayApi api = new GatewayApi(GatewayApi.newHttpClient(), gateway.baseUrl());
            BillingApi billing = new BillingApi(api.http(), gateway.baseUrl());
            Psql psql = new Psql(gateway.postgresPort().orElseThrow(() -> new IllegalStateException("no PostgreSQL port")));
            String partner = api.createPartner(List.of("Bench")).id();
            billing.addBenchTariff(partner);
            String key = billing.financeKey("bench");
            System.out.printf("gateway pid %d on %s (log %s), partner %s%n", gateway.pid(), gateway.baseUrl(),
                    gateway.log(), partner);
            long insertStart = System.nanoTime();
            for (long from = 1; from <= rows; from += chunk) {
                long to = Math.min(rows, from + chunk - 1);
                long t = System.nanoTime();
                psql.run(insertChunk(partner, from, to));
                System.out.printf("rows %,d..%,d inserted in %.1f s (load %s)%n", from, to,
                        BillingBenchMain.seconds(t, System.nanoTime()), MachineStats.loadAverage());
            }
            double insertSeconds = BillingBenchMain.seconds(insertStart, System.nanoTime());
            long t = System.nanoTime();
            psql.run("ANALYZE usage_event");
            psql.run("ANALYZE usage_aggregate");
            System.out.printf("%,d rows inserted in %.1f s (%,.0f rows/s); ANALYZE %.1f s; usage_event %s, its indexes %s%n",
                    rows, insertSeconds, rows / insertSeconds, BillingBenchMain.seconds(t, System.nanoTime()),
                    psql.run("SELECT pg_size_pretty(pg_relation_size('usage_event'))"),
                    psql.run("SELECT pg_size_pretty(pg_indexes_size('usage_event'))"));
            long markedAt = System.nanoTime();
            psql.run("INSERT INTO rating_due (partner_id, period) VALUES ('" + partner + "', '" + PERIOD + "')"
                    + " ON CONFLICT (partner_id, period) DO UPDATE SET seq = rating_due.seq + 1, marked_at = now(),"
                    + " retry_at = now()");
            long deadline = markedAt + POST_TIMEOUT.toNanos();
            while (psql.number("SELECT count(*) FROM rating_due") > 0
                    || psql.number("SELECT count(*) FROM billing_revision") == 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("not posted within " + POST_TIMEOUT);
                }
                Thread.sleep(100);
            }
            System.out.printf("rated and posted %.1f s after the mark (rater interval 1 s); revisions %s, lines %s,"
                    + " events rated %s%n", BillingBenchMain.seconds(markedAt, System.nanoTime()),
                    psql.run("SELECT count(*) FROM billing_revision"), psql.run("SELECT count(*) FROM billing_posting_line"),
                    psql.run("SELECT sum(rated_events) FROM billing_revision"));
            String statement = "/v1/finance/statements/" + partner + "/" + PERIOD;
            List<String> table = new ArrayList<>();
            for (String format : List.of("json", "csv", "pdf")) {
                table.add(time(billing, key, statement + "?format=" + format, "statement " + format.toUpperCase(),
                        1, repeat));
            }
            table.add(time(billing, key, "/v1/finance/reconciliation?period=" + PERIOD, "reconciliation", 0,
                    repeatReconciliation));
            System.out.println();
            System.out.printf("statement over %,d usage rows (one partner, one month)%n", rows);
            System.out.println("| request | runs | median ms (range) | bytes |");
            System.out.println("| --- | ---: | ---: | ---: |");
            table.forEach(System.out::println);
            System.out.println();
            System.out.println("EXPLAIN ANALYZE of the reconciliation's raw-event query:");
            System.out.println(psql.run("EXPLAIN (ANALYZE, BUFFERS) SELECT e.partner_id, e.meter, count(*) AS events,"
                    + " sum(e.quantity) AS quantity FROM usage_event e JOIN partner p ON p.id = e.partner_id"
                    + " WHERE bucket_start >= (('" + PERIOD + "' || '-01')::timestamp AT TIME ZONE p.time_zone)"
                    + " AND bucket_start < ((('" + PERIOD + "' || '-01')::timestamp + interval '1 month')"
                    + " AT TIME ZONE p.time_zone) GROUP BY e.partner_id, e.meter"));
            System.out.println();
            System.out.println("EXPLAIN ANALYZE of the same query with each partner's bounds computed once (a proposed"
                    + " rewrite, not the gateway's query):");
            System.out.println(psql.run("EXPLAIN (ANALYZE, BUFFERS) WITH b AS MATERIALIZED (SELECT p.id,"
                    + " (('" + PERIOD + "' || '-01')::timestamp AT TIME ZONE p.time_zone) AS lo,"
                    + " ((('" + PERIOD + "' || '-01')::timestamp + interval '1 month') AT TIME ZONE p.time_zone) AS hi"
                    + " FROM partner p) SELECT e.partner_id, e.meter, count(*) AS events, sum(e.quantity) AS quantity"
                    + " FROM b JOIN usage_event e ON e.partner_id = b.id AND e.bucket_start >= b.lo"
                    + " AND e.bucket_start < b.hi GROUP BY e.partner_id, e.meter"));
        }
    }

    /** One chunk of events and their aggregates, in one statement (like the metering store's, minus rating_due). */
    static String insertChunk(String partner, long from, long to) {
        return """
                WITH ins AS (
                    INSERT INTO usage_event (source, event_id, partner_id, meter, number, quantity, event_time, bucket_start)
                    SELECT 'gateway', 'st-' || g, '%1$s'::uuid,
                           (ARRAY['SMS_SEGMENT', 'OTT_MESSAGE', 'DATA_REVENUE_SHARE'])[1 + g %% 3],
                           '+98912' || lpad((g %% 10000000)::text, 7, '0'),
                           CASE g %% 3 WHEN 0 THEN 1 + g %% 4 WHEN 1 THEN 1 ELSE (1 + g %% 10) / 10.0 END,
                           ts, date_trunc('hour', ts AT TIME ZONE 'Asia/Tehran') AT TIME ZONE 'Asia/Tehran'
                      FROM generate_series(%2$d::bigint, %3$d::bigint) g,
                           LATERAL (SELECT timestamptz '2026-09-30 20:30:00+00'
                                           + ((g * 7) %% 2678400) * interval '1 second' AS ts) t
                    RETURNING partner_id, meter, bucket_start, quantity)
                INSERT INTO usage_aggregate (partner_id, meter, bucket_start, quantity, events)
                SELECT partner_id, meter, bucket_start, sum(quantity), count(*) FROM ins
                 GROUP BY partner_id, meter, bucket_start
                ON CONFLICT (partner_id, meter, bucket_start) DO UPDATE
                   SET quantity = usage_aggregate.quantity + EXCLUDED.quantity,
                       events = usage_aggregate.events + EXCLUDED.events, updated_at = now()
                """.formatted(partner, from, to);
    }

    private static String time(BillingApi billing, String key, String path, String label, int warmups, int runs)
            throws Exception {
        for (int i = 0; i < warmups; i++) {
            check(billing.finance(key, path), label);
        }
        long[] nanos = new long[runs];
        int bytes = 0;
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            HttpResponse<byte[]> r = billing.finance(key, path);
            nanos[i] = System.nanoTime() - t;
            check(r, label);
            bytes = r.body().length;
            System.out.printf("%s: %.1f ms%n", label, nanos[i] / 1e6);
        }
        long median = ResultTable.median(nanos);
        return String.format("| %s | %d | %.1f (%.1f–%.1f) | %,d |", label, runs, median / 1e6,
                Arrays.stream(nanos).min().orElseThrow() / 1e6, Arrays.stream(nanos).max().orElseThrow() / 1e6, bytes);
    }

    private static void check(HttpResponse<byte[]> r, String label) {
        if (r.statusCode() != 200) {
            throw new IllegalStateException(label + " answered " + r.statusCode() + ": "
                    + new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}

package io.peyk.bench;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Metering and rating throughput ({@code --mode=usage}). Per run, a fresh gateway; {@code --partners} partners with the
 * bench tariff (every meter priced); {@code --events} usage events over three meters (sms.segment, ott.message,
 * data.revenue), random partners and random seconds of October 2026 in Tehran, produced into {@code peyk.usage-events}
 * in ONE Kafka transaction. The gateway's consumer reads {@code read_committed}, so it sees nothing until the commit:
 * the clock starts at the commit. Measured: until the gateway's {@code peyk_metering_events_stored_total} reaches the
 * events sent (stored and aggregated), and until {@code rating_due} is empty with the posted quantities
 * ({@code billing_posting_line}) equal to those sent, per meter (rated and posted). Options: {@code --events=1000000},
 * {@code --partners=100}, {@code --runs=3}, {@code --max-poll-records=2000} (the gateway's
 * {@code peyk.billing.metering.max-poll-records}), {@code --ordered} (event times rising through the month with the
 * event number, as live traffic arrives, instead of random: a batch then touches few hourly aggregates),
 * {@code --gateway-opt=...}.
 */
final class UsageBench {

    static final Duration STORE_TIMEOUT = Duration.ofMinutes(15);
    static final Duration RATE_TIMEOUT = Duration.ofMinutes(10);
    /** October 2026 in Asia/Tehran (UTC+03:30): [2026-09-30T20:30Z, 2026-10-31T20:30Z). */
    static final Instant MONTH_START = Instant.parse("2026-09-30T20:30:00Z");
    static final int MONTH_SECONDS = 31 * 24 * 3600;

    private enum Kind {

        SMS_SEGMENT("sms.segment", "segment"), OTT_MESSAGE("ott.message", "message"), DATA_REVENUE_SHARE("data.revenue",
                "MB");

        final String kind;
        final String unit;

        Kind(String kind, String unit) {
            this.kind = kind;
            this.unit = unit;
        }
    }

    private record Run(int run, long events, double produceSeconds, double storedSeconds, double ratedSeconds,
            double dbSpanSeconds, long batches, long revisions, long transfers, String cpu, String load) {
    }

    private UsageBench() {
    }

    static void run(Args a, Path jar) throws Exception {
        int events = a.integer("events", 1_000_000, 1, 20_000_000);
        int partners = a.integer("partners", 100, 1, 10_000);
        int runs = a.integer("runs", 3, 1, 10);
        int maxPoll = a.integer("max-poll-records", 2000, 1, 100_000);
        boolean ordered = a.flag("ordered");
        List<Run> results = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            results.add(once(run, events, partners, maxPoll, ordered, a.values("gateway-opt"), jar));
        }
        System.out.println();
        System.out.printf("usage: %,d events, %d partners, max-poll-records %d, event times %s%n", events, partners,
                maxPoll, ordered ? "in order" : "random in the month");
        System.out
                .println("| run | load avg at start | produce (s) | stored+aggregated (s) | events/s stored | rated+posted (s)"
                        + " | events/s to posted | DB span first→last batch (s) | batches | revisions | transfers"
                        + " | CPU µs/event machine / gateway / PostgreSQL / bench |");
        System.out.println("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        for (Run r : results) {
            System.out.printf("| %d | %s | %.1f | %.1f | %,.0f | %.1f | %,.0f | %.1f | %d | %d | %d | %s |%n", r.run(),
                    r.load(), r.produceSeconds(), r.storedSeconds(), r.events() / r.storedSeconds(), r.ratedSeconds(),
                    r.events() / r.ratedSeconds(), r.dbSpanSeconds(), r.batches(), r.revisions(), r.transfers(), r.cpu());
        }
        long[] stored = results.stream().mapToLong(r -> Math.round(r.events() / r.storedSeconds())).toArray();
        long[] rated = results.stream().mapToLong(r -> Math.round(r.events() / r.ratedSeconds())).toArray();
        System.out.printf("median events/s stored %,d, to posted %,d%n", ResultTable.median(stored),
                ResultTable.median(rated));
    }

    private static Run once(int run, int events, int partners, int maxPoll, boolean ordered, List<String> extraOpts,
            Path jar)
            throws Exception {
        List<String> opts = new ArrayList<>(List.of("-Dpeyk.billing.metering.max-poll-records=" + maxPoll));
        opts.addAll(extraOpts);
        String load = MachineStats.loadAverage();
        try (GatewayProcess gateway = GatewayProcess.start(jar, opts)) {
            GatewayApi api = new GatewayApi(GatewayApi.newHttpClient(), gateway.baseUrl());
            BillingApi billing = new BillingApi(api.http(), gateway.baseUrl());
            Psql psql = new Psql(gateway.postgresPort().orElseThrow(() -> new IllegalStateException("no PostgreSQL port")));
            String bootstrap = gateway.kafkaBootstrap().orElseThrow(() -> new IllegalStateException("no Kafka address"));
            System.out.printf("run %d: gateway pid %d on %s (log %s), load %s, PostgreSQL %s%n", run, gateway.pid(),
                    gateway.baseUrl(), gateway.log(), load, psql.run("SELECT 'synchronous_commit=' ||"
                            + " current_setting('synchronous_commit') || ' fsync=' || current_setting('fsync')"
                            + " || ' shared_buffers=' || current_setting('shared_buffers')"));
            List<String> ids = new ArrayList<>();
            for (int p = 0; p < partners; p++) {
                String id = api.createPartner(List.of("Bench")).id();
                billing.addBenchTariff(id);
                ids.add(id);
            }
            Map<Kind, BigDecimal> sent = new EnumMap<>(Kind.class);
            Random random = new Random(42 + run);
            Map<String, Object> props = new HashMap<>();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "peyk-bench-usage-" + System.nanoTime());
            props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 900_000);
            props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
            props.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
            props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 256L * 1024 * 1024);
            long produceStart = System.nanoTime();
            long[] tenths = new long[Kind.values().length];
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                    new StringSerializer())) {
                producer.initTransactions();
                producer.beginTransaction();
                for (int i = 0; i < events; i++) {
                    Kind k = Kind.values()[i % 3];
                    String partner = ids.get(random.nextInt(ids.size()));
                    long q = switch (k) {
                        case SMS_SEGMENT -> (1 + random.nextInt(4)) * 10L;
                        case OTT_MESSAGE -> 10L;
                        case DATA_REVENUE_SHARE -> 1 + random.nextInt(99);
                    };
                    tenths[k.ordinal()] += q;
                    Instant at = MONTH_START.plusSeconds(ordered
                            ? (long) i * MONTH_SECONDS / events
                            : random.nextInt(MONTH_SECONDS));
                    String json = "{\"eventId\":\"r" + run + "-" + i + "\",\"kind\":\"" + k.kind + "\",\"partnerId\":\""
                            + partner + "\",\"number\":\"+98912" + String.format("%07d", random.nextInt(10_000_000))
                            + "\",\"quantity\":" + BigDecimal.valueOf(q, 1).stripTrailingZeros().toPlainString()
                            + ",\"unit\":\"" + k.unit + "\",\"eventTime\":\"" + at + "\",\"source\":\"gateway\"}";
                    producer.send(new ProducerRecord<>("peyk.usage-events", partner, json));
                }
                producer.flush();
                double produceSeconds = BillingBenchMain.seconds(produceStart, System.nanoTime());
                for (Kind k : Kind.values()) {
                    sent.put(k, BigDecimal.valueOf(tenths[k.ordinal()], 1));
                }
                System.out.printf("run %d: %,d events produced (uncommitted) in %.1f s; sent %s%n", run, events,
                        produceSeconds, sent);
                Optional<ProcessHandle> postgres = gateway.postgres();
                CpuUse cpuBefore = CpuUse.now(gateway, postgres);
                producer.commitTransaction();
                long t0 = System.nanoTime();
                long storeDeadline = t0 + STORE_TIMEOUT.toNanos();
                double stored = 0;
                while ((stored = api.metrics().sum("peyk_metering_events_stored_total")) < events) {
                    if (System.nanoTime() > storeDeadline) {
                        throw new IllegalStateException("only " + stored + " of " + events + " stored within "
                                + STORE_TIMEOUT);
                    }
                    Thread.sleep(100);
                }
                long t1 = System.nanoTime();
                System.out.printf("run %d: stored %,d events in %.1f s%n", run, events, BillingBenchMain.seconds(t0, t1));
                long rateDeadline = t1 + RATE_TIMEOUT.toNanos();
                while (!posted(psql, sent)) {
                    if (System.nanoTime() > rateDeadline) {
                        throw new IllegalStateException("not rated and posted within " + RATE_TIMEOUT + ": "
                                + psql.run("SELECT count(*) FROM rating_due"));
                    }
                    Thread.sleep(200);
                }
                long t2 = System.nanoTime();
                CpuUse cpu = CpuUse.now(gateway, postgres).minus(cpuBefore);
                System.out.printf("run %d: rated and posted after %.1f s%n", run, BillingBenchMain.seconds(t0, t2));
                String[] db = psql.run("SELECT count(*), count(DISTINCT received_at),"
                        + " round(extract(epoch FROM max(received_at) - min(received_at))::numeric, 2) FROM usage_event")
                        .split("\\|");
                if (Long.parseLong(db[0]) != events) {
                    throw new IllegalStateException("usage_event has " + db[0] + " rows, " + events + " sent");
                }
                long aggregated = psql.number("SELECT sum(events) FROM usage_aggregate");
                if (aggregated != events) {
                    throw new IllegalStateException("usage_aggregate counts " + aggregated + " events, " + events
                            + " sent");
                }
                long revisions = psql.number("SELECT count(*) FROM billing_revision");
                long transfers = psql.number("SELECT count(*) FROM ledger_transfer");
                String unbalanced = psql.run("SELECT count(*) FROM (SELECT currency FROM ledger_account GROUP BY currency"
                        + " HAVING sum(balance_minor) <> 0) u");
                System.out.printf("run %d: usage_event %s rows in %s batches over %s s (DB clock); revisions %d,"
                        + " transfers %d, unbalanced currencies %s%n", run, db[0], db[1], db[2], revisions, transfers,
                        unbalanced);
                if (!"0".equals(unbalanced)) {
                    throw new IllegalStateException(unbalanced + " currencies of the ledger do not sum to 0");
                }
                return new Run(run, events, produceSeconds, BillingBenchMain.seconds(t0, t1),
                        BillingBenchMain.seconds(t0, t2), Double.parseDouble(db[2]), Long.parseLong(db[1]), revisions,
                        transfers, cpu.perMessage(events), load);
            }
        }
    }

    /** Nothing due, and the posted quantity per meter equals what was sent. */
    private static boolean posted(Psql psql, Map<Kind, BigDecimal> sent) throws Exception {
        String out = psql.run("SELECT 'due', count(*)::text FROM rating_due UNION ALL"
                + " SELECT meter, sum(quantity)::text FROM billing_posting_line GROUP BY meter");
        Map<String, String> rows = new HashMap<>();
        for (String line : out.split("\n")) {
            String[] f = line.split("\\|");
            rows.put(f[0], f[1]);
        }
        if (!"0".equals(rows.get("due"))) {
            return false;
        }
        for (var e : sent.entrySet()) {
            String q = rows.get(e.getKey().name());
            if (q == null || new BigDecimal(q).compareTo(e.getValue()) != 0) {
                return false;
            }
        }
        return true;
    }
}

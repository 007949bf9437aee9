package io.peyk.gateway.metering;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.peyk.billing.metering.UsageEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Stores a batch of usage events and adds the new ones to their hourly aggregates, in one statement: the dedup key
 * {@code (source, event_id)} is claimed by the same statement that counts the event, so a duplicate is never counted and
 * an event is never claimed without being counted (a crash rolls back both), and marks the (partner, period) pairs it
 * changed as due for rating ({@code rating_due}). Events of unknown partners are not stored;
 * the caller sends them to the dead-letter topic.
 */
@ApplicationScoped
public class UsageStore {

    /** An event with where it was read from (null coordinates for uploads). */
    public record Located(UsageEvent event, String topic, Integer partition, Long offset) {
    }

    /** How many events were new, and which partner ids of the batch do not exist. */
    public record Stored(long inserted, Set<UUID> unknownPartners) {
    }

    private final Pool pool;

    UsageStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<Stored> store(List<Located> batch) {
        if (batch.isEmpty()) {
            return Uni.createFrom().item(new Stored(0, Set.of()));
        }
        int n = batch.size();
        String[] sources = new String[n];
        String[] ids = new String[n];
        UUID[] partners = new UUID[n];
        String[] meters = new String[n];
        String[] numbers = new String[n];
        BigDecimal[] quantities = new BigDecimal[n];
        OffsetDateTime[] times = new OffsetDateTime[n];
        String[] topics = new String[n];
        Integer[] partitions = new Integer[n];
        Long[] offsets = new Long[n];
        for (int i = 0; i < n; i++) {
            Located l = batch.get(i);
            UsageEvent e = l.event();
            sources[i] = e.source();
            ids[i] = e.eventId();
            partners[i] = e.partnerId();
            meters[i] = e.meter().name();
            numbers[i] = e.number().orElse(null);
            quantities[i] = e.quantity();
            times[i] = e.eventTime().atOffset(ZoneOffset.UTC);
            topics[i] = l.topic();
            partitions[i] = l.partition();
            offsets[i] = l.offset();
        }
        Set<UUID> distinct = new HashSet<>(List.of(partners));
        return pool.withTransaction(conn -> conn.preparedQuery("SELECT id FROM partner WHERE id = ANY($1)")
                .execute(Tuple.of(distinct.toArray(UUID[]::new))).chain(known -> {
                    Set<UUID> unknown = new HashSet<>(distinct);
                    known.forEach(r -> unknown.remove(r.getUUID(0)));
                    return conn.preparedQuery("""
                            WITH input AS (
                                SELECT * FROM unnest($1::text[], $2::text[], $3::uuid[], $4::text[], $5::text[],
                                                     $6::numeric[], $7::timestamptz[], $8::text[], $9::int[], $10::bigint[])
                                         AS t(source, event_id, partner_id, meter, number, quantity, event_time, topic,
                                              kpartition, koffset)),
                            ins AS (
                                INSERT INTO usage_event (source, event_id, partner_id, meter, number, quantity, event_time,
                                                         bucket_start, kafka_topic, kafka_partition, kafka_offset)
                                SELECT i.source, i.event_id, i.partner_id, i.meter, i.number, i.quantity, i.event_time,
                                       date_trunc('hour', i.event_time AT TIME ZONE p.time_zone) AT TIME ZONE p.time_zone,
                                       i.topic, i.kpartition, i.koffset
                                  FROM input i JOIN partner p ON p.id = i.partner_id
                                ON CONFLICT (source, event_id) DO NOTHING
                                RETURNING partner_id, meter, bucket_start, quantity),
                            agg AS (
                                INSERT INTO usage_aggregate (partner_id, meter, bucket_start, quantity, events)
                                SELECT partner_id, meter, bucket_start, sum(quantity), count(*) FROM ins
                                 GROUP BY partner_id, meter, bucket_start
                                ON CONFLICT (partner_id, meter, bucket_start) DO UPDATE
                                   SET quantity = usage_aggregate.quantity + EXCLUDED.quantity,
                                       events = usage_aggregate.events + EXCLUDED.events, updated_at = now()),
                            due AS (
                                INSERT INTO rating_due (partner_id, period)
                                SELECT DISTINCT ins.partner_id,
                                       to_char(ins.bucket_start AT TIME ZONE p.time_zone, 'YYYY-MM')
                                  FROM ins JOIN partner p ON p.id = ins.partner_id
                                ON CONFLICT (partner_id, period) DO UPDATE
                                   SET seq = rating_due.seq + 1, marked_at = now(), retry_at = now())
                            SELECT count(*) FROM ins""").execute(Tuple.tuple().addArrayOfString(sources)
                            .addArrayOfString(ids).addArrayOfUUID(partners).addArrayOfString(meters)
                            .addArrayOfString(numbers).addArrayOfBigDecimal(quantities)
                            .addArrayOfOffsetDateTime(times).addArrayOfString(topics).addArrayOfInteger(partitions)
                            .addArrayOfLong(offsets))
                            .map(rows -> new Stored(rows.iterator().next().getLong(0), Set.copyOf(unknown)));
                }));
    }
}

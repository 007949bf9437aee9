package io.peyk.gateway.finance;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.peyk.billing.period.BillingPeriod;
import io.peyk.billing.rating.Meter;
import io.peyk.gateway.api.Problems;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The raw usage events behind a partner's month (or one meter, or one hour bucket of it): the way from a statement line
 * down to what was metered, with where each event was read (topic, partition, offset). Subscriber numbers are left out.
 * Keyset paging by (hour bucket, source, event id).
 */
@ApplicationScoped
public class UsageTrace {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final Pool pool;

    UsageTrace(Pool pool) {
        this.pool = pool;
    }

    /** One metered event. */
    public record EventView(String source, String eventId, String meter, String quantity, Instant eventTime,
            Instant bucketStart, Instant receivedAt, String topic, Integer partition, Long offset) {
    }

    /** A page; {@code next} is the {@code after} of the next page, absent on the last. */
    public record Page(UUID partnerId, String period, List<EventView> events, String next) {
    }

    Uni<Page> page(UUID partner, YearMonth period, Optional<Meter> meter, Optional<Instant> bucket,
            Optional<String> after, int limit) {
        Cursor cursor = after.map(UsageTrace::decode).orElse(null);
        return pool.preparedQuery("SELECT time_zone FROM partner WHERE id = $1").execute(Tuple.of(partner))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        throw Problems.notFound("No partner " + partner + ".");
                    }
                    BillingPeriod bp = new BillingPeriod(period, ZoneId.of(rows.iterator().next().getString(0)));
                    return pool.preparedQuery("""
                            SELECT source, event_id, meter, quantity, event_time, bucket_start, received_at, kafka_topic,
                                   kafka_partition, kafka_offset
                              FROM usage_event
                             WHERE partner_id = $1 AND bucket_start >= $2 AND bucket_start < $3
                               AND ($4::text IS NULL OR meter = $4) AND ($5::timestamptz IS NULL OR bucket_start = $5)
                               AND ($6::timestamptz IS NULL OR (bucket_start, source, event_id) > ($6, $7, $8))
                             ORDER BY bucket_start, source, event_id LIMIT $9""")
                            .execute(Tuple.tuple().addUUID(partner).addOffsetDateTime(utc(bp.start()))
                                    .addOffsetDateTime(utc(bp.end())).addString(meter.map(Meter::name).orElse(null))
                                    .addOffsetDateTime(bucket.map(UsageTrace::utc).orElse(null))
                                    .addOffsetDateTime(cursor == null ? null : utc(cursor.bucket()))
                                    .addString(cursor == null ? null : cursor.source())
                                    .addString(cursor == null ? null : cursor.eventId()).addInteger(limit + 1));
                }).map(rows -> {
                    List<EventView> out = new ArrayList<>();
                    String next = null;
                    for (Row r : rows) {
                        if (out.size() == limit) {
                            EventView last = out.get(out.size() - 1);
                            next = encode(new Cursor(last.bucketStart(), last.source(), last.eventId()));
                            break;
                        }
                        BigDecimal q = r.getBigDecimal("quantity");
                        out.add(new EventView(r.getString("source"), r.getString("event_id"),
                                Meter.valueOf(r.getString("meter")).kind(), q.stripTrailingZeros().toPlainString(),
                                r.getOffsetDateTime("event_time").toInstant(),
                                r.getOffsetDateTime("bucket_start").toInstant(),
                                r.getOffsetDateTime("received_at").toInstant(), r.getString("kafka_topic"),
                                r.getInteger("kafka_partition"), r.getLong("kafka_offset")));
                    }
                    return new Page(partner, period.toString(), out, next);
                });
    }

    private record Cursor(Instant bucket, String source, String eventId) {
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    private static String encode(Cursor c) {
        return B64.encodeToString((c.bucket() + "\n" + c.source() + "\n" + c.eventId())
                .getBytes(StandardCharsets.UTF_8));
    }

    private static Cursor decode(String after) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(after), StandardCharsets.UTF_8).split("\n", 3);
            return new Cursor(Instant.parse(parts[0]), parts[1], parts[2]);
        } catch (RuntimeException e) {
            throw Problems.invalidField("after", "after is the 'next' of the previous page.");
        }
    }
}

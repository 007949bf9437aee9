package io.peyk.gateway.metering;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.peyk.billing.metering.DataRecord;
import io.peyk.billing.metering.UsageEvent;
import io.peyk.billing.rating.Meter;
import io.vertx.core.json.JsonObject;

/**
 * Reads the two metering inputs into {@link UsageEvent}s, refusing what is malformed with a reason: the gateway's usage
 * events (docs/events.md) and the packet core's data records (docs/metering.md), whose rating group or APN names the
 * partner. Pure functions of the record, the configuration and the clock.
 */
final class UsageParsers {

    static final int MAX_RECORD_BYTES = 16 * 1024;
    /** JSON numbers with a fraction become BigDecimal, so quantities are exact. */
    private static final ObjectMapper EXACT = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final MeteringConfig config;

    UsageParsers(MeteringConfig config) {
        this.config = config;
    }

    Parsed usageEvent(String value, Instant now) {
        return parse(value, j -> {
            String kind = string(j, "kind");
            Meter meter = Meter.ofKind(kind).orElseThrow(() -> new IllegalArgumentException("unknown kind: " + kind));
            String unit = string(j, "unit");
            if (!unit.equals(meter.unit())) {
                throw new IllegalArgumentException("unit " + unit + " is not " + meter.unit() + " for " + kind);
            }
            Instant at = instant(j, "eventTime", now);
            return new Parsed.Valid(new UsageEvent("gateway", string(j, "eventId"), uuid(j, "partnerId"), meter,
                    Optional.ofNullable(j.getValue("number") instanceof String n ? n : null),
                    decimal(j, "quantity"), at));
        });
    }

    Parsed dataRecord(String value, Instant now) {
        return parse(value, j -> {
            DataRecord record = new DataRecord(string(j, "recordId"), string(j, "number"),
                    optionalString(j, "ratingGroup"), optionalString(j, "apn"), bytes(j, "bytesUp"),
                    bytes(j, "bytesDown"), instant(j, "start", now), instant(j, "end", now));
            return data(record);
        });
    }

    /** A JSON object's reading, or the reason it could not be read (malformed, oversized, a rule broken). */
    private static Parsed parse(String value, java.util.function.Function<JsonObject, Parsed> reader) {
        Optional<JsonObject> json = json(value);
        if (json.isEmpty()) {
            return new Parsed.Invalid("not a JSON object of at most " + MAX_RECORD_BYTES + " bytes");
        }
        try {
            return reader.apply(json.get());
        } catch (IllegalArgumentException | ClassCastException | ArithmeticException e) {
            return new Parsed.Invalid(e.getMessage());
        }
    }

    /** The usage event of a data record, or a refusal when no partner owns its rating group or APN. */
    Parsed data(DataRecord record) {
        Optional<MeteringConfig.DataGroup> group = record.ratingGroup().map(g -> config.ratingGroups().get(g))
                .or(() -> record.apn().map(a -> config.apns().get(a)));
        if (group.isEmpty()) {
            return new Parsed.Invalid("no partner owns rating group " + record.ratingGroup().orElse("-") + " / APN "
                    + record.apn().orElse("-"));
        }
        Meter meter = switch (group.get().mode()) {
            case "sponsored" -> Meter.SPONSORED_DATA;
            case "revenue-share" -> Meter.DATA_REVENUE_SHARE;
            default -> null;
        };
        if (meter == null) {
            return new Parsed.Invalid("rating group mode must be sponsored or revenue-share");
        }
        return new Parsed.Valid(new UsageEvent("packet-core", record.recordId(), group.get().partner(), meter,
                Optional.of(record.number()), record.megabytes(), record.end()));
    }

    private Instant instant(JsonObject j, String field, Instant now) {
        return instant(field, string(j, field), now, config.maxFutureSkew());
    }

    /**
     * The instant a record's field names, if ISO-8601 and neither further than {@code maxFutureSkew} ahead of
     * {@code now} nor more than ten years old; else an {@link IllegalArgumentException} whose message names the field.
     * The one rule for record times, JSON and CSV alike.
     */
    static Instant instant(String field, String text, Instant now, Duration maxFutureSkew) {
        try {
            Instant at = Instant.parse(text);
            if (at.isAfter(now.plus(maxFutureSkew))) {
                throw new IllegalArgumentException(field + " is in the future beyond " + maxFutureSkew);
            }
            if (at.isBefore(now.minus(Duration.ofDays(3660)))) {
                throw new IllegalArgumentException(field + " is more than ten years old");
            }
            return at;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " must be an ISO-8601 instant such as 2026-12-01T09:20:01Z");
        }
    }

    private static Optional<JsonObject> json(String value) {
        if (value == null || value.length() > MAX_RECORD_BYTES) {
            return Optional.empty();
        }
        try {
            Object tree = EXACT.readValue(value, Object.class);
            return tree instanceof Map<?, ?> map ? Optional.of(new JsonObject(cast(map))) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    private static String string(JsonObject j, String field) {
        Object v = j.getValue(field);
        if (!(v instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException(field + " is required (a string)");
        }
        return s;
    }

    private static Optional<String> optionalString(JsonObject j, String field) {
        Object v = j.getValue(field);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Number n) {
            return Optional.of(n.toString());
        }
        return Optional.of(string(j, field));
    }

    private static UUID uuid(JsonObject j, String field) {
        try {
            return UUID.fromString(string(j, field));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " must be a UUID");
        }
    }

    private static BigDecimal decimal(JsonObject j, String field) {
        Object v = j.getValue(field);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException(field + " is required (a number)");
        }
        // Read as exact decimals (EXACT), never through a double.
        BigDecimal d = n instanceof BigDecimal exact ? exact : new BigDecimal(n.toString());
        if (d.scale() > 6) {
            throw new IllegalArgumentException(field + " has more than six decimals");
        }
        return d;
    }

    private static long bytes(JsonObject j, String field) {
        Object v = j.getValue(field);
        if (!(v instanceof Number n) || n instanceof BigDecimal) {
            throw new IllegalArgumentException(field + " is required (a whole number of bytes)");
        }
        return n.longValue();
    }
}

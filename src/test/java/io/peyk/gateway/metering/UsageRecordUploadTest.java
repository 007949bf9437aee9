package io.peyk.gateway.metering;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.peyk.gateway.EmbeddedServicesResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * {@code POST /admin/v1/usage-records}: a CSV file's valid lines are metered exactly like the same records from Kafka
 * (counted once however often they arrive, by either way), its bad lines are reported by physical line and column, and
 * a file that cannot be read as a whole stores nothing.
 */
@QuarkusTest
@WithTestResource(EmbeddedServicesResource.class)
class UsageRecordUploadTest {

    private static final String PATH = "/admin/v1/usage-records";
    private static final RestAssuredConfig RAW = RestAssuredConfig.config()
            .encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));
    /** Owner of rating group 100 in the test configuration. */
    private static final UUID DATA_PARTNER = MeteringTest.DATA_PARTNER;
    private static final String HEADER = "number,recordId,bytesUp,bytesDown,ratingGroup,apn,start,end";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    Pool pool;

    /** The top of an hour two days ago: records between it and 20 minutes later share one Tehran hour. */
    private static final Instant HOUR = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(2));

    private static String at(int minutes) {
        return HOUR.plus(Duration.ofMinutes(minutes)).toString();
    }

    /** A line in {@link #HEADER}'s order, rating group 100, from the hour's start to {@code end} minutes in. */
    private static String line(String id, long up, long down, int end) {
        return "+989121234567," + id + "," + up + "," + down + ",100,," + at(0) + "," + at(end);
    }

    private static Response upload(String contentType, byte[] body) {
        return given().config(RAW).header("Authorization", "Bearer dev-admin-token").contentType(contentType)
                .body(body).post(PATH);
    }

    private static Response upload(String csv) {
        return upload("text/csv", csv.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonPath ok(Response response) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return response.jsonPath();
    }

    private static JsonPath problem(Response response, int status, String slug) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonPath body = response.jsonPath();
        assertThat(body.getString("type")).isEqualTo("https://peyk.io/problems/" + slug);
        assertThat(body.getInt("status")).isEqualTo(status);
        assertThat(body.getString("detail")).isNotBlank();
        return body;
    }

    private void insertDataPartner() {
        pool.preparedQuery("INSERT INTO partner (id, name, sender_ids, webhook_secret, rate_limit_per_second)"
                + " VALUES ($1, $2, $3, 'whsec_test', 100) ON CONFLICT (id) DO NOTHING")
                .execute(Tuple.tuple().addUUID(DATA_PARTNER).addString("m-" + DATA_PARTNER)
                        .addArrayOfString(new String[]{"3000"}))
                .await().atMost(Duration.ofSeconds(5));
    }

    /** The data partner's aggregates: bucket and meter to quantity and event count. */
    private Map<String, List<Object>> aggregates() {
        Map<String, List<Object>> out = new HashMap<>();
        for (Row r : pool.preparedQuery("SELECT meter, bucket_start, quantity, events FROM usage_aggregate"
                + " WHERE partner_id = $1").execute(Tuple.of(DATA_PARTNER)).await().atMost(Duration.ofSeconds(5))) {
            out.put(r.getString("meter") + "@" + r.getOffsetDateTime("bucket_start").toInstant(),
                    List.of(r.getBigDecimal("quantity").stripTrailingZeros(), r.getLong("events")));
        }
        return out;
    }

    /** What changed between two readings of the aggregates: quantity and events added, per bucket. */
    private static Map<String, List<Object>> added(Map<String, List<Object>> before, Map<String, List<Object>> after) {
        Map<String, List<Object>> out = new HashMap<>();
        after.forEach((bucket, now) -> {
            List<Object> was = before.getOrDefault(bucket, List.of(BigDecimal.ZERO, 0L));
            BigDecimal quantity = ((BigDecimal) now.get(0)).subtract((BigDecimal) was.get(0));
            long events = (Long) now.get(1) - (Long) was.get(1);
            if (quantity.signum() != 0 || events != 0) {
                out.put(bucket, List.of(quantity.stripTrailingZeros(), events));
            }
        });
        return out;
    }

    private List<Row> events(String idPrefix) {
        List<Row> rows = new java.util.ArrayList<>();
        pool.preparedQuery("SELECT event_id, source, meter, quantity, number, partner_id, kafka_topic FROM usage_event"
                + " WHERE event_id LIKE $1 ORDER BY event_id").execute(Tuple.of(idPrefix + "%"))
                .await().atMost(Duration.ofSeconds(5)).forEach(rows::add);
        return rows;
    }

    @Test
    void validLinesAreMeteredOnceAndEachBadLineIsReportedAtItsLine() {
        insertDataPartner();
        String tag = "csv-" + UUID.randomUUID();
        String file = HEADER + "\r\n"
                + line(tag + "-1", 250_000, 1_250_001, 10) + "\r\n" // line 2
                + "+989121234567,\"" + tag + "-2,\"\"q\"\"\",\"1000000\",0,100,," + at(0) + "," + at(15) + "\r\n"
                + line(tag + "-1", 250_000, 1_250_001, 10) + "\r\n" // line 4: the same record again
                + line(tag + "-1", 250_000, 1_250_001, 10).replace("+989121234567", "0912 123 4567") + "\r\n"
                + line(tag + "-bytes", 250_000, 1, 10).replace(",250000,", ",25e4,") + "\r\n" // line 6
                + "+989121234567," + tag + "-backwards,1,1,100,," + at(20) + "," + at(5) + "\r\n"
                + line(tag + "-orphan", 1, 1, 10).replace(",100,", ",999,") + "\r\n" // line 8
                + "\"+98912\r\n1234567\"," + tag + "-multiline,1,1,100,," + at(0) + "," + at(5) + "\r\n" // 9-10
                + "\r\n" // line 11, blank
                + line(tag + "-3", 1_999_999, 1, 20) + "\r\n"; // line 12
        Map<String, List<Object>> before = aggregates();

        JsonPath report = ok(upload(file));

        assertThat(report.getLong("lines")).isEqualTo(9);
        assertThat(report.getLong("stored")).isEqualTo(3);
        assertThat(report.getLong("duplicates")).isEqualTo(1);
        assertThat(report.getLong("rejected")).isEqualTo(5);
        assertThat(report.getBoolean("errorsTruncated")).isFalse();
        assertThat(report.getList("errors", Map.class)).containsExactly(
                Map.of("line", 5, "field", "number", "reason", "number must be E.164: + and 7 to 15 digits, no spaces"),
                Map.of("line", 6, "field", "bytesUp", "reason", "bytesUp must be a whole number of bytes (digits only)"),
                Map.of("line", 7, "field", "end", "reason", "end is before start"),
                Map.of("line", 8, "field", "ratingGroup", "reason", "no partner owns rating group 999 / APN -"),
                Map.of("line", 9, "field", "number", "reason", "number must be E.164: + and 7 to 15 digits, no spaces"));

        List<Row> stored = events(tag);
        assertThat(stored).extracting(r -> r.getString("event_id")).containsExactly(tag + "-1", tag + "-2,\"q\"",
                tag + "-3");
        assertThat(stored).extracting(r -> r.getBigDecimal("quantity").stripTrailingZeros())
                .containsExactly(new BigDecimal("1.500001"), BigDecimal.ONE, new BigDecimal("2"));
        assertThat(stored).allSatisfy(r -> {
            assertThat(r.getString("source")).isEqualTo("packet-core");
            assertThat(r.getString("meter")).isEqualTo("SPONSORED_DATA");
            assertThat(r.getString("number")).isEqualTo("+989121234567");
            assertThat(r.getUUID("partner_id")).isEqualTo(DATA_PARTNER);
            assertThat(r.getString("kafka_topic")).isNull();
        });
        Map<String, List<Object>> afterFirst = aggregates();
        assertThat(added(before, afterFirst)).hasSize(1).allSatisfy(
                (bucket, change) -> assertThat(change).containsExactly(new BigDecimal("4.500001"), 3L));

        // The same file again: every valid line is a duplicate, the aggregates do not move.
        JsonPath again = ok(upload(file));
        assertThat(again.getLong("lines")).isEqualTo(9);
        assertThat(again.getLong("stored")).isZero();
        assertThat(again.getLong("duplicates")).isEqualTo(4);
        assertThat(again.getLong("rejected")).isEqualTo(5);
        assertThat(again.getList("errors", Map.class)).extracting(e -> e.get("line")).containsExactly(5, 6, 7, 8, 9);
        assertThat(aggregates()).isEqualTo(afterFirst);
        assertThat(events(tag)).hasSize(3);
    }

    @Test
    void aRecordConsumedFromKafkaIsADuplicateWhenUploaded() {
        insertDataPartner();
        String id = "csv-kafka-" + UUID.randomUUID();
        JsonObject record = new JsonObject().put("recordId", id).put("number", "+989121234567").put("ratingGroup", 100)
                .put("bytesUp", 500_000).put("bytesDown", 500_000).put("start", at(0)).put("end", at(10));
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>("peyk.usage-records", "k", record.encode()));
            producer.flush();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> events(id).size() == 1);
        assertThat(events(id).get(0).getString("kafka_topic")).isEqualTo("peyk.usage-records");
        Map<String, List<Object>> before = aggregates();

        JsonPath report = ok(upload(HEADER + "\n" + line(id, 500_000, 500_000, 10) + "\n"));

        assertThat(report.getLong("lines")).isEqualTo(1);
        assertThat(report.getLong("stored")).isZero();
        assertThat(report.getLong("duplicates")).isEqualTo(1);
        assertThat(report.getList("errors")).isEmpty();
        assertThat(aggregates()).isEqualTo(before);
        assertThat(events(id)).hasSize(1);
    }

    @Test
    void aBadHeaderStoresNothing() {
        insertDataPartner();
        String tag = "csv-header-" + UUID.randomUUID();
        String lines = line(tag, 1, 1, 10) + "\n";

        JsonPath unknown = problem(upload(HEADER + ",colour\n" + lines.replace("\n", ",red\n")), 422,
                "invalid-csv-header");
        assertThat(unknown.getString("field")).isEqualTo("colour");
        assertThat(problem(upload(HEADER.replace(",bytesDown", "") + "\n" + lines), 422, "invalid-csv-header")
                .getString("field")).isEqualTo("bytesDown");
        assertThat(problem(upload(HEADER + ",number\n" + lines), 422, "invalid-csv-header").getString("field"))
                .isEqualTo("number");
        assertThat(events(tag)).isEmpty();
    }

    @Test
    void otherContentTypesAreRefused() {
        byte[] csv = (HEADER + "\n").getBytes(StandardCharsets.UTF_8);
        for (String type : List.of("application/json", "text/plain", "text/csv; charset=ISO-8859-1",
                "application/octet-stream")) {
            JsonPath body = problem(upload(type, csv), 415, "unsupported-media-type");
            assertThat(body.getString("detail")).as(type).contains("text/csv");
        }
        assertThat(ok(upload("text/csv; charset=utf-8", csv)).getLong("lines")).isZero();
    }

    @Test
    void anEmptyBodyIsRefused() {
        problem(upload(""), 422, "empty-csv");
        problem(upload("\r\n\r\n"), 422, "empty-csv");
    }

    @Test
    void moreThanTheLineLimitIsRefusedAndErrorsAreCapped() {
        // Lines of one field: each is rejected, so the test stays within the gateway's body limit.
        StringBuilder file = new StringBuilder(HEADER).append('\n');
        file.append("x\n".repeat(100_000));

        JsonPath full = ok(upload(file.toString()));
        assertThat(full.getLong("lines")).isEqualTo(100_000);
        assertThat(full.getLong("rejected")).isEqualTo(100_000);
        assertThat(full.getLong("stored")).isZero();
        assertThat(full.getBoolean("errorsTruncated")).isTrue();
        List<Map<String, Object>> errors = full.getList("errors");
        assertThat(errors).hasSize(1000);
        assertThat(errors.get(0)).containsEntry("line", 2).containsEntry("reason", "1 fields where the header has 8")
                .containsEntry("field", null);
        assertThat(errors.get(999).get("line")).isEqualTo(1001);

        file.append(line("csv-over-" + UUID.randomUUID(), 1, 1, 10)).append('\n');
        problem(upload(file.toString()), 413, "too-many-lines");
    }

    @Test
    void aBodyOverTheGatewayLimitIsAProblem() {
        byte[] body = new byte[2 * 1024 * 1024 + 1];
        java.util.Arrays.fill(body, (byte) 'x');
        problem(upload("text/csv", body), 413, "body-too-large");
    }

    @Test
    void theAdminTokenIsRequired() {
        Response response = given().config(RAW).contentType("text/csv")
                .body((HEADER + "\n").getBytes(StandardCharsets.UTF_8)).post(PATH);
        problem(response, 401, "unauthorized");
    }
}

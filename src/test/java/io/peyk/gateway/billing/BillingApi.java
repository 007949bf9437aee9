package io.peyk.gateway.billing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonObject;

/** Test client of the billing APIs: tariffs (admin), finance (finance key), and usage events through Kafka. */
final class BillingApi {

    static final String ADMIN = "Bearer dev-admin-token";

    private BillingApi() {
    }

    static String financeKey(String name) {
        return given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(Map.of("name", name))
                .post("/admin/v1/finance-keys").then().statusCode(201).extract().jsonPath().getString("key");
    }

    static RequestSpecification finance(String key) {
        return given().header("Authorization", "Bearer " + key);
    }

    static JsonPath addTariff(String partner, Map<String, Object> body) {
        return given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(body)
                .post("/admin/v1/partners/" + partner + "/tariffs").then().log().ifValidationFails().statusCode(201).extract()
                .jsonPath();
    }

    static String event(String id, String partner, String kind, String unit, String quantity, String at) {
        return new JsonObject().put("eventId", id).put("kind", kind).put("partnerId", partner)
                .put("number", "+989121234567").put("quantity", new java.math.BigDecimal(quantity)).put("unit", unit)
                .put("eventTime", at).put("source", "gateway").encode();
    }

    static void send(String bootstrap, List<String> events) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            for (String e : events) {
                producer.send(new ProducerRecord<>("peyk.usage-events", UUID.randomUUID().toString(), e));
            }
            producer.flush();
        }
    }

    /** The finance JSON statement of a partner, once {@code ready} holds for it. */
    static JsonPath statementWhen(String key, String partner, String period,
            java.util.function.Predicate<JsonPath> ready) {
        JsonPath[] last = new JsonPath[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = finance(key).get("/v1/finance/statements/" + partner + "/" + period).then().statusCode(200)
                    .extract().jsonPath();
            return ready.test(last[0]);
        });
        return last[0];
    }
}

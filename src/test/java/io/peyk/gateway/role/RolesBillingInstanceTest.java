package io.peyk.gateway.role;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
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
import io.peyk.smpp.SmppBridge;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * An instance with {@code peyk.instance.role=billing}: it meters, it never binds to an SMSC nor dispatches, it is ready,
 * and it sends partners' messaging requests to the gateway service with 503 {@code role-not-served} while serving
 * everything else.
 */
@QuarkusTest
@TestProfile(RolesBillingInstanceTest.BillingRole.class)
@WithTestResource(EmbeddedServicesResource.class)
class RolesBillingInstanceTest {

    /** The billing role only. */
    public static final class BillingRole implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("peyk.instance.role", "billing");
        }
    }

    private static final Duration DB_TIMEOUT = Duration.ofSeconds(5);

    @Inject
    Roles roles;

    @Inject
    SmppBridge bridge;

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void theRoleIsReadFromConfiguration() {
        assertThat(roles.role()).isEqualTo(Role.BILLING);
        assertThat(roles.gateway()).isFalse();
        assertThat(roles.billing()).isTrue();
    }

    @Test
    void sendingAMessageIsRefusedWithAProblemNamingTheGatewayService() {
        given().contentType("application/json").body("{\"to\":\"+989121234567\",\"from\":\"3000\",\"text\":\"hi\"}")
                .post("/v1/messages").then().statusCode(503).contentType("application/problem+json")
                .body("type", equalTo("https://peyk.io/problems/role-not-served"))
                .body("status", equalTo(503))
                .body("detail", equalTo("This instance runs the billing role; send to the gateway service."))
                .body("instance", equalTo("/v1/messages"));
        given().get("/v1/messages/" + UUID.randomUUID()).then().statusCode(503)
                .body("type", equalTo("https://peyk.io/problems/role-not-served"));
    }

    @Test
    void theDeviceWebSocketIsRefusedBeforeTheUpgrade() {
        given().header("Upgrade", "websocket").get("/v1/devices/connect").then().statusCode(503)
                .contentType("application/problem+json").body("type", equalTo("https://peyk.io/problems/role-not-served"));
    }

    @Test
    void billingReadsAdminAndOperationsAreStillServed() {
        for (String path : new String[]{"/v1/usage", "/v1/finance/balances", "/v1/statements/x", "/v1/devices/tokens"}) {
            given().get(path).then().body("type", not(equalTo("https://peyk.io/problems/role-not-served")));
        }
        given().get("/admin/v1/partners").then().statusCode(401);
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void theBridgeHasNoConnectorSoNothingBindsAndTheInstanceIsReady() {
        assertThat(bridge.status()).isEmpty();
        given().get("/q/health/ready").then().statusCode(200);
        assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .doesNotContain("peyk_smpp_binds_bound");
    }

    @Test
    void theDispatcherDoesNotRun() {
        // Its loop thread; a previous application of this JVM may still be letting its own one finish.
        await().atMost(Duration.ofSeconds(10)).until(() -> !threadAlive("peyk-dispatcher"));
    }

    @Test
    void meteringRuns() {
        UUID partner = UUID.randomUUID();
        pool.preparedQuery("INSERT INTO partner (id, name, sender_ids, webhook_secret, rate_limit_per_second)"
                + " VALUES ($1, $2, $3, 'whsec_test', 10)")
                .execute(Tuple.tuple().addUUID(partner).addString("roles-" + partner)
                        .addArrayOfString(new String[]{"3000"}))
                .await().atMost(DB_TIMEOUT);
        String event = new JsonObject().put("eventId", "roles-" + partner).put("kind", "sms.segment")
                .put("partnerId", partner.toString()).put("number", "+989121234567").put("quantity", 2)
                .put("unit", "segment").put("eventTime", "2026-11-30T20:29:00Z").put("source", "gateway").encode();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>("peyk.usage-events", partner.toString(), event));
            producer.flush();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> meteredEvents(partner) == 1);
    }

    private long meteredEvents(UUID partner) {
        Row row = pool.preparedQuery("SELECT count(*) FROM usage_event WHERE partner_id = $1").execute(Tuple.of(partner))
                .await().atMost(DB_TIMEOUT).iterator().next();
        return row.getLong(0);
    }

    private static boolean threadAlive(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.isAlive() && t.getName().equals(name));
    }
}

package io.peyk.gateway.device;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.peyk.gateway.EmbeddedServicesResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** Device tokens: issued per partner and number, signed, expiring, revocable at once, private to their partner. */
@QuarkusTest
@WithTestResource(EmbeddedServicesResource.class)
class DeviceTokensTest {

    @Inject
    DeviceTokens tokens;

    private static RequestSpecification partner(String key) {
        return given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON);
    }

    private static String newPartnerKey() {
        return given().header("Authorization", "Bearer dev-admin-token").contentType(ContentType.JSON)
                .body(Map.of("name", "dev-" + UUID.randomUUID(), "senderIds", List.of("Peyk"), "rateLimitPerSecond", 100))
                .post("/admin/v1/partners").then().statusCode(201).extract().path("apiKey");
    }

    private DeviceIdentity verify(String token, Instant at) {
        return tokens.verify(token, at).await().atMost(Duration.ofSeconds(5)).orElse(null);
    }

    @Test
    void aTokenIsBoundToItsPartnerAndNumberAndExpires() {
        String key = newPartnerKey();
        JsonPath issued = partner(key).body(Map.of("msisdn", "09121234567", "ttlSeconds", 3600)).post("/v1/devices/tokens")
                .then().statusCode(201).extract().jsonPath();
        String token = issued.getString("token");

        assertThat(token).startsWith("pdt_");
        assertThat(issued.getString("msisdn")).isEqualTo("+989121234567");
        DeviceIdentity identity = verify(token, Instant.now());
        assertThat(identity).isNotNull();
        assertThat(identity.msisdn()).isEqualTo("+989121234567");
        assertThat(identity.tokenId().toString()).isEqualTo(issued.getString("tokenId"));
        assertThat(verify(token, Instant.now().plus(Duration.ofHours(2)))).as("expired").isNull();
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
        assertThat(verify(tampered, Instant.now())).as("tampered").isNull();
        assertThat(verify("pdt_garbage", Instant.now())).isNull();
    }

    @Test
    void aRevokedTokenStopsAtOnce_andOnlyItsPartnerCanRevokeIt() {
        String key = newPartnerKey();
        String other = newPartnerKey();
        JsonPath issued = partner(key).body(Map.of("msisdn", "+989121234567")).post("/v1/devices/tokens").then()
                .statusCode(201).extract().jsonPath();
        String id = issued.getString("tokenId");

        partner(other).delete("/v1/devices/tokens/" + id).then().statusCode(404);
        assertThat(verify(issued.getString("token"), Instant.now())).isNotNull();
        partner(key).delete("/v1/devices/tokens/" + id).then().statusCode(204);
        assertThat(verify(issued.getString("token"), Instant.now())).isNull();
    }

    @Test
    void badRequestsAreRefusedNamingTheField() {
        String key = newPartnerKey();
        assertThat(partner(key).body(Map.of("msisdn", "12")).post("/v1/devices/tokens").then().statusCode(422).extract()
                .jsonPath().getString("field")).isEqualTo("msisdn");
        assertThat(partner(key).body(Map.of("msisdn", "+989121234567", "ttlSeconds", 5)).post("/v1/devices/tokens").then()
                .statusCode(422).extract().jsonPath().getString("field")).isEqualTo("ttlSeconds");
        assertThat(partner(key).body(Map.of("msisdn", "+989121234567", "device", "x")).post("/v1/devices/tokens").then()
                .statusCode(400).extract().jsonPath().getString("field")).isEqualTo("device");
        given().contentType(ContentType.JSON).body(Map.of("msisdn", "+989121234567")).post("/v1/devices/tokens").then()
                .statusCode(401);
    }
}

package io.peyk.gateway.partner;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.peyk.gateway.EmbeddedServicesResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(EmbeddedServicesResource.class)
class DemoPartnerTest {

    @Inject
    DemoPartner demo;

    @Inject
    DemoPartnerConfig config;

    @Test
    void disabledOutsideDevAndIdempotentWhenRun() {
        assertThat(config.enabled()).isFalse();
        assertThat(config.apiKey()).isEqualTo("peyk_demo_key_change_me");
        String key = "peyk_demo_test_" + UUID.randomUUID();
        UUID first = demo.ensure(key).await().atMost(Duration.ofSeconds(10));
        UUID again = demo.ensure(key).await().atMost(Duration.ofSeconds(10));
        assertThat(again).isEqualTo(first);
        assertThat(given().header("Authorization", "Bearer " + key).get("/v1/_test/whoami").then().statusCode(200)
                .extract().asString()).isEqualTo(DemoPartner.NAME);
        String partner = given().header("Authorization", "Bearer dev-admin-token")
                .get("/admin/v1/partners/" + first).then().statusCode(200).extract().asString();
        assertThat(partner).contains("\"senderIds\":[\"Peyk\",\"3000\",\"+989120000000\"]")
                .contains("\"rateLimitPerSecond\":1000");
    }
}

package io.peyk.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.peyk.gateway.embedded.KafkaReadinessCheck;
import io.peyk.gateway.embedded.PostgresReadinessCheck;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@WithTestResource(EmbeddedServicesResource.class)
class HealthEndpointsTest {

    @Test
    void livenessIsUp() {
        JsonPath body = given().get("/q/health/live").then().statusCode(200).extract().jsonPath();
        assertThat(body.getString("status")).isEqualTo("UP");
    }

    @Test
    void readinessIsUpAndListsPostgresAndKafka() {
        JsonPath body = given().get("/q/health/ready").then().statusCode(200).extract().jsonPath();
        assertThat(body.getString("status")).isEqualTo("UP");
        List<Map<String, Object>> checks = body.getList("checks");
        assertThat(checks).extracting(c -> c.get("name"))
                .contains(PostgresReadinessCheck.NAME, KafkaReadinessCheck.NAME);
        assertThat(checks).filteredOn(c -> List.of(PostgresReadinessCheck.NAME, KafkaReadinessCheck.NAME)
                .contains(c.get("name")))
                .hasSize(2)
                .allSatisfy(c -> assertThat(c.get("status")).isEqualTo("UP"));
        @SuppressWarnings("unchecked")
        Map<String, Object> kafka = (Map<String, Object>) checks.stream()
                .filter(c -> KafkaReadinessCheck.NAME.equals(c.get("name"))).findFirst().orElseThrow().get("data");
        assertThat((String) kafka.get("clusterId")).isNotBlank();
    }

    @Test
    void metricsArePrometheusText() {
        String body = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(body).contains("# TYPE").containsPattern("(?m)^jvm_\\w+");
    }

    @Test
    void openApiAnswers() {
        String body = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract()
                .asString();
        assertThat(body).contains("\"openapi\"");
    }
}

package io.peyk.gateway.message;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** A partner created through the admin API, as a partner developer would get it. */
public record ApiPartner(String id, String apiKey, String webhookSecret) {

    public static ApiPartner create(int ratePerSecond, String webhookUrl) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", "api-" + UUID.randomUUID(), "senderIds",
                List.of("3000", "Peyk", "+989120000000"), "rateLimitPerSecond", ratePerSecond));
        if (webhookUrl != null) {
            body.put("webhookUrl", webhookUrl);
        }
        JsonPath created = given().header("Authorization", "Bearer dev-admin-token").contentType(ContentType.JSON).body(body)
                .post("/admin/v1/partners").then().statusCode(201).extract().jsonPath();
        return new ApiPartner(created.getString("id"), created.getString("apiKey"), created.getString("webhookSecret"));
    }

    public RequestSpecification request() {
        return given().header("Authorization", "Bearer " + apiKey).contentType(ContentType.JSON);
    }
}

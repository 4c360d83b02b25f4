package org.crystograph.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.crystograph.testing.EmbeddedPostgresResource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class HealthTest {

    @Test
    void liveness_isUp_onRealDatabase() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void readiness_reportsDatabase() {
        given().when().get("/q/health/ready").then().statusCode(200);
    }
}

package org.crystograph.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A misconfigured service (its default model is not among the loaded ones) stays alive but never ready, and answers
 * prediction requests with 503 problems instead of failing or hanging.
 */
@QuarkusTest
@TestProfile(UnloadableModelTest.MissingDefault.class)
class UnloadableModelTest {

    /** Names a default model that no directory provides. */
    public static class MissingDefault implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("crystograph.model.default-model", "missing-model");
        }
    }

    @Test
    void readiness_isDownWithTheReason_livenessStaysUp() {
        given().when().get("/q/health/ready")
                .then().statusCode(503)
                .body("checks.find { it.name == 'models' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'models' }.data.state", equalTo("failed"))
                .body("checks.find { it.name == 'models' }.data.reason", containsString("missing-model"));
        given().when().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void predictionsAndModels_are503Problems() {
        given().contentType("chemical/x-cif").body(PredictionApiTest.NACL_CIF.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/v1/predictions")
                .then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("type", equalTo("/problems/model-unavailable"));
        given().when().get("/v1/models")
                .then().statusCode(503).contentType("application/problem+json");
    }
}

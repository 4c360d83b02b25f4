package org.crystograph.deploy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.crystograph.testing.EmbeddedPostgresResource;
import org.junit.jupiter.api.Test;

/** The probe paths written in the Kubernetes Deployment answer on the running service, on a real database. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class DeploymentProbesTest {

    @Test
    void everyProbePathOfTheDeployment_answersUp() {
        for (String path : KubernetesManifestsTest.baseProbePaths()) {
            given().when().get(path).then().statusCode(200).body("status", equalTo("UP"));
        }
    }

    @Test
    void metricsPathOfTheScrapeConfiguration_servesPrometheusText() {
        given().when().get(KubernetesManifestsTest.METRICS_PATH).then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("# TYPE "));
    }
}

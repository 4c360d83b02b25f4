package org.crystograph.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Back-pressure on the real service: with a queue of one request and no batching, a burst of concurrent requests is
 * partly refused at once with 503, a {@code Retry-After} header and a problem document, and the rest are answered.
 */
@QuarkusTest
@TestProfile(QueueFullTest.TinyQueue.class)
class QueueFullTest {

    private static final int BURST = 32;

    /** One waiting request at most, one structure per forward pass. */
    public static class TinyQueue implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "crystograph.serving.queue-capacity", "1",
                    "crystograph.serving.max-batch-size", "1",
                    "crystograph.serving.max-delay-ms", "0",
                    "crystograph.serving.workers", "1");
        }
    }

    @Test
    void burstAboveQueueCapacity_isPartly503WithRetryAfter_andTheRestIsAnswered() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(BURST);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < BURST; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return given().contentType("chemical/x-cif").body(PredictionApiTest.NACL_CIF.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                            .when().post("/v1/predictions").andReturn();
                }));
            }
            start.countDown();
            int ok = 0;
            int refused = 0;
            for (Future<Response> f : futures) {
                Response r = f.get(120, TimeUnit.SECONDS);
                assertThat(r.statusCode()).isIn(200, 503);
                if (r.statusCode() == 200) {
                    ok++;
                } else {
                    refused++;
                    assertThat(r.header("Retry-After")).isEqualTo("1");
                    assertThat(r.contentType()).startsWith("application/problem+json");
                    assertThat(r.jsonPath().getString("type")).isEqualTo("/problems/queue-full");
                }
            }
            assertThat(ok).isPositive();
            assertThat(refused).isPositive();
        } finally {
            pool.shutdownNow();
        }
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("crystograph_inference_rejected_total\\{[^}]*\\} [1-9]");
    }
}

package org.crystograph.api.benchmark;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.crystograph.testing.EmbeddedPostgresResource;
import org.junit.jupiter.api.Test;

/** Quotas and idempotency hold when several clients of one team submit at the same moment. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class SubmissionConcurrencyTest {

    private static final String TASK = "local_alignn50_gap";
    private static final int CLIENTS = 8;
    private static final int DAILY_LIMIT = 3;

    @TestHTTPResource("/")
    URI base;

    @Test
    void eightConcurrentClients_loseNothing_andNeverExceedTheDailyLimit() throws Exception {
        BenchmarkFlowTest.assumeTask(TASK);
        String token = BenchmarkFlowTest.createTeam("race-team");
        long card = BenchmarkFlowTest.registerCard(token);
        String payload = BenchmarkFlowTest.cvPayload(TASK, card, 0.2);
        HttpClient http = HttpClient.newHttpClient();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<HttpResponse<String>>> futures = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            String key = "race-" + i;
            futures.add(pool.submit(() -> {
                go.await();
                return http.send(HttpRequest.newBuilder(base.resolve("/v1/tasks/" + TASK + "/submissions"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(payload)).build(),
                        HttpResponse.BodyHandlers.ofString());
            }));
        }
        go.countDown();
        int created = 0;
        int limited = 0;
        Set<Long> ids = new HashSet<>();
        for (Future<HttpResponse<String>> f : futures) {
            HttpResponse<String> r = f.get();
            if (r.statusCode() == 201) {
                created++;
                ids.add(io.restassured.path.json.JsonPath.from(r.body()).getLong("id"));
            } else {
                assertThat(r.statusCode()).as(r.body()).isEqualTo(429);
                limited++;
                ids.add(io.restassured.path.json.JsonPath.from(r.body()).getLong("submission_id"));
            }
        }
        pool.shutdown();
        assertThat(created).isEqualTo(DAILY_LIMIT);
        assertThat(limited).isEqualTo(CLIENTS - DAILY_LIMIT);
        assertThat(ids).hasSize(CLIENTS); // every attempt logged under its own id
        long accepted = ids.stream().filter(id -> given().header("Authorization", "Bearer " + token)
                .get("/v1/submissions/" + id).then().statusCode(200).extract().path("outcome").equals("accepted"))
                .count();
        assertThat(accepted).isEqualTo(DAILY_LIMIT);
        given().get("/v1/leaderboard/" + TASK).then().statusCode(200)
                .body("entries.find { it.team == 'race-team' }.team_scored_submissions", equalTo(DAILY_LIMIT))
                .body("entries.find { it.team == 'race-team' }.team_submissions", equalTo(CLIENTS));

        // a retry with an idempotency key already used replays the logged entry instead of adding one
        HttpResponse<String> again = http.send(HttpRequest.newBuilder(base.resolve("/v1/tasks/" + TASK
                + "/submissions")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").header("Idempotency-Key", "race-0")
                .POST(HttpRequest.BodyPublishers.ofString(payload)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
        given().get("/v1/leaderboard/" + TASK).then()
                .body("entries.find { it.team == 'race-team' }.team_submissions", equalTo(CLIENTS));
    }
}

package org.crystograph.api.benchmark;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.crystograph.testing.EmbeddedPostgresResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who may read which entry of the submission log ({@code GET /v1/submissions/{id}}, ids are sequential): anyone the
 * scored entries the boards rank, as the board shows them; a team every entry of its own log with its token; nobody
 * else anything, answered exactly as an id that does not exist.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class SubmissionVisibilityTest {

    private static final String TASK = "local_alignn50_gap";
    private static final String IDEMPOTENCY_KEY = "visibility-run-1";
    private static String owner;
    private static String other;
    private static long rejected;
    private static long scored;

    @BeforeEach
    void log() throws Exception {
        BenchmarkFlowTest.assumeTask(TASK);
        if (owner != null) {
            return;
        }
        owner = BenchmarkFlowTest.createTeam("visibility-owner");
        other = BenchmarkFlowTest.createTeam("visibility-other");
        long card = BenchmarkFlowTest.registerCard(owner);
        String good = BenchmarkFlowTest.cvPayload(TASK, card, 0.2);
        String partial = good.replaceAll(",\"fold_4\": \\[[^\\]]*\\]", "");
        rejected = given().header("Authorization", "Bearer " + owner).contentType("application/json").body(partial)
                .post("/v1/tasks/" + TASK + "/submissions").then().statusCode(422).extract().jsonPath()
                .getLong("submission_id");
        scored = given().header("Authorization", "Bearer " + owner).header("Idempotency-Key", IDEMPOTENCY_KEY)
                .contentType("application/json").body(good).post("/v1/tasks/" + TASK + "/submissions").then()
                .statusCode(201).extract().jsonPath().getLong("id");
    }

    @Test
    void rejectedSubmission_isNotFoundForAnonymousReaders_exactlyAsAnUnknownId() {
        String hidden = given().get("/v1/submissions/" + rejected).then().statusCode(404)
                .contentType("application/problem+json").extract().path("type");
        String unknown = given().get("/v1/submissions/" + (scored + 1_000_000)).then().statusCode(404)
                .contentType("application/problem+json").extract().path("type");
        assertThat(hidden).isEqualTo(unknown).isEqualTo("/problems/submission-not-found");
    }

    @Test
    void rejectedSubmission_isNotFoundForAnotherTeam() {
        given().header("Authorization", "Bearer " + other).get("/v1/submissions/" + rejected).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void owner_readsItsRejectedSubmissionWithItsErrors() {
        given().header("Authorization", "Bearer " + owner).get("/v1/submissions/" + rejected).then().statusCode(200)
                .body("outcome", equalTo("rejected")).body("team", equalTo("visibility-owner"))
                .body("errors.rule", org.hamcrest.Matchers.hasItem("folds"));
    }

    @Test
    void scoredSubmission_isPublicAsTheLeaderboardShowsIt_withoutTheTeamsIdempotencyKey() {
        JsonPath entry = given().get("/v1/submissions/" + scored).then().statusCode(200)
                .body("outcome", equalTo("accepted")).body("team", equalTo("visibility-owner"))
                .body("scores", notNullValue()).body("$", not(hasKey("idempotency_key")))
                .extract().jsonPath();
        JsonPath board = given().get("/v1/leaderboard/" + TASK).then().statusCode(200).extract().jsonPath();
        String row = "entries.find { it.submission_id == " + scored + " }";
        assertThat(board.getString(row + ".team")).isEqualTo(entry.getString("team"));
        assertThat(board.getDouble(row + ".mae.mean")).isEqualTo(entry.getDouble("scores.mae.mean"));
        assertThat(board.getDouble(row + ".scaled_score")).isEqualTo(entry.getDouble("scores.scaled_score"));
    }

    @Test
    void owner_readsItsScoredSubmissionWithItsIdempotencyKey() {
        given().header("Authorization", "Bearer " + owner).get("/v1/submissions/" + scored).then().statusCode(200)
                .body("idempotency_key", equalTo(IDEMPOTENCY_KEY));
    }

    @Test
    void unknownToken_is401Problem() {
        given().header("Authorization", "Bearer cgt_not-a-team").get("/v1/submissions/" + scored).then()
                .statusCode(401).contentType("application/problem+json");
    }
}

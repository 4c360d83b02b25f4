package org.crystograph.api.benchmark;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.crystograph.testing.EmbeddedPostgresResource;
import org.junit.jupiter.api.Test;
import org.crystograph.testing.Prerequisites;

/**
 * End to end on a real (embedded) PostgreSQL: team creation, model card, task pages, submissions (accepted,
 * rejected, rate limited, idempotent), leaderboards and exports.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class BenchmarkFlowTest {

    static final String ADMIN = "Bearer test-admin-token";

    static {
        io.restassured.RestAssured.config = io.restassured.RestAssured.config().jsonConfig(
                io.restassured.config.JsonConfig.jsonConfig().numberReturnType(
                        io.restassured.path.json.config.JsonPathConfig.NumberReturnType.DOUBLE));
    }
    static final String TASK = "local_mc2d_gap";

    static String createTeam(String name) {
        return given().header("Authorization", ADMIN).contentType("application/json")
                .body(Map.of("name", name)).post("/v1/admin/teams")
                .then().statusCode(201).extract().path("token");
    }

    static long registerCard(String token) throws IOException {
        try (InputStream in = BenchmarkFlowTest.class.getResourceAsStream("/benchmark/model-card.json")) {
            String card = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return given().header("Authorization", "Bearer " + token).contentType("application/json").body(card)
                    .post("/v1/model-cards").then().statusCode(201).extract().jsonPath().getLong("id");
        }
    }

    /** Predicts every test id of every fold with the training mean plus a constant offset. */
    static String cvPayload(String task, long card, double offset) {
        StringBuilder sb = new StringBuilder("{\"model_card_id\": " + card + ", \"track\": \"cv\", \"folds\": {");
        for (int k = 0; k < 5; k++) {
            JsonPath fold = given().get("/v1/tasks/" + task + "/folds/" + k).then().statusCode(200).extract()
                    .jsonPath();
            List<Double> train = fold.getList("train.label", Double.class);
            double mean = train.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            sb.append(k == 0 ? "" : ",").append("\"fold_").append(k).append("\": [");
            List<String> ids = fold.getList("test.id");
            for (int i = 0; i < ids.size(); i++) {
                sb.append(i == 0 ? "" : ",").append("{\"id\": \"").append(ids.get(i)).append("\", \"prediction\": ")
                        .append(mean + offset).append('}');
            }
            sb.append(']');
        }
        return sb.append("}}").toString();
    }

    static void assumeTask(String task) {
        boolean available = given().get("/v1/tasks/" + task).then().statusCode(200).extract()
                .path("task.available");
        Prerequisites.require(available, "data of " + task + " absent (datasets directory not found)");
    }

    @Test
    void tasks_listsAllTwentyTasks_officialOnesUnavailable() {
        given().get("/v1/tasks").then().statusCode(200)
                .body("size()", equalTo(20))
                .body("find { it.key == 'unconvbench_supercon' }.available", equalTo(false))
                .body("find { it.key == 'unconvbench_supercon' }.unit", equalTo("K"));
        String csv = given().accept("text/csv").get("/v1/tasks").then().statusCode(200).extract().asString();
        assertThat(csv.lines()).hasSize(21).first().asString().startsWith("key,track,class");
    }

    @Test
    void fullFlow_teamToSubmissionToLeaderboard() throws IOException {
        assumeTask(TASK);
        given().get("/v1/tasks/" + TASK).then().statusCode(200)
                .body("task.n_public", equalTo(258 - 39)).body("task.n_hidden", equalTo(39))
                .body("fold_sizes", equalTo(List.of(44, 44, 44, 44, 43)))
                .body("task.licence", org.hamcrest.Matchers.containsString("CC BY 4.0"));
        String token = createTeam("flow-team");
        long card = registerCard(token);

        // accepted: the training-mean predictor plus 0.1 eV
        JsonPath ok = given().header("Authorization", "Bearer " + token).contentType("application/json")
                .body(cvPayload(TASK, card, 0.1)).post("/v1/tasks/" + TASK + "/submissions")
                .then().statusCode(201).body("outcome", equalTo("accepted")).extract().jsonPath();
        assertThat(ok.getList("scores.folds")).hasSize(5);
        double scaled = ok.getDouble("scores.scaled_score");
        assertThat(scaled).isBetween(0.8, 1.5);
        long id = ok.getLong("id");
        given().get("/v1/submissions/" + id).then().statusCode(200).body("outcome", equalTo("accepted"))
                .body("payload_sha256.length()", equalTo(64));

        // rejected: fold_4 missing -> 422 problem listing the rule; logged
        String partial = cvPayload(TASK, card, 0).replaceAll(",\"fold_4\": \\[[^\\]]*\\]", "");
        JsonPath bad = given().header("Authorization", "Bearer " + token).contentType("application/json")
                .body(partial).post("/v1/tasks/" + TASK + "/submissions").then().statusCode(422)
                .contentType("application/problem+json").body("errors.rule", hasItem("folds")).extract().jsonPath();
        given().header("Authorization", "Bearer " + token).get("/v1/submissions/" + bad.getLong("submission_id"))
                .then().body("outcome", equalTo("rejected"));

        // hidden track: CSV upload with model card and track as query parameters
        List<String> hidden = given().get("/v1/tasks/" + TASK).then().extract().path("hidden_ids.id");
        StringBuilder csv = new StringBuilder("fold,id,prediction,std\n");
        hidden.forEach(h -> csv.append("hidden,").append(h).append(",0.9,0.5\n"));
        given().header("Authorization", "Bearer " + token).contentType("text/csv").body(csv.toString())
                .queryParam("model_card_id", card).queryParam("track", "hidden")
                .post("/v1/tasks/" + TASK + "/submissions").then().statusCode(201)
                .body("track", equalTo("hidden")).body("scores.folds[0].fold", equalTo("hidden"))
                .body("scores.coverage95", org.hamcrest.Matchers.notNullValue());

        // task board with the baseline row; the submission is ranked
        given().get("/v1/leaderboard/" + TASK).then().statusCode(200)
                .body("baseline.fold_mae.size()", equalTo(5)).body("entries[0].submission_id", equalTo((int) id))
                .body("entries[0].team", equalTo("flow-team")).body("entries[0].team_scored_submissions",
                        equalTo(2));
        given().get("/v1/leaderboard/" + TASK + "?track=hidden").then().statusCode(200)
                .body("folds", equalTo(List.of("hidden"))).body("entries.size()", equalTo(1));
        String board = given().get("/v1/leaderboard/" + TASK + "?format=csv").then().statusCode(200).extract()
                .asString();
        assertThat(board.lines().skip(1).findFirst().orElseThrow()).contains("MAD baseline");
        // composite over the one task = its S
        given().get("/v1/leaderboard?tasks=" + TASK).then().statusCode(200)
                .body("entries[0].composite", org.hamcrest.Matchers.closeTo(scaled, 1e-9));
        given().get("/v1/leaderboard").then().statusCode(200).body("set", equalTo("local"));
    }

    @Test
    void unauthenticatedOrUnknownTask_areProblems() {
        given().contentType("application/json").body("{}").post("/v1/tasks/" + TASK + "/submissions")
                .then().statusCode(401).contentType("application/problem+json");
        given().get("/v1/tasks/nope").then().statusCode(404).contentType("application/problem+json");
        given().get("/v1/leaderboard/nope").then().statusCode(404);
        given().get("/v1/leaderboard?set=nope").then().statusCode(404);
        given().get("/v1/tasks/unconvbench_qmof/folds/0").then().statusCode(409);
        given().header("Authorization", "Bearer wrong").contentType("application/json")
                .body(Map.of("name", "x")).post("/v1/admin/teams").then().statusCode(403);
    }
}

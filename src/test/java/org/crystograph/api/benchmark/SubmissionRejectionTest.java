package org.crystograph.api.benchmark;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.crystograph.testing.EmbeddedPostgresResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rejections at the REST edge: each answered as problem+json and logged in the submission log. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class SubmissionRejectionTest {

    private static final String TASK = "local_alignn50_gap";
    private static String token;
    private static long card;

    @BeforeEach
    void team() throws Exception {
        if (token == null) {
            token = BenchmarkFlowTest.createTeam("reject-team");
            card = BenchmarkFlowTest.registerCard(token);
        }
    }

    private io.restassured.response.ValidatableResponse post(String task, String type, String body) {
        return given().header("Authorization", "Bearer " + token).contentType(type).body(body)
                .post("/v1/tasks/" + task + "/submissions").then().contentType("application/problem+json");
    }

    private void logged(io.restassured.response.ValidatableResponse r, String outcome) {
        long id = r.extract().jsonPath().getLong("submission_id");
        // a rejected attempt is visible to its own team only
        given().header("Authorization", "Bearer " + token).get("/v1/submissions/" + id).then().statusCode(200)
                .body("outcome", equalTo(outcome));
    }

    @Test
    void shouldRejectSubmissionWithUnknownMissingDuplicateAndNonFiniteRows() {
        BenchmarkFlowTest.assumeTask(TASK);
        String good = BenchmarkFlowTest.cvPayload(TASK, card, 0);
        // rename one id (missing + unknown), duplicate a row, and make one prediction NaN
        String firstId = good.replaceAll("(?s).*?\"id\": \"([^\"]+)\".*", "$1");
        String bad = good.replaceFirst("\"" + firstId + "\"", "\"nope-1\"")
                .replaceFirst("\"fold_1\": \\[", "\"fold_1\": [{\"id\": \"dup\", \"prediction\": 1},"
                        + "{\"id\": \"dup\", \"prediction\": NaN},");
        var r = post(TASK, "application/json", bad).statusCode(422)
                .body("errors.rule", hasItems("missing_ids", "unknown_ids", "duplicate_ids", "non_finite_prediction"))
                .body("errors.find { it.rule == 'missing_ids' }.ids", hasItem(firstId));
        logged(r, "rejected");
    }

    @Test
    void shouldRejectOversizedUploadsBeforeParsing() {
        BenchmarkFlowTest.assumeTask(TASK);
        String huge = "x".repeat(1_000_001);
        logged(post(TASK, "application/json", huge).statusCode(413).body("errors[0].rule", equalTo("size")),
                "rejected");
    }

    @Test
    void shouldRejectUnsupportedContentType() {
        BenchmarkFlowTest.assumeTask(TASK); // the task's state is checked first: without its data the answer is 409
        logged(post(TASK, "application/xml", "<a/>").statusCode(415), "rejected");
    }

    @Test
    void shouldRejectUnknownTaskAndUnavailableTask() {
        logged(post("no_such_task", "application/json", "{}").statusCode(404), "rejected");
        logged(post("unconvbench_qmof", "application/json", "{}").statusCode(409), "rejected");
    }

    @Test
    void shouldReplayARejectedAttemptAsTheSameProblem() {
        // a retry with the same Idempotency-Key and payload gets the original answer again, marked as a replay
        io.restassured.specification.RequestSpecification retry = given().header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", "reject-replay").contentType("application/json").body("{}");
        long first = retry.post("/v1/tasks/no_such_task/submissions").then().statusCode(404)
                .contentType("application/problem+json").header("Idempotent-Replayed", nullValue())
                .extract().jsonPath().getLong("submission_id");
        long again = retry.post("/v1/tasks/no_such_task/submissions").then().statusCode(404)
                .contentType("application/problem+json").header("Idempotent-Replayed", "true")
                .body("errors[0].rule", equalTo("task")).extract().jsonPath().getLong("submission_id");
        assertThat(again).isEqualTo(first);
    }

    @Test
    void shouldRejectAMissingOrForeignModelCard() {
        BenchmarkFlowTest.assumeTask(TASK);
        String noCard = BenchmarkFlowTest.cvPayload(TASK, card, 0).replaceFirst("\"model_card_id\": \\d+, ", "");
        post(TASK, "application/json", noCard).statusCode(422).body("errors.rule", hasItem("model_card"));
        String foreign = BenchmarkFlowTest.cvPayload(TASK, 999_999, 0);
        post(TASK, "application/json", foreign).statusCode(422).body("errors.rule", hasItem("model_card"));
    }

    @Test
    void shouldRejectCsvWithPartialStdAndTextPredictions() {
        BenchmarkFlowTest.assumeTask(TASK);
        java.util.List<String> test0 = given().get("/v1/tasks/" + TASK + "/folds/0").then().extract()
                .path("test.id");
        StringBuilder csv = new StringBuilder("fold,id,prediction,std\n");
        csv.append("fold_0,").append(test0.get(0)).append(",abc,0.1\n");
        csv.append("fold_0,").append(test0.get(1)).append(",1.0,\n");
        given().header("Authorization", "Bearer " + token).contentType("text/csv").body(csv.toString())
                .queryParam("model_card_id", card).post("/v1/tasks/" + TASK + "/submissions").then()
                .statusCode(422).body("errors.rule", hasItems("non_numeric_prediction", "invalid_std", "folds",
                        "missing_ids"));
    }

    @Test
    void shouldAnswerANonNumericIdOrModelCardWith400NamingTheValue() {
        given().header("Authorization", "Bearer " + token).contentType("text/csv").body("fold,id,prediction\n")
                .post("/v1/tasks/" + TASK + "/submissions?model_card_id=abc").then()
                .statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("/problems/invalid-parameter"))
                .body("detail", org.hamcrest.Matchers.containsString("abc"));
        given().get("/v1/submissions/abc").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void shouldRejectAModelCardWithUnknownKeys() {
        given().header("Authorization", "Bearer " + token).contentType("application/json")
                .body("{\"model_name\": \"m\", \"favourite_colour\": \"blue\"}").post("/v1/model-cards").then()
                .statusCode(422).contentType("application/problem+json")
                .body("errors.ids.flatten()", hasItems("favourite_colour", "repo_url"));
    }
}

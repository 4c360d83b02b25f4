package org.crystograph.api.benchmark;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.crystograph.testing.EmbeddedPostgresResource;
import org.junit.jupiter.api.Test;

/** The submission log is append-only, and the longer quotas are counted from it in the database. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class SubmissionLogTest {

    private static final String TASK = "local_alignn50_gap";

    @Inject
    AgroalDataSource dataSource;

    private void sql(String statement) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }

    private static String tokenOf(String name) {
        return BenchmarkFlowTest.createTeam(name);
    }

    @Test
    void log_rejectsUpdatesAndDeletes_butAllowsWithdrawal() throws Exception {
        BenchmarkFlowTest.assumeTask(TASK);
        String token = tokenOf("log-team");
        long card = BenchmarkFlowTest.registerCard(token);
        long id = given().header("Authorization", "Bearer " + token).contentType("application/json")
                .body(BenchmarkFlowTest.cvPayload(TASK, card, 0.3)).post("/v1/tasks/" + TASK + "/submissions")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        assertThatThrownBy(() -> sql("UPDATE bench_submission SET outcome = 'rejected' WHERE id = " + id))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> sql("DELETE FROM bench_submission WHERE id = " + id))
                .hasMessageContaining("append-only");
        given().get("/v1/leaderboard/" + TASK).then()
                .body("entries.find { it.submission_id == " + id + " }.team", equalTo("log-team"));
        sql("UPDATE bench_submission SET withdrawn = true WHERE id = " + id);
        given().get("/v1/leaderboard/" + TASK).then()
                .body("entries.find { it.submission_id == " + id + " }", org.hamcrest.Matchers.nullValue());
        // withdrawn from the boards: no longer public, still in its team's log
        given().get("/v1/submissions/" + id).then().statusCode(404);
        given().header("Authorization", "Bearer " + token).get("/v1/submissions/" + id).then().statusCode(200)
                .body("outcome", equalTo("accepted"));
    }

    @Test
    void thirtyDayQuota_countsOlderScoredSubmissions() throws Exception {
        BenchmarkFlowTest.assumeTask(TASK);
        String token = tokenOf("month-team");
        long card = BenchmarkFlowTest.registerCard(token);
        long team = teamIdByName("month-team");
        // 20 scored submissions 3 to 22 days ago: outside the 24 h window, inside the 30-day one
        sql("INSERT INTO bench_submission (team_id, task_key, track, model_card_id, created_at, payload_bytes, "
                + "outcome, http_status) SELECT " + team + ", '" + TASK + "', 'cv', " + card
                + ", now() - make_interval(days => 2 + g), 0, 'accepted', 201 FROM generate_series(1, 20) g");
        given().header("Authorization", "Bearer " + token).contentType("application/json")
                .body(BenchmarkFlowTest.cvPayload(TASK, card, 0.3)).post("/v1/tasks/" + TASK + "/submissions")
                .then().statusCode(429).body("limit.rule", equalTo("scored_per_30_days"));
    }

    @Test
    void rejectedQuota_refusesFurtherAttemptsForTheDay() throws Exception {
        String token = tokenOf("noisy-team");
        long team = teamIdByName("noisy-team");
        sql("INSERT INTO bench_submission (team_id, task_key, payload_bytes, outcome, http_status) "
                + "SELECT " + team + ", '" + TASK + "', 0, 'rejected', 422 FROM generate_series(1, 50)");
        given().header("Authorization", "Bearer " + token).contentType("application/json").body("{}")
                .post("/v1/tasks/" + TASK + "/submissions").then().statusCode(429)
                .body("limit.rule", equalTo("rejected_per_day"));
    }

    private long teamIdByName(String name) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                var r = s.executeQuery("SELECT id FROM bench_team WHERE name = '" + name + "'")) {
            assertThat(r.next()).isTrue();
            return r.getLong(1);
        }
    }
}

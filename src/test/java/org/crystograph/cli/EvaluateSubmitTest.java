package org.crystograph.cli;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.crystograph.config.DataPaths;
import org.crystograph.inference.CheckpointModel;
import org.crystograph.testing.EmbeddedPostgresResource;
import org.crystograph.testing.ServingModels;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import org.crystograph.testing.Prerequisites;

/**
 * {@code crystograph evaluate --submit} against the running service on a real (embedded) PostgreSQL: predictions go
 * through the participants' endpoints and the server's scores match the ones computed locally.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class EvaluateSubmitTest {

    private static final String ADMIN = "Bearer test-admin-token";
    private static final String SMALL_TASK = "local_alignn50_gap";
    private static final Pattern LOCAL_MAE = Pattern.compile("local MAE ([0-9.]+)");
    private static final Pattern SERVER_MAE = Pattern.compile(": accepted, MAE ([0-9.]+)");
    private static final double PRINTED_PRECISION = 1e-5;

    @TestHTTPResource("/")
    URL root;

    @TempDir
    Path temp;

    @BeforeEach
    void requireDatasets() {
        Prerequisites.require(DataPaths.dataDirectory().isPresent(),
                "datasets directory absent");
    }

    private static String createTeam(String name) {
        return given().header("Authorization", ADMIN).contentType("application/json").body(Map.of("name", name))
                .post("/v1/admin/teams").then().statusCode(201).extract().path("token");
    }

    private record Run(int exitCode, String out, String err) {
    }

    private static Run evaluate(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = CrystographCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private Path testCard() throws Exception {
        Path card = temp.resolve("model-card.json");
        try (InputStream in = getClass().getResourceAsStream("/benchmark/model-card.json")) {
            Files.write(card, in.readAllBytes());
        }
        return card;
    }

    private static double mean(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        double sum = 0;
        int n = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
            n++;
        }
        assertThat(n).as(text).isPositive();
        return sum / n;
    }

    @Test
    void bundledModel_submitsItsHiddenTrackPredictions_andEarnsItsLeaderboardRow() throws Exception {
        String token = createTeam("bundled-model-team");
        Run run = evaluate("evaluate", "--submit", root.toString(), "--token", token);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("local_perov5_heat hidden:").contains("(hidden track");
        double local = mean(LOCAL_MAE, run.out());
        double server = mean(SERVER_MAE, run.out());
        assertThat(server).isCloseTo(local, within(PRINTED_PRECISION));
        String modelName;
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream(CheckpointModel.BUNDLED + "/" + EvaluateCommand.MODEL_CARD)) {
            modelName = new ObjectMapper().readTree(in).get("model_name").asText();
        }
        JsonNode board = new ObjectMapper().readTree(given().queryParam("track", "hidden")
                .get("/v1/leaderboard/local_perov5_heat").then().statusCode(200).extract().asString());
        assertThat(board.toString()).contains(modelName).contains("bundled-model-team");
    }

    @Test
    void cvTrack_eachFoldCheckpointPredictsOnlyItsOwnFold_andTheServerAgrees() throws Exception {
        Path run = temp.resolve("run");
        for (int k = 0; k < 5; k++) {
            ServingModels.write(run.resolve("fold" + k).resolve("best"), SMALL_TASK, "gap", "eV", k, "PUBLIC", 20 + k);
        }
        Files.copy(testCard(), run.resolve(EvaluateCommand.MODEL_CARD));
        Run result = evaluate("evaluate", "--submit", root.toString(), "--token", createTeam("cv-team"),
                "--track", "cv", "--checkpoint", run.toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(LOCAL_MAE.matcher(result.out()).results().count()).isEqualTo(5);
        assertThat(mean(SERVER_MAE, result.out())).isCloseTo(mean(LOCAL_MAE, result.out()), within(PRINTED_PRECISION));
    }

    @Test
    void cvTrack_checkpointTrainedOnAnotherFold_isRefusedBeforeAnythingIsSent() throws Exception {
        Path run = temp.resolve("swapped");
        List<Integer> heldOut = List.of(0, 1, 3, 2, 4);
        for (int k = 0; k < 5; k++) {
            ServingModels.write(run.resolve("fold" + k).resolve("best"), SMALL_TASK, "gap", "eV", heldOut.get(k),
                    "PUBLIC", 30 + k);
        }
        Run result = evaluate("evaluate", "--submit", root.toString(), "--token", createTeam("swapped-team"),
                "--track", "cv", "--checkpoint", run.toString(), "--model-card", testCard().toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("the checkpoint for fold 2 was trained with fold 3 held out");
    }

    @Test
    void hiddenTrack_checkpointTrainedOnFullFolds_isRefused() throws Exception {
        Path full = temp.resolve("full");
        ServingModels.write(full, SMALL_TASK, "gap", "eV", -1, "FULL", 40);
        Run result = evaluate("evaluate", "--submit", root.toString(), "--token", createTeam("full-team"),
                "--checkpoint", full.toString(), "--model-card", testCard().toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--protocol PUBLIC").contains("FULL");
    }

    @Test
    void wrongToken_exitsWithTheServersProblem() throws Exception {
        Path model = temp.resolve("public");
        ServingModels.write(model, SMALL_TASK, "gap", "eV", -1, "PUBLIC", 50);
        Run result = evaluate("evaluate", "--submit", root.toString(), "--token", "not-a-team-token",
                "--checkpoint", model.toString(), "--model-card", testCard().toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("answered 401").contains("\"status\" : 401");
    }
}

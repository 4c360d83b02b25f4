package org.crystograph.api.benchmark;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.crystograph.testing.EmbeddedPostgresResource;
import org.junit.jupiter.api.Test;

/**
 * Plants distinctive hidden labels, then calls every path of openapi.yaml (JSON and CSV, both tracks, accepted and
 * rejected submissions) and checks that no number in any response equals a planted hidden label.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class HiddenLabelLeakTest {

    private static final String TASK = "local_megnet100_kvrh";
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");
    /** Absolute tolerance: JSON and CSV print doubles in shortest round-trip form. */
    private static final double TOLERANCE = 1e-6;

    @Inject
    AgroalDataSource dataSource;

    private List<Double> plantHiddenLabels() throws Exception {
        List<Double> planted = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            // 8675309.123 + 17.071 i: far from any K_VRH (10-241 GPa) and not reachable by the aggregates below
            s.executeUpdate("""
                    UPDATE bench_hidden_label h SET label = 8675309.123 + 17.071 * r.i
                    FROM (SELECT sample_id, row_number() OVER (ORDER BY sample_id) - 1 AS i
                          FROM bench_hidden_label WHERE task_key = 'local_megnet100_kvrh') r
                    WHERE h.task_key = 'local_megnet100_kvrh' AND h.sample_id = r.sample_id""");
            try (ResultSet r = s.executeQuery(
                    "SELECT label FROM bench_hidden_label WHERE task_key = 'local_megnet100_kvrh'")) {
                while (r.next()) {
                    planted.add(r.getDouble(1));
                }
            }
        }
        return planted;
    }

    private static List<Double> numbersIn(String body) {
        List<Double> out = new ArrayList<>();
        Matcher m = NUMBER.matcher(body);
        while (m.find()) {
            out.add(Double.parseDouble(m.group()));
        }
        return out;
    }

    private static boolean containsAny(String body, List<Double> values) {
        return firstMatch(body, values) != null;
    }

    private static Double firstMatch(String body, List<Double> values) {
        for (double x : numbersIn(body)) {
            for (double v : values) {
                if (Math.abs(x - v) <= TOLERANCE) {
                    return x;
                }
            }
        }
        return null;
    }

    @Test
    void noEndpointEverReturnsAHiddenLabel() throws Exception {
        BenchmarkFlowTest.assumeTask(TASK);
        List<Double> planted = plantHiddenLabels();
        assertThat(planted).hasSize(15);

        // positive control: the detector does find public labels where they are meant to be
        String page = given().get("/v1/tasks/" + TASK).then().statusCode(200).extract().asString();
        List<Double> publicLabels = given().get("/v1/tasks/" + TASK).then().extract().jsonPath()
                .getList("samples.label", Double.class);
        assertThat(containsAny(page, publicLabels.subList(0, 3))).isTrue();

        // responses of the POST endpoints
        List<String> bodies = new ArrayList<>();
        String token = BenchmarkFlowTest.createTeam("leak-team");
        long card = BenchmarkFlowTest.registerCard(token);
        String cv = BenchmarkFlowTest.cvPayload(TASK, card, 0.5);
        Response accepted = given().header("Authorization", "Bearer " + token).contentType("application/json")
                .body(cv).post("/v1/tasks/" + TASK + "/submissions");
        assertThat(accepted.statusCode()).isEqualTo(201);
        bodies.add(accepted.asString());
        List<String> hiddenIds = given().get("/v1/tasks/" + TASK).then().extract().path("hidden_ids.id");
        StringBuilder hidden = new StringBuilder("{\"model_card_id\": " + card + ", \"predictions\": [");
        for (int i = 0; i < hiddenIds.size(); i++) {
            hidden.append(i == 0 ? "" : ",").append("{\"id\": \"").append(hiddenIds.get(i))
                    .append("\", \"prediction\": 100.5, \"std\": 3.25}");
        }
        Response hiddenSub = given().header("Authorization", "Bearer " + token).contentType("application/json")
                .body(hidden.append("]}").toString()).post("/v1/tasks/" + TASK + "/submissions");
        assertThat(hiddenSub.statusCode()).isEqualTo(201);
        bodies.add(hiddenSub.asString());
        Response rejected = given().header("Authorization", "Bearer " + token).contentType("application/json")
                .body("{\"model_card_id\": " + card + ", \"predictions\": [{\"id\": \"" + hiddenIds.get(0)
                        + "\", \"prediction\": 1}]}").post("/v1/tasks/" + TASK + "/submissions");
        assertThat(rejected.statusCode()).isEqualTo(422);
        bodies.add(rejected.asString());
        long submissionId = hiddenSub.jsonPath().getLong("id");

        // every path of openapi.yaml, JSON and CSV
        JsonNode spec = new ObjectMapper(new YAMLFactory()).readTree(Path.of("openapi.yaml").toFile());
        Map<String, String> values = new LinkedHashMap<>();
        values.put("key", TASK);
        values.put("task", TASK);
        values.put("id", Long.toString(submissionId));
        values.put("name", org.crystograph.testing.ServingModels.ENSEMBLE); // GET /v1/models/{name}
        Iterator<Map.Entry<String, JsonNode>> paths = spec.get("paths").fields();
        int calls = 0;
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> p = paths.next();
            if (!p.getValue().has("get")) {
                assertThat(p.getValue().has("post")).as(p.getKey()).isTrue(); // POST bodies checked above
                continue;
            }
            List<String> urls = new ArrayList<>();
            if (p.getKey().contains("{k}")) {
                for (int k = 0; k < 5; k++) {
                    urls.add(p.getKey().replace("{k}", Integer.toString(k)));
                }
            } else if (p.getKey().startsWith("/v1/model-cards/")) {
                urls.add(p.getKey().replace("{id}", Long.toString(card)));
            } else {
                urls.add(p.getKey());
            }
            for (String u : urls) {
                for (Map.Entry<String, String> v : values.entrySet()) {
                    u = u.replace("{" + v.getKey() + "}", v.getValue());
                }
                assertThat(u).as("unfilled path parameter").doesNotContain("{");
                for (String query : List.of("", "?format=csv", "?track=hidden", "?track=hidden&format=csv",
                        "?tasks=" + TASK + "&track=hidden")) {
                    Response r = given().get(u + query);
                    assertThat(r.statusCode()).as(u + query).isLessThan(500);
                    bodies.add(r.asString());
                    calls++;
                }
                Response csv = given().accept("text/csv").get(u);
                bodies.add(csv.asString());
                calls++;
            }
        }
        assertThat(calls).isGreaterThan(40);
        for (String b : bodies) {
            assertThat(firstMatch(b, planted)).as("a planted hidden label appears in: %s", b).isNull();
        }
        // and the hidden board did score against them (its MAE is in the planted range)
        double hiddenMae = given().get("/v1/leaderboard/" + TASK + "?track=hidden").then().statusCode(200)
                .extract().jsonPath().getDouble("entries[0].mae.mean");
        assertThat(hiddenMae).isGreaterThan(8_000_000);
    }
}

package org.crystograph.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.crystograph.testing.EmbeddedPostgresResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.crystograph.testing.Prerequisites;

/**
 * The leaderboard and a submission page in headless Chromium, with submissions made through the real REST API on
 * the embedded database: three models on the smallest local task whose predictions are the public labels plus a
 * known alternating error, so their MAE per fold is exactly that error.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LeaderboardBrowserTest {

    static final String TASK = "local_alignn50_gap";
    static final String ADMIN = "Bearer test-admin-token";
    /** Model name suffix -> the absolute error of every prediction (eV). Submitted worst first. */
    static final Map<String, Double> ERRORS = Map.of("C", 0.6, "A", 0.05, "B", 0.2);
    static final List<String> SUBMIT_ORDER = List.of("C", "A", "B");

    private static Browser browser;
    private static final String RUN = Long.toString(System.nanoTime(), 36);
    private static final Map<String, Long> SUBMISSIONS = new HashMap<>();

    @TestHTTPResource("/")
    URL root;

    @BeforeAll
    static void start() {
        browser = Browser.startIfInstalled();
    }

    @BeforeEach
    void requireBrowser() {
        Browser.assumeAvailable(browser);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    static String model(String suffix) {
        return "WebModel-" + suffix + "-" + RUN;
    }

    /** Creates a team and a card per model and submits predictions = public label +- error, alternating. */
    private void submitThreeModels() throws IOException {
        if (!SUBMISSIONS.isEmpty()) {
            return;
        }
        JsonPath task = given().get("/v1/tasks/" + TASK).then().statusCode(200).extract().jsonPath();
        Prerequisites.require(task.getBoolean("task.available"),
                "data of " + TASK + " absent (datasets directory not found)");
        List<String> ids = task.getList("samples.id");
        List<Float> labels = task.getList("samples.label", Float.class);
        List<Integer> folds = task.getList("samples.fold", Integer.class);
        String cardTemplate;
        try (InputStream in = getClass().getResourceAsStream("/benchmark/model-card.json")) {
            cardTemplate = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // exact labels as doubles (the JSON numbers), not the floats above
        List<Double> exact = new ArrayList<>();
        for (Object o : given().get("/v1/tasks/" + TASK).then().extract().jsonPath()
                .using(new io.restassured.path.json.config.JsonPathConfig(
                        io.restassured.path.json.config.JsonPathConfig.NumberReturnType.DOUBLE))
                .getList("samples.label")) {
            exact.add(((Number) o).doubleValue());
        }
        assertThat(exact).hasSameSizeAs(labels);
        for (String suffix : SUBMIT_ORDER) {
            String token = given().header("Authorization", ADMIN).contentType("application/json")
                    .body(Map.of("name", "web-team-" + suffix + "-" + RUN)).post("/v1/admin/teams").then()
                    .statusCode(201).extract().path("token");
            String card = cardTemplate.replace("\"CrysToGraph-test\"", "\"" + model(suffix) + "\"");
            long cardId = given().header("Authorization", "Bearer " + token).contentType("application/json")
                    .body(card).post("/v1/model-cards").then().statusCode(201).extract().jsonPath().getLong("id");
            StringBuilder csv = new StringBuilder("fold,id,prediction\n");
            double error = ERRORS.get(suffix);
            int[] seen = new int[5];
            for (int i = 0; i < ids.size(); i++) {
                int k = folds.get(i);
                double sign = seen[k]++ % 2 == 0 ? 1 : -1;
                csv.append("fold_").append(k).append(',').append(ids.get(i)).append(',')
                        .append(exact.get(i) + sign * error).append('\n');
            }
            long id = given().header("Authorization", "Bearer " + token).contentType("text/csv")
                    .queryParam("model_card_id", cardId).queryParam("track", "cv").body(csv.toString())
                    .post("/v1/tasks/" + TASK + "/submissions").then().statusCode(201).extract().jsonPath()
                    .getLong("id");
            SUBMISSIONS.put(suffix, id);
        }
    }

    /** My rows of the task table, top to bottom, as model names. */
    private static List<String> myModels(WebElement table) {
        List<String> names = new ArrayList<>();
        for (WebElement row : table.findElements(By.cssSelector("tbody:first-of-type tr"))) {
            String name = row.findElement(By.cssSelector("th[scope=row] summary")).getText();
            if (name.startsWith("WebModel-") && name.contains(RUN)) {
                names.add(name.substring(0, name.indexOf(' ')));
            }
        }
        return names;
    }

    @Test
    @Order(1)
    void leaderboard_listsSubmissionsByMeanMae_withBaselineAndCsv() throws IOException {
        submitThreeModels();
        WebDriver d = browser.driver();
        d.get(root + "leaderboard");
        WebElement table = d.findElement(By.id("task-" + TASK));
        assertThat(myModels(table)).containsExactly(model("A"), model("B"), model("C"));
        for (WebElement row : table.findElements(By.cssSelector("tbody:first-of-type tr"))) {
            String name = row.findElement(By.cssSelector("th[scope=row] summary")).getText();
            if (name.startsWith(model("A"))) {
                List<WebElement> cells = row.findElements(By.cssSelector("td.num"));
                // rank, five folds, mean: every fold's MAE is exactly the 0.05 eV error
                for (int k = 1; k <= 5; k++) {
                    assertThat(cells.get(k).getText()).isEqualTo("0.05");
                }
                assertThat(row.findElement(By.cssSelector("td.mean-mae")).getText()).isEqualTo("0.05");
            }
        }
        WebElement baseline = table.findElement(By.cssSelector("tr.baseline"));
        assertThat(baseline.getText()).contains("MAD baseline");
        assertThat(table.findElements(By.cssSelector("thead th[scope=col]"))).hasSizeGreaterThanOrEqualTo(12);
        String csvHref = d.findElement(By.cssSelector("a[href='/v1/leaderboard/" + TASK + "?format=csv']"))
                .getAttribute("href");
        String csv = given().get(csvHref).then().statusCode(200).extract().asString();
        assertThat(csv).contains(model("A")).contains(model("B")).contains(model("C")).contains("MAD baseline");
        browser.screenshot("leaderboard");
    }

    @Test
    @Order(2)
    void leaderboard_sortsByKeyboard_andOpensModelCards() throws IOException {
        submitThreeModels();
        WebDriver d = browser.driver();
        d.get(root + "leaderboard");
        WebElement table = d.findElement(By.id("task-" + TASK));
        WebElement meanHeader = table.findElement(By.xpath(".//thead//th[.//button[normalize-space()='Mean MAE']]"));
        WebElement meanButton = meanHeader.findElement(By.tagName("button"));
        meanButton.sendKeys(Keys.ENTER);
        assertThat(meanHeader.getAttribute("aria-sort")).isEqualTo("ascending");
        assertThat(myModels(table)).containsExactly(model("A"), model("B"), model("C"));
        meanButton.sendKeys(Keys.ENTER);
        assertThat(meanHeader.getAttribute("aria-sort")).isEqualTo("descending");
        assertThat(myModels(table)).containsExactly(model("C"), model("B"), model("A"));
        // the baseline row stays below the ranked rows
        List<WebElement> bodies = table.findElements(By.tagName("tbody"));
        assertThat(bodies.get(bodies.size() - 1).getText()).contains("MAD baseline");

        WebElement summary = table.findElement(By.xpath(".//summary[starts-with(normalize-space(), '"
                + model("B") + "')]"));
        summary.sendKeys(Keys.ENTER);
        WebElement card = summary.findElement(By.xpath("./following-sibling::div[@class='card']"));
        assertThat(card.isDisplayed()).isTrue();
        assertThat(card.getText()).contains("model_params").contains("12345").contains("OSOD");
        browser.screenshot("leaderboard-sorted-card");
    }

    @Test
    @Order(3)
    void submissionPage_drawsOnePointPerTestSample_andTheHistogram() throws IOException {
        submitThreeModels();
        int samples = given().get("/v1/tasks/" + TASK).then().statusCode(200).extract().jsonPath()
                .getList("fold_sizes", Integer.class).stream().mapToInt(Integer::intValue).sum();
        WebDriver d = browser.driver();
        d.get(root + "leaderboard");
        WebElement summary = d.findElement(By.xpath("//table[@id='task-" + TASK + "']//summary[starts-with("
                + "normalize-space(), '" + model("A") + "')]"));
        summary.click();
        summary.findElement(By.xpath("./following-sibling::div//a")).click();
        browser.awaitUrlEndingWith("/leaderboard/" + TASK + "/" + SUBMISSIONS.get("A"));
        WebElement parity = browser.await(By.cssSelector("#parity svg"));
        assertThat(parity.getAttribute("role")).isEqualTo("img");
        List<WebElement> points = parity.findElements(By.cssSelector("circle.point"));
        assertThat(points).hasSize(samples);
        assertThat(points.get(0).isDisplayed()).isTrue();
        List<WebElement> bars = d.findElements(By.cssSelector("#histogram svg rect.bar"));
        int counted = bars.stream().mapToInt(b -> Integer.parseInt(b.getAttribute("data-count"))).sum();
        assertThat(counted).isEqualTo(samples);
        // errors are exactly +0.05 or -0.05: only two bins hold samples
        assertThat(bars.stream().filter(b -> !"0".equals(b.getAttribute("data-count")))).hasSize(2);
        assertThat(d.findElement(By.id("fold-scores")).getText()).contains("0.05");
        browser.screenshot("submission-parity");
    }

    @Test
    @Order(4)
    void hiddenTrackSubmission_getsNoPerSamplePlot() throws IOException {
        submitThreeModels();
        JsonPath task = given().get("/v1/tasks/" + TASK).then().statusCode(200).extract().jsonPath();
        List<String> hidden = task.getList("hidden_ids.id");
        Prerequisites.require(!hidden.isEmpty(), TASK + " has no hidden track");
        String token = given().header("Authorization", ADMIN).contentType("application/json")
                .body(Map.of("name", "web-team-hidden-" + RUN)).post("/v1/admin/teams").then().statusCode(201)
                .extract().path("token");
        String card;
        try (InputStream in = getClass().getResourceAsStream("/benchmark/model-card.json")) {
            card = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("\"CrysToGraph-test\"", "\"" + model("H") + "\"");
        }
        long cardId = given().header("Authorization", "Bearer " + token).contentType("application/json").body(card)
                .post("/v1/model-cards").then().statusCode(201).extract().jsonPath().getLong("id");
        StringBuilder csv = new StringBuilder("fold,id,prediction\n");
        hidden.forEach(h -> csv.append("hidden,").append(h).append(",1.0\n"));
        long id = given().header("Authorization", "Bearer " + token).contentType("text/csv")
                .queryParam("model_card_id", cardId).queryParam("track", "hidden").body(csv.toString())
                .post("/v1/tasks/" + TASK + "/submissions").then().statusCode(201).extract().jsonPath().getLong("id");
        WebDriver d = browser.driver();
        d.get(root + "leaderboard");
        assertThat(d.findElement(By.id("task-" + TASK + "-hidden")).getText()).contains(model("H"));
        d.get(root + "leaderboard/" + TASK + "/" + id);
        assertThat(d.findElement(By.id("no-charts")).getText()).contains("hidden test set");
        assertThat(d.findElements(By.cssSelector("svg circle.point"))).isEmpty();
        assertThat(d.findElements(By.cssSelector("svg rect.bar"))).isEmpty();
    }

    @Test
    @Order(5)
    void submissionPage_unknownSubmission_isNotFound() {
        given().get("/leaderboard/" + TASK + "/987654321").then().statusCode(404);
    }
}

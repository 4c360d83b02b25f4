package org.crystograph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.crystograph.config.DataPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.crystograph.testing.Prerequisites;

/**
 * Runs after {@code mvn package} (failsafe): the default {@code serve} run keeps the benchmark's acknowledged writes
 * through crashes of the service and of its embedded PostgreSQL, and a service killed with {@code kill -9} (the
 * out-of-memory killer does exactly this) starts again at the first try. Before the fix, zonky's throw-away settings
 * ({@code -F}, {@code synchronous_commit=off}) lost answered submissions, and the orphaned server of a killed service
 * made the next start fail.
 */
class EmbeddedDatabaseCrashIT {

    private static final String ADMIN_TOKEN = "crash-test-admin";
    /** A small task: its hidden track has 39 structures. */
    private static final String TASK = "local_mc2d_gap";
    private static final int SUBMISSIONS = 3;
    /** The watchdog looks every second; a fast shutdown takes well under a second more. */
    private static final long ORPHAN_GONE_SECONDS = 15;

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    Path temp;

    @Test
    void acknowledgedSubmissions_surviveKillNineOfServiceAndDatabase_andAKilledServiceRestartsAtOnce()
            throws Exception {
        Prerequisites.require(DataPaths.dataDirectory().isPresent(),
                "datasets directory absent: no task to submit to");
        Map<String, String> settings = Map.of("crystograph.admin-token", ADMIN_TOKEN);
        Path pgdata = temp.resolve("pg");

        // 1. three submissions answered 201, then the service and its PostgreSQL are killed at once
        List<String> teams = new ArrayList<>();
        try (ServiceProcess first = ServiceProcess.startOnDatabase(pgdata, settings)) {
            List<String> hidden = hiddenIds(first.base);
            for (int i = 0; i < SUBMISSIONS; i++) {
                String team = "crash-team-" + i;
                submitHidden(first.base, createTeam(first.base, team), hidden, 1.0 + i);
                teams.add(team);
            }
            EmbeddedDatabase.Postmaster postgres = postmaster(pgdata);
            ProcessHandle pg = postgres.process().orElseThrow();
            List<ProcessHandle> all = new ArrayList<>(pg.descendants().toList());
            all.add(pg);
            first.process.destroyForcibly();
            all.forEach(ProcessHandle::destroyForcibly);
            assertThat(first.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            for (ProcessHandle p : all) {
                p.onExit().get(30, TimeUnit.SECONDS);
            }
        }

        // 2. restarted on the same data: every acknowledged submission is there; then kill -9 of the service alone
        try (ServiceProcess second = ServiceProcess.startOnDatabase(pgdata, settings)) {
            JsonNode board = getJson(second.base, "/v1/leaderboard/" + TASK + "?track=hidden");
            List<String> onBoard = new ArrayList<>();
            board.get("entries").forEach(e -> onBoard.add(e.get("team").asText()));
            assertThat(onBoard).as(board.toString()).containsExactlyInAnyOrderElementsOf(teams);

            ProcessHandle pg = postmaster(pgdata).process().orElseThrow();
            second.process.destroyForcibly();
            assertThat(second.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(pg.onExit().completeOnTimeout(null, ORPHAN_GONE_SECONDS, TimeUnit.SECONDS).get())
                    .as("the killed service's PostgreSQL (pid %d) stops by itself", pg.pid()).isNotNull();
        }

        // 3. the first start after the kill succeeds, with the data intact
        try (ServiceProcess third = ServiceProcess.startOnDatabase(pgdata, settings)) {
            assertThat(getJson(third.base, "/v1/leaderboard/" + TASK + "?track=hidden").get("entries").size())
                    .isEqualTo(SUBMISSIONS);
        }
    }

    /** A server left running while a fresh service starts on its directory is stopped first (the orphan case). */
    @Test
    void staleServerOnTheDataDirectory_isStoppedBeforeTheNewOneStarts() throws Exception {
        Path data = temp.resolve("stale");
        // a server started the way the service starts it, in a process that is then killed without its watchdog
        Process orphanMaker = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), StaleServer.class.getName(), data.toString())
                .redirectErrorStream(true).start();
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(orphanMaker.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            do {
                line = lines.readLine();
            } while (line != null && !line.equals(StaleServer.STARTED));
            assertThat(line).as("the first server started").isEqualTo(StaleServer.STARTED);
        }
        orphanMaker.destroyForcibly();
        orphanMaker.waitFor(30, TimeUnit.SECONDS);
        ProcessHandle orphan = EmbeddedDatabase.Postmaster.read(data).orElseThrow().process().orElseThrow();

        try (var server = EmbeddedDatabase.start(data); var c = server.getPostgresDatabase().getConnection();
                var rs = c.createStatement().executeQuery("SHOW fsync")) {
            assertThat(orphan.isAlive()).as("the orphan is stopped").isFalse();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).as("zonky's -F is overridden").isEqualTo("on");
            try (var sc = c.createStatement().executeQuery("SHOW synchronous_commit")) {
                assertThat(sc.next()).isTrue();
                assertThat(sc.getString(1)).isEqualTo("on");
            }
        }
    }

    /** Starts a server on a directory, says so, and waits to be killed (leaving the server behind). */
    static final class StaleServer {
        static final String STARTED = "stale server started";

        public static void main(String[] args) throws Exception {
            EmbeddedDatabase.start(Path.of(args[0]));
            System.out.println(STARTED);
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    private static EmbeddedDatabase.Postmaster postmaster(Path pgdata) {
        return EmbeddedDatabase.Postmaster.read(pgdata.resolve("data")).orElseThrow();
    }

    private JsonNode getJson(URI base, String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> post(URI base, String path, String token, String type, String body)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private List<String> hiddenIds(URI base) throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        getJson(base, "/v1/tasks/" + TASK).get("hidden_ids").forEach(h -> ids.add(h.get("id").asText()));
        assertThat(ids).isNotEmpty();
        return ids;
    }

    private String createTeam(URI base, String name) throws IOException, InterruptedException {
        HttpResponse<String> r = post(base, "/v1/admin/teams", ADMIN_TOKEN, "application/json",
                JSON.writeValueAsString(Map.of("name", name)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body()).get("token").asText();
    }

    private void submitHidden(URI base, String token, List<String> hidden, double value)
            throws IOException, InterruptedException {
        String card;
        try (InputStream in = getClass().getResourceAsStream("/benchmark/model-card.json")) {
            card = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        HttpResponse<String> registered = post(base, "/v1/model-cards", token, "application/json", card);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        long cardId = JSON.readTree(registered.body()).get("id").asLong();
        StringBuilder csv = new StringBuilder("fold,id,prediction\n");
        hidden.forEach(id -> csv.append("hidden,").append(id).append(',').append(value).append('\n'));
        HttpResponse<String> r = post(base, "/v1/tasks/" + TASK + "/submissions?track=hidden&model_card_id="
                + cardId, token, "text/csv", csv.toString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }
}

package org.crystograph.deploy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL outage under a running service: predictions never touch the database and keep working, readiness stays
 * UP (it means "models loaded", so the pods stay in the Service), the benchmark endpoints answer 503 problem+json with
 * {@code Retry-After}, and everything answers again once the database is back. The service gets its own embedded
 * server here (a test profile of its own), which the test stops and starts again on the same port and data.
 */
@QuarkusTest
@TestProfile(DatabaseOutageTest.OwnDatabase.class)
class DatabaseOutageTest {

    private static final String CIF = resource("/structures/nacl_fm-3m.cif");
    private static final List<String> BENCHMARK_READS = List.of("/v1/tasks", "/v1/leaderboard");

    /** This class's own database, which no other test shares. */
    public static class OwnDatabase implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(StoppableDatabase.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    /** An embedded PostgreSQL that keeps its data directory and port, so that it can be stopped and started again. */
    public static class StoppableDatabase implements QuarkusTestResourceLifecycleManager {

        private static Path dataDirectory;
        private static int port;
        private static EmbeddedPostgres server;

        @Override
        public Map<String, String> start() {
            try {
                dataDirectory = Files.createTempDirectory("crystograph-outage-pg-");
                server = builder().start();
                port = server.getPort();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
            return Map.of(
                    "quarkus.datasource.jdbc.url", server.getJdbcUrl("postgres", "postgres"),
                    "quarkus.datasource.username", "postgres",
                    "quarkus.datasource.password", "postgres");
        }

        @Override
        public void stop() {
            down();
            try (var walk = Files.walk(dataDirectory)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + dataDirectory, e);
            }
        }

        static void down() {
            if (server != null) {
                try {
                    server.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } finally {
                    server = null;
                }
            }
        }

        static void up() throws IOException {
            server = builder().setPort(port).start();
        }

        private static EmbeddedPostgres.Builder builder() {
            return EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false);
        }
    }

    @Test
    void databaseDown_predictionsWork_readinessStaysUp_benchmarkAnswers503WithRetryAfter_andRecovers()
            throws IOException {
        for (String path : BENCHMARK_READS) {
            given().accept("application/json").when().get(path).then().statusCode(200);
        }

        StoppableDatabase.down();
        try {
            predictNaCl();
            given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
            for (String path : BENCHMARK_READS) {
                Response r = given().accept("application/json").when().get(path).andReturn();
                assertThat(r.statusCode()).as(path + ": " + r.asString()).isEqualTo(503);
                assertThat(r.contentType()).as(path).startsWith("application/problem+json");
                assertThat(r.jsonPath().getString("type")).isEqualTo("/problems/database-unavailable");
                assertThat(Long.parseLong(r.header("Retry-After"))).as(path + " Retry-After, s").isPositive();
            }
            predictNaCl();
        } finally {
            StoppableDatabase.up();
        }

        for (String path : BENCHMARK_READS) {
            given().accept("application/json").when().get(path).then().statusCode(200);
        }
    }

    private static void predictNaCl() {
        given().contentType("chemical/x-cif").body(CIF.getBytes(StandardCharsets.UTF_8))
                .when().post("/v1/predictions").then().statusCode(200);
    }

    private static String resource(String name) {
        try (var in = DatabaseOutageTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

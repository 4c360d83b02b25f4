package org.crystograph.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Every prediction request is answered by its deadline, whatever its structure costs, and the work done for it stops
 * then or when its client leaves. Graph building is made endless on purpose for structures holding krypton
 * ({@link SlowGraphs}); the hostile lattice of issue 28 goes through the real graph builder.
 */
@QuarkusTest
@TestProfile(RequestDeadlineTest.ShortDeadline.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RequestDeadlineTest {

    /** The deadline of this profile. */
    private static final Duration DEADLINE = Duration.ofSeconds(6);
    /** What the answer may come after the deadline on a busy two-core machine. */
    private static final Duration MARGIN = Duration.ofSeconds(10);
    /** Longest a client waits: a request past it hangs. */
    private static final Duration CLIENT_TIMEOUT = DEADLINE.plus(MARGIN);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A short deadline and the slow graph builder. */
    public static class ShortDeadline implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("crystograph.serving.request-timeout", DEADLINE.toSeconds() + "s",
                    "crystograph.serving.graph-threads", "3");
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(SlowGraphs.class);
        }
    }

    /** Simple cubic krypton: its graph never finishes here. */
    static final String KRYPTON_POSCAR = """
            Kr simple cubic
            1.0
            4.0 0 0
            0 4.0 0
            0 0 4.0
            Kr
            1
            Direct
            0 0 0
            """;

    /** The hostile lattice of issue 28 (see the fixtures' README). */
    static final String HOSTILE_POSCAR = PredictionApiTest.resource("/service/hostile_lattice_POSCAR");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void freshLatches() {
        SlowGraphs.reset();
    }

    @Test
    @Order(1)
    void graphBuildThatNeverEnds_isAnswered503AtTheDeadline_andInterrupted() throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> r = post("/v1/predictions", "chemical/x-vasp", KRYPTON_POSCAR);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(r.headers().firstValue("Retry-After")).isPresent();
        JsonNode problem = JSON.readTree(r.body());
        assertThat(problem.path("type").asText()).isEqualTo("/problems/deadline-exceeded");
        assertThat(problem.path("stage").asText()).isEqualTo("reading_and_building_graph");
        assertThat(problem.path("detail").asText()).contains("crystograph.serving.request-timeout");
        assertThat(took).isGreaterThanOrEqualTo(DEADLINE).isLessThan(CLIENT_TIMEOUT);
        assertThat(SlowGraphs.interrupted.await(MARGIN.toSeconds(), TimeUnit.SECONDS))
                .as("the graph thread was interrupted").isTrue();
    }

    @Test
    @Order(2)
    void clientLeavingDuringGraphBuilding_interruptsIt() throws Exception {
        byte[] body = KRYPTON_POSCAR.getBytes(StandardCharsets.UTF_8);
        String head = "POST /v1/predictions HTTP/1.1\r\nHost: localhost\r\nContent-Type: chemical/x-vasp\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n";
        try (Socket s = new Socket("localhost", RestAssured.port)) {
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            assertThat(SlowGraphs.started.await(MARGIN.toSeconds(), TimeUnit.SECONDS)).isTrue();
        }
        long closed = System.nanoTime();
        assertThat(SlowGraphs.interrupted.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - closed)).as("interrupted by the close, not the deadline")
                .isLessThan(DEADLINE.dividedBy(2));
    }

    @Test
    @Order(3)
    void batch_structureNotDoneByTheDeadlineGetsA503_theOthersTheirPredictions() throws Exception {
        String body = JSON.writeValueAsString(Map.of("structures", List.of(
                Map.of("id", "nacl", "format", "cif", "structure", PredictionApiTest.NACL_CIF),
                Map.of("id", "krypton", "format", "poscar", "structure", KRYPTON_POSCAR))));
        long t0 = System.nanoTime();
        HttpResponse<String> r = post("/v1/predictions:batch", "application/json", body);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode results = JSON.readTree(r.body()).path("results");
        assertThat(results.get(0).path("status").asInt()).isEqualTo(200);
        assertThat(results.get(1).path("status").asInt()).isEqualTo(503);
        assertThat(results.get(1).path("problem").path("type").asText()).isEqualTo("/problems/deadline-exceeded");
        assertThat(took).isLessThan(CLIENT_TIMEOUT);
        assertThat(SlowGraphs.interrupted.await(MARGIN.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }

    /**
     * The lattice of issue 28 (1e-30, 1e30 and 1e8 A), which the reader accepts and whose graph building ran forever:
     * answered with a problem within the deadline. Last, because before graph building had a work bound its thread
     * went on spinning after the answer.
     */
    @Test
    @Order(4)
    void hostileLattice_isAnsweredWithAProblemWithinTheDeadline() throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> r = post("/v1/predictions", "chemical/x-vasp", HOSTILE_POSCAR);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);

        assertThat(r.statusCode()).as(r.body()).isIn(422, 503);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(took).isLessThan(CLIENT_TIMEOUT);
    }

    /** A structure whose graph exceeds graph building's work bound is bad input: a 422 naming the bound, at once. */
    @Test
    @Order(5)
    void graphWorkLimit_isA422StructureTooExpensive() throws Exception {
        HttpResponse<String> r = post("/v1/predictions", "chemical/x-vasp",
                KRYPTON_POSCAR.replace("Kr", SlowGraphs.TOO_EXPENSIVE_ELEMENT));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(r.body()).contains("structure-too-expensive").contains("exceed the bound");
    }

    private HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                .header("Content-Type", contentType).timeout(CLIENT_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}

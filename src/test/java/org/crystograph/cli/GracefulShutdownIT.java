package org.crystograph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.crystograph.inference.ThreadLayout;
import org.crystograph.structure.Structure;
import org.junit.jupiter.api.Test;

/**
 * Runs after {@code mvn package} (failsafe): the service started from the application jar answers every request it
 * holds when it receives SIGTERM, the way Kubernetes ends a pod in a rolling update or when the autoscaler scales
 * down (the pod stops receiving new requests first, then gets SIGTERM). Before {@code quarkus.shutdown.timeout} was
 * set, all of them got an empty reply. The wait is raised from the shipped 20 s to 90 s here: what is tested is that the
 * service waits for what it holds, and on a busy machine six 500-atom cells take longer than 20 s (with the CPU
 * shared with a training run they took 8-16 s each, and the shipped wait gave up on three); the request deadline is
 * raised with it.
 *
 * <p>It also stops in time whatever a request is doing: with the shipped settings, a structure whose graph building
 * never ends (before graph building had a work bound and answered interrupts) kept a thread spinning, and the service
 * was still alive a minute after SIGTERM, long past Kubernetes' grace period.
 */
class GracefulShutdownIT {

    /** Enough work that the requests are still running when SIGTERM comes, on any machine this runs on. */
    private static final int REQUESTS = 6;
    private static final int ATOMS = 500;
    private static final long TERM_AFTER_MILLIS = 1_000;

    /** Kubernetes' grace period (30 s) plus a margin for a busy machine: the most SIGTERM to exit may take. */
    private static final long EXIT_WITHIN_SECONDS = 35;

    /**
     * One sodium atom in a cell with lattice vectors of 1e-30, 1e30 and 1e8 A (test fixture): the reader accepts it,
     * and building its graph ran forever on one thread.
     */
    private static final String HOSTILE_POSCAR = fixture("/service/hostile_lattice_POSCAR");

    private static String fixture(String path) {
        try (InputStream in = GracefulShutdownIT.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void structureWhoseGraphNeverFinishes_doesNotKeepTheServiceFromStoppingOnSigterm() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (ServiceProcess service = ServiceProcess.start(Path.of("unused"), true, 32, 4096, 5, true, "cpu",
                new ThreadLayout(2, 1), Map.of())) {
            HttpRequest request = HttpRequest.newBuilder(service.base.resolve("/v1/predictions"))
                    .header("Content-Type", "chemical/x-vasp")
                    .timeout(Duration.ofMinutes(2))
                    .POST(HttpRequest.BodyPublishers.ofString(HOSTILE_POSCAR)).build();
            CompletableFuture<HttpResponse<String>> response = http.sendAsync(request,
                    HttpResponse.BodyHandlers.ofString());
            Thread.sleep(TERM_AFTER_MILLIS); // graph building has begun
            long term = System.nanoTime();
            service.process.destroy(); // SIGTERM

            boolean exited = service.process.waitFor(EXIT_WITHIN_SECONDS, TimeUnit.SECONDS);
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - term);
            assertThat(exited).as("exited within " + EXIT_WITHIN_SECONDS + " s of SIGTERM; see " + service.log)
                    .isTrue();
            HttpResponse<String> answer = response.get(10, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).as(answer.body()).isIn(422, 503);
            assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            System.out.printf("hostile request answered %d; service exited %d s after SIGTERM%n",
                    answer.statusCode(), seconds);
        }
    }

    @Test
    void requestsInFlightAtSigterm_allGetTheirPredictions() throws Exception {
        List<Structure> cells = BenchCells.perovskites(ATOMS, REQUESTS, 7);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (ServiceProcess service = ServiceProcess.start(Path.of("unused"), true, 32, 20_000, 5, true, "cpu",
                new ThreadLayout(2, 1), Map.of("quarkus.shutdown.timeout", "90s",
                        "crystograph.serving.request-timeout", "80s"))) {
            List<CompletableFuture<Long>> answered = new ArrayList<>(); // when each answer came, ms since the epoch
            List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                HttpRequest request = HttpRequest.newBuilder(service.base.resolve("/v1/predictions"))
                        .header("Content-Type", "chemical/x-cif")
                        .timeout(Duration.ofMinutes(2))
                        .POST(HttpRequest.BodyPublishers.ofString(BenchCells.cif(cells.get(i), "cell" + i))).build();
                CompletableFuture<HttpResponse<String>> r = http.sendAsync(request,
                        HttpResponse.BodyHandlers.ofString());
                responses.add(r);
                answered.add(r.thenApply(x -> System.currentTimeMillis()));
            }
            Thread.sleep(TERM_AFTER_MILLIS);
            long term = System.currentTimeMillis();
            service.process.destroy(); // SIGTERM

            assertThat(service.process.waitFor(120, TimeUnit.SECONDS)).as("the service exits").isTrue();
            for (CompletableFuture<HttpResponse<String>> r : responses) {
                HttpResponse<String> response = r.get(10, TimeUnit.SECONDS);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                assertThat(response.body()).contains("\"predictions\"");
            }
            long afterTerm = answered.stream().filter(a -> a.join() > term).count();
            assertThat(afterTerm).as("requests answered after SIGTERM (none: they all finished before it, so this"
                    + " run proves nothing; raise ATOMS)").isPositive();
        }
    }
}

package org.crystograph.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.crystograph.config.DataPaths;
import org.crystograph.inference.ThreadLayout;

/**
 * The service started from the application jar as its own process, on a free port with its own embedded database
 * ({@code bench serve} starts one per batching mode); {@link #close()} ends it the way Kubernetes does, with SIGTERM.
 * {@link #launch} starts any command line that runs the service (the container image's, for example).
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration READY_POLL = Duration.ofMillis(500);
    /** Lines of the service's log quoted when it does not become ready. */
    private static final int LOG_TAIL_LINES = 40;

    final Process process;
    final URI base;
    final Path log;
    private final Path pgdata;
    private final boolean ownsPgdata;

    private ServiceProcess(Process process, URI base, Path log, Path pgdata, boolean ownsPgdata) {
        this.process = process;
        this.base = base;
        this.log = log;
        this.pgdata = pgdata;
        this.ownsPgdata = ownsPgdata;
    }

    /**
     * Starts the service and waits until it is ready.
     *
     * @param modelDir the model directory served when not {@code bundled}
     * @param bundled serve the bundled model
     * @param batch largest batch in structures (1: batching off)
     * @param batchSites largest batch in sites
     * @param delayMs longest wait for a batch to fill
     * @param spreadEnsemble offer the checkpoints of a lone request's ensemble to idle workers
     * @param device cpu, gpu or auto
     * @param layout workers and libtorch threads per worker
     */
    static ServiceProcess start(Path modelDir, boolean bundled, int batch, int batchSites, int delayMs,
            boolean spreadEnsemble, String device, ThreadLayout layout)
            throws IOException, InterruptedException {
        return start(modelDir, bundled, batch, batchSites, delayMs, spreadEnsemble, device, layout, Map.of());
    }

    /**
     * As {@link #start(Path, boolean, int, int, int, boolean, String, ThreadLayout)}, with further configuration
     * properties for the service (for example {@code quarkus.shutdown.timeout}).
     */
    static ServiceProcess start(Path modelDir, boolean bundled, int batch, int batchSites, int delayMs,
            boolean spreadEnsemble, String device, ThreadLayout layout, Map<String, String> properties)
            throws IOException, InterruptedException {
        List<String> options = new ArrayList<>(List.of(
                "-Dcrystograph.serving.max-batch-size=" + batch,
                "-Dcrystograph.serving.max-batch-sites=" + batchSites,
                "-Dcrystograph.serving.max-delay-ms=" + delayMs,
                "-Dcrystograph.serving.spread-ensemble=" + spreadEnsemble,
                "-Dcrystograph.serving.queue-capacity=4096",
                "-Dcrystograph.serving.workers=" + layout.workers(),
                "-Dcrystograph.serving.intra-op-threads=" + layout.intraOpThreads(),
                "-Dcrystograph.model.device=" + device));
        if (!bundled) {
            options.add("-Dcrystograph.model.bundled=false");
            options.add("-Dcrystograph.model.directories=" + modelDir.toAbsolutePath());
        }
        properties.forEach((key, value) -> options.add("-D" + key + "=" + value));
        return startJar(options, Files.createTempDirectory("crystograph-serve-pg-"), true);
    }

    /**
     * Starts the service with its shipped settings and the bundled model on the embedded database kept in
     * {@code pgdata}, which outlives this process (a restart on the same directory finds what it wrote).
     *
     * @param properties further configuration properties for the service
     */
    static ServiceProcess startOnDatabase(Path pgdata, Map<String, String> properties)
            throws IOException, InterruptedException {
        List<String> options = new ArrayList<>();
        properties.forEach((key, value) -> options.add("-D" + key + "=" + value));
        return startJar(options, pgdata, false);
    }

    private static ServiceProcess startJar(List<String> options, Path pgdata, boolean ownsPgdata)
            throws IOException, InterruptedException {
        Path jar = DataPaths.projectRoot().resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("application jar " + jar + " is missing; build with "
                    + "mvn -o -q -B package -DskipTests");
        }
        int port = freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx4g", "-Dai.djl.offline=true",
                "-Dcrystograph.home=" + DataPaths.projectRoot(),
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.log.category.\"io.quarkus\".level=WARN"));
        cmd.addAll(options);
        cmd.addAll(List.of("-jar", jar.toString(), "serve"));
        Map<String, String> env = new TreeMap<>(System.getenv());
        env.putIfAbsent("OMP_WAIT_POLICY", "PASSIVE");
        env.putIfAbsent("MALLOC_MMAP_MAX_", "0");
        env.putIfAbsent("MALLOC_TRIM_THRESHOLD_", "100000000000");
        return launch(cmd, Path.of(System.getProperty("user.dir")), port, env, pgdata, ownsPgdata);
    }

    /**
     * Starts a command line that runs the service, with its own embedded database in a fresh directory
     * ({@code CRYSTOGRAPH_PGDATA}), and waits until {@code /q/health/ready} answers 200.
     *
     * @param command the whole command line: Java executable, options, {@code -jar}, the jar, {@code serve}
     * @param directory the working directory of the process
     * @param port the HTTP port the command makes the service listen on (see {@link #freePort()})
     * @param environment the process environment, exactly (nothing of this process's is inherited)
     * @return the ready service
     * @throws IllegalStateException if the service exits or is not ready within ten minutes (with its log's tail)
     */
    public static ServiceProcess launch(List<String> command, Path directory, int port,
            Map<String, String> environment) throws IOException, InterruptedException {
        return launch(command, directory, port, environment, Files.createTempDirectory("crystograph-serve-pg-"), true);
    }

    private static ServiceProcess launch(List<String> command, Path directory, int port,
            Map<String, String> environment, Path pgdata, boolean ownsPgdata) throws IOException, InterruptedException {
        Path log = Files.createTempFile("crystograph-serve-", ".log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.clear();
        env.putAll(environment);
        env.put("CRYSTOGRAPH_PGDATA", pgdata.resolve("data").toString());
        Process p = pb.start();
        ServiceProcess service = new ServiceProcess(p, URI.create("http://localhost:" + port), log, pgdata,
                ownsPgdata);
        service.awaitReady();
        return service;
    }

    /** A TCP port that was free a moment ago. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Where the service answers ({@code http://localhost:<port>}). */
    public URI base() {
        return base;
    }

    /** The file that receives the service's standard output and error. */
    public Path log() {
        return log;
    }

    private void awaitReady() throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long end = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IllegalStateException("service exited with " + process.exitValue() + "; see " + log
                        + logTail());
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(base.resolve("/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(READY_POLL.toMillis());
        }
        close();
        throw new IllegalStateException("service not ready within " + READY_TIMEOUT + "; see " + log + logTail());
    }

    /** The last lines of the log, for an error message. */
    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return "; its last lines:\n" + String.join("\n",
                    lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        if (ownsPgdata) {
            deleteTree(pgdata); // the service's database; the log stays for reading
        }
    }

    private static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}

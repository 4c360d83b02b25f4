package org.crystograph.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.crystograph.benchmark.TaskCatalog;
import org.crystograph.benchmark.TaskDefinition;
import org.crystograph.cli.ServiceProcess;
import org.crystograph.deploy.DockerfileModel.Instruction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image, built from exactly its build context, starts and serves; checked without a Docker engine by
 * replaying the Dockerfile. The files {@code .dockerignore} admits are copied into an empty directory (the context);
 * the build stage's {@code COPY}s from the context fill its {@code WORKDIR}, where its Maven command runs offline,
 * as in the image; the runtime stage's {@code COPY --from=build} move the fast-jar into a directory of its own; and
 * the image's {@code ENTRYPOINT} + {@code CMD} run there, with no project around (no {@code crystograph.home}, no
 * {@code unconvbench/} beside it). The service must become ready, list the benchmark's tasks and predict a CIF.
 *
 * <p>Whatever the build or the service needs from outside the context fails here: the task catalogue, which
 * {@code pom.xml} packages from the top-level {@code unconvbench/} folder, was left out by {@code .dockerignore}, and
 * the image stopped at start-up while {@link ContainerImagePackagingIT} (which reads the host's {@code target/}) passed.
 *
 * <p>Slow (it builds the project once more): a failsafe test, in {@code mvn verify}. What this does not replay: the
 * dependency layer (its downloads are the local Maven repository here) and the libtorch unpacking (checked by
 * {@link ContainerImagePackagingIT}); DJL loads PyTorch from its jar here instead.
 */
class DockerBuildContextIT {

    private static final String BUILD_STAGE = "build";
    private static final String RUNTIME_STAGE = "runtime";
    /** Produced in the build stage by unpack-libtorch.sh, not by Maven: see the class comment. */
    private static final String LIBTORCH_DIR = "/build/pytorch";
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(20);
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);
    private static final int LOG_TAIL_CHARS = 6_000;
    private static final Pattern MAVEN_CALL = Pattern.compile("\\bmvn\\s+([^&;|]+)");
    private static final Path CIF = Path.of("src/test/resources/structures/nacl_fm-3m.cif");

    private final DockerfileModel dockerfile = DockerfileModel.read(Path.of("Dockerfile"));
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void imageBuiltFromItsContextAlone_startsReady_listsTheTasks_andPredictsACif(@TempDir Path root)
            throws Exception {
        Path context = copyContext(Path.of(""), DockerIgnore.read(Path.of(".dockerignore")),
                Files.createDirectories(root.resolve("context")));
        ImageFs build = new ImageFs(Files.createDirectories(root.resolve("build-stage")));
        Path buildDir = replayBuildStage(context, build);

        ImageFs image = new ImageFs(Files.createDirectories(root.resolve("runtime-stage")));
        Path workdir = replayRuntimeCopies(build, image);
        List<String> command = new ArrayList<>();
        for (String arg : jsonArray(single("ENTRYPOINT")).and(jsonArray(single("CMD")))) {
            command.add(arg.startsWith("/") ? image.path(arg).toString() : arg);
        }
        assertThat(command.get(0)).isEqualTo("java");
        command.set(0, Path.of(System.getProperty("java.home"), "bin", "java").toString());

        int port = ServiceProcess.freePort();
        Map<String, String> runtimeEnv = dockerfile.env(RUNTIME_STAGE);
        Map<String, String> env = new TreeMap<>();
        env.put("PATH", System.getenv("PATH"));
        env.put("HOME", System.getProperty("user.home")); // DJL's cache of the PyTorch libraries it extracts
        env.put("JDK_JAVA_OPTIONS", runtimeEnv.get("JDK_JAVA_OPTIONS"));
        env.put("OMP_WAIT_POLICY", runtimeEnv.get("OMP_WAIT_POLICY"));
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port)); // as docker run -e would
        try (ServiceProcess service = ServiceProcess.launch(command, workdir, port, env)) {
            HttpClient http = HttpClient.newHttpClient();

            HttpResponse<String> tasks = http.send(HttpRequest.newBuilder(service.base().resolve("/v1/tasks"))
                    .header("Accept", "application/json").timeout(REQUEST_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(tasks.statusCode()).as(tasks.body()).isEqualTo(200);
            List<String> keys = new ArrayList<>();
            json.readTree(tasks.body()).forEach(t -> keys.add(t.path("key").asText()));
            assertThat(keys).as("the packaged catalogue's tasks").containsExactlyElementsOf(
                    TaskCatalog.load(Path.of(TaskCatalog.RELATIVE_PATH)).tasks().stream().map(TaskDefinition::key)
                            .toList());

            HttpResponse<String> predicted = http.send(HttpRequest.newBuilder(
                    service.base().resolve("/v1/predictions")).header("Content-Type", "chemical/x-cif")
                    .timeout(REQUEST_TIMEOUT).POST(HttpRequest.BodyPublishers.ofFile(CIF)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(predicted.statusCode()).as(predicted.body()).isEqualTo(200);
            JsonNode predictions = json.readTree(predicted.body()).path("predictions");
            assertThat(predictions.isArray() && !predictions.isEmpty()).as(predicted.body()).isTrue();
        }
    }

    /** The image's file system of one stage, under a directory of this machine. */
    private record ImageFs(Path root) {

        Path path(String absolute) {
            return root.resolve(absolute.replaceFirst("^/+", ""));
        }
    }

    /** A JSON-form instruction's arguments, with {@link #and} to join two. */
    private record Args(List<String> values) {

        List<String> and(Args more) {
            List<String> all = new ArrayList<>(values);
            all.addAll(more.values());
            return all;
        }
    }

    /**
     * Copies every file of {@code project} that {@code .dockerignore} lets into the build context, walking into
     * excluded directories only where a re-include rule may match below them (as Docker does).
     */
    static Path copyContext(Path project, DockerIgnore ignore, Path context) throws IOException {
        Path start = project.toAbsolutePath();
        Files.walkFileTree(start, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                Path relative = start.relativize(dir);
                return relative.toString().isEmpty() || ignore.mayIncludeBelow(relative)
                        ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path relative = start.relativize(file);
                if (attrs.isRegularFile() && !ignore.excludes(relative)) {
                    Path target = context.resolve(relative.toString());
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return context;
    }

    /**
     * The build stage: its {@code COPY}s from the context into its {@code WORKDIR}, then its Maven command (the one of
     * the last {@code RUN}, which builds from the sources offline) with the Maven and the local repository running
     * this test.
     *
     * @return the build stage's working directory
     */
    private Path replayBuildStage(Path context, ImageFs build) throws IOException, InterruptedException {
        Path workdir = build.path(dockerfile.all("WORKDIR", BUILD_STAGE).get(0).arguments());
        Files.createDirectories(workdir);
        List<Instruction> copies = dockerfile.all("COPY", BUILD_STAGE).stream()
                .filter(i -> !i.flags().containsKey("from")).toList();
        assertThat(copies).isNotEmpty();
        for (Instruction copy : copies) {
            List<String> operands = copy.operands();
            String destination = operands.get(operands.size() - 1);
            for (String source : operands.subList(0, operands.size() - 1)) {
                Path from = context.resolve(source);
                assertThat(from).as("COPY " + source + ": in the build context").exists();
                place(from, destination, destination.startsWith("/") ? build.path(destination)
                        : workdir.resolve(destination), false);
            }
        }
        List<Instruction> runs = dockerfile.all("RUN", BUILD_STAGE);
        Matcher maven = MAVEN_CALL.matcher(runs.get(runs.size() - 1).arguments());
        assertThat(maven.find()).as("the build stage's last RUN calls Maven").isTrue();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("maven.home"), "bin", "mvn").toString());
        for (String token : maven.group(1).strip().split("\\s+")) {
            // ${profile} is the CUDA profile switch, empty for the default (cpu) variant
            if (!token.startsWith("${")) {
                command.add(token);
            }
        }
        assertThat(command).as("the image builds offline, from what the dependency layer fetched")
                .contains("-o", "package");
        String repository = System.getProperty("maven.repo.local");
        if (repository != null && !repository.isBlank()) {
            command.add("-Dmaven.repo.local=" + repository);
        }
        Path log = workdir.getParent().resolve("maven.log");
        Process process = new ProcessBuilder(command).directory(workdir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(BUILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(command + " did not finish within " + BUILD_TIMEOUT);
        }
        assertThat(process.exitValue()).as(command + " in the build context:\n" + tail(log)).isZero();
        return workdir;
    }

    /**
     * The runtime stage's {@code COPY --from=build}: moved from the build stage's file system into the image's; the
     * libtorch directory is left out (see the class comment).
     *
     * @return the runtime stage's {@code WORKDIR}
     */
    private Path replayRuntimeCopies(ImageFs build, ImageFs image) throws IOException {
        List<Instruction> copies = dockerfile.all("COPY", RUNTIME_STAGE).stream()
                .filter(i -> BUILD_STAGE.equals(i.flags().get("from"))).toList();
        assertThat(copies).isNotEmpty();
        for (Instruction copy : copies) {
            List<String> operands = copy.operands();
            String destination = operands.get(operands.size() - 1);
            for (String source : operands.subList(0, operands.size() - 1)) {
                if (source.startsWith(LIBTORCH_DIR)) {
                    continue;
                }
                Path from = build.path(source);
                assertThat(from).as("COPY --from=build " + source + ": built").exists();
                place(from, destination, image.path(destination), true);
            }
        }
        Path workdir = image.path(dockerfile.all("WORKDIR", RUNTIME_STAGE).get(0).arguments());
        return Files.createDirectories(workdir);
    }

    /**
     * One source of a {@code COPY} with Docker's rules: a directory's contents go into the destination; a file goes
     * into a destination that ends with {@code /}, else becomes it.
     */
    private static void place(Path from, String destination, Path to, boolean move) throws IOException {
        if (Files.isDirectory(from)) {
            if (move && !Files.exists(to)) {
                Files.createDirectories(to.getParent());
                Files.move(from, to);
                return;
            }
            try (var walk = Files.walk(from)) {
                for (Path f : walk.filter(Files::isRegularFile).toList()) {
                    transfer(f, to.resolve(from.relativize(f).toString()), move);
                }
            }
            return;
        }
        transfer(from, destination.endsWith("/") ? to.resolve(from.getFileName().toString()) : to, move);
    }

    private static void transfer(Path from, Path to, boolean move) throws IOException {
        Files.createDirectories(to.getParent());
        if (move) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    private Instruction single(String keyword) {
        List<Instruction> found = dockerfile.all(keyword, RUNTIME_STAGE);
        assertThat(found).as(keyword + " of the runtime stage").hasSize(1);
        return found.get(0);
    }

    private Args jsonArray(Instruction instruction) {
        try {
            List<String> values = new ArrayList<>();
            json.readTree(instruction.arguments()).forEach(v -> values.add(v.asText()));
            return new Args(values);
        } catch (IOException e) {
            throw new UncheckedIOException(instruction.keyword() + " is not in JSON form", e);
        }
    }

    private static String tail(Path log) {
        try {
            String text = Files.readString(log);
            return text.substring(Math.max(0, text.length() - LOG_TAIL_CHARS));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}

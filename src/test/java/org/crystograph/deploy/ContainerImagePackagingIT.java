package org.crystograph.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.crystograph.deploy.DockerfileModel.Instruction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs after {@code mvn package} (failsafe, verify phase): what the Dockerfile copies out of its build stage exists
 * in the fast-jar that Maven built, and the PyTorch layout the image unpacks at build time loads in a JVM configured
 * with exactly the image's environment, without writing a file (so a read-only root file system works).
 */
class ContainerImagePackagingIT {

    private static final String BUILD_STAGE = "build";
    private static final String BUILD_ROOT = "/build/";
    private static final String IMAGE_PYTORCH_DIR = "/opt/crystograph/pytorch";
    private static final int PROBE_TIMEOUT_SECONDS = 120;

    private final DockerfileModel dockerfile = DockerfileModel.read(Path.of("Dockerfile"));

    @Test
    void buildStageCopies_existAfterPackage() {
        List<Instruction> copies = dockerfile.all("COPY").stream()
                .filter(i -> BUILD_STAGE.equals(i.flags().get("from"))).toList();
        assertThat(copies).hasSizeGreaterThanOrEqualTo(4);
        for (Instruction copy : copies) {
            String source = copy.operands().get(0);
            assertThat(source).startsWith(BUILD_ROOT);
            String relative = source.substring(BUILD_ROOT.length());
            if (relative.startsWith("pytorch")) {
                // produced by the RUN that calls unpack-libtorch.sh: see the next test
                assertThat(dockerfile.all("RUN", BUILD_STAGE)).anySatisfy(
                        i -> assertThat(i.arguments()).contains("unpack-libtorch.sh").contains(BUILD_ROOT + "pytorch"));
                continue;
            }
            assertThat(Path.of(relative)).as("COPY --from=build " + source).exists();
        }
        assertThat(Path.of("target/quarkus-app/quarkus-run.jar")).isRegularFile();
    }

    @Test
    void unpackedLibtorch_loadsWithTheImageEnvironment_andWritesNothing(@TempDir Path root) throws Exception {
        Path pytorch = root.resolve("pytorch");
        Path tmp = Files.createDirectories(root.resolve("tmp"));
        // the script needs the JDK's jar tool: put the running JDK first on the PATH
        Map<String, String> shell = new TreeMap<>(System.getenv());
        shell.put("PATH", Path.of(System.getProperty("java.home"), "bin") + File.pathSeparator + System.getenv("PATH"));
        run(List.of("bash", "src/main/docker/unpack-libtorch.sh", "target/quarkus-app/lib/main", "cpu",
                pytorch.toString()), shell, root.resolve("unpack.log"));
        Map<String, Long> before = listing(root.resolve("pytorch"));
        assertThat(before.keySet()).anyMatch(f -> f.endsWith("libtorch/libtorch.so"))
                .anyMatch(f -> f.endsWith("-libdjl_torch.so"));

        // the runtime stage's environment, with the image paths moved under the temporary directory
        Map<String, String> env = new TreeMap<>(dockerfile.env("base-cpu"));
        env.putAll(dockerfile.env("runtime"));
        // (/tmp first: the temporary directory itself lies under /tmp)
        env.replaceAll((k, v) -> v.replace("/tmp", tmp.toString()).replace(IMAGE_PYTORCH_DIR, pytorch.toString()));
        env.put("PATH", System.getenv("PATH"));
        assertThat(env.get("PYTORCH_LIBRARY_PATH")).isEqualTo(pytorch.resolve("libtorch").toString());

        String classpath = "target/test-classes" + File.pathSeparator + "target/quarkus-app/lib/main/*";
        Path log = root.resolve("probe.log");
        run(List.of(javaExecutable(), "-cp", classpath, "org.crystograph.inference.NativeEngineProbe"), env, log);
        String output = Files.readString(log);
        assertThat(output).contains("libtorch=" + pytorch.resolve("libtorch")).contains("trace=29.0");

        assertThat(listing(pytorch)).as("files under the image's PyTorch directories").isEqualTo(before);
        assertThat(tmp.resolve(".djl.ai")).doesNotExist();
        Path djlCache = Path.of(env.get("DJL_CACHE_DIR"));
        assertThat(!Files.exists(djlCache) || listing(djlCache).isEmpty()).as("DJL cache stays empty").isTrue();
    }

    private static void run(List<String> command, Map<String, String> env, Path log) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        if (!env.isEmpty()) {
            builder.environment().clear();
            builder.environment().putAll(env);
        }
        Process process = builder.start();
        if (!process.waitFor(PROBE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish");
        }
        assertThat(process.exitValue()).as(command + "\n" + Files.readString(log)).isZero();
    }

    /** Relative path -> size of every file below {@code dir}. */
    private static Map<String, Long> listing(Path dir) throws IOException {
        Map<String, Long> files = new TreeMap<>();
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString(), Files.size(p));
            }
        }
        return files;
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

}

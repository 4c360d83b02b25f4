package org.crystograph.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.crystograph.deploy.DockerfileModel.Instruction;
import org.junit.jupiter.api.Test;

/**
 * Static checks of the {@code Dockerfile} that need neither a Docker engine nor a build: it agrees with the pom
 * (PyTorch version, CUDA profile), runs as a non-root user, exposes and health-checks the service port, and its
 * build-context copies are not excluded by {@code .dockerignore}. What the build stage copies out of
 * {@code target/} is checked after {@code mvn package} by {@code ContainerImagePackagingIT}.
 */
class DockerfileTest {

    private final DockerfileModel dockerfile = DockerfileModel.read(Path.of("Dockerfile"));

    @Test
    void pytorchVersion_isThePomsVersion() {
        assertThat(dockerfile.argDefault("PYTORCH_VERSION")).contains(ProjectFacts.pomProperty("pytorch.version"));
    }

    @Test
    void cudaVariant_buildsWithThePomsCudaProfile() throws IOException {
        assertThat(Files.readString(Path.of("pom.xml"))).contains("<id>cuda</id>")
                .contains("<pytorch.native.artifact>pytorch-native-cu124</pytorch.native.artifact>");
        assertThat(dockerfile.all("RUN", "build")).anySatisfy(i -> assertThat(i.arguments()).contains("-Pcuda"));
        assertThat(dockerfile.env("base-cuda")).containsEntry("PYTORCH_FLAVOR", "cu124");
        assertThat(dockerfile.env("base-cpu")).containsEntry("PYTORCH_FLAVOR", "cpu");
        assertThat(dockerfile.argDefault("CUDA_IMAGE")).hasValueSatisfying(
                image -> assertThat(image).startsWith("nvidia/cuda:12.4"));
    }

    @Test
    void runtime_isNonRootAndReadOnlyFriendly() {
        List<Instruction> users = dockerfile.all("USER", "runtime");
        assertThat(users).hasSize(1);
        String uid = dockerfile.argDefault("APP_UID").orElseThrow();
        assertThat(users.get(0).arguments()).isEqualTo("${APP_UID}:0");
        assertThat(Integer.parseInt(uid)).isPositive();
        Map<String, String> env = dockerfile.env("runtime");
        // nothing is extracted or downloaded at start-up: libtorch and the JNI bridge are in fixed image directories
        assertThat(env).containsKeys("PYTORCH_LIBRARY_PATH", "ENGINE_CACHE_DIR", "PYTORCH_VERSION");
        assertThat(env.get("JDK_JAVA_OPTIONS")).contains("-Dai.djl.offline=true").contains("-XX:MaxRAMPercentage=");
        // the only writable places the process needs are under /tmp (an emptyDir in Kubernetes)
        assertThat(env.get("HOME")).isEqualTo("/tmp");
        assertThat(env.get("DJL_CACHE_DIR")).startsWith("/tmp/");
    }

    @Test
    void preloadedJemalloc_isInstalledInTheRuntimeStage_andNeverPurges() {
        String preload = dockerfile.env("runtime").get("LD_PRELOAD");
        // Debian and Ubuntu's libjemalloc2 installs exactly this file for amd64, the only architecture of the image
        assertThat(preload).isEqualTo("/usr/lib/x86_64-linux-gnu/libjemalloc.so.2");
        assertThat(dockerfile.all("RUN", "runtime")).anySatisfy(i -> assertThat(i.arguments())
                .contains("apt-get install").contains("libjemalloc2"));
        // the same settings as bin/crystograph and the Kubernetes config map (docs/performance.md, "jemalloc")
        assertThat(dockerfile.env("runtime").get("MALLOC_CONF")).isEqualTo(ProjectFacts.launcherMallocConf());
    }

    @Test
    void serviceport_isExposedHealthCheckedAndServed() {
        String port = ProjectFacts.applicationProperty("quarkus.http.port");
        assertThat(dockerfile.all("EXPOSE", "runtime")).singleElement()
                .satisfies(i -> assertThat(i.arguments()).isEqualTo(port));
        assertThat(dockerfile.all("HEALTHCHECK", "runtime")).singleElement().satisfies(i -> assertThat(i.arguments())
                .contains("http://127.0.0.1:" + port + KubernetesManifestsTest.LIVENESS_PATH));
        assertThat(dockerfile.all("ENTRYPOINT", "runtime")).singleElement()
                .satisfies(i -> assertThat(i.arguments()).contains("quarkus-run.jar"));
        assertThat(dockerfile.all("CMD", "runtime")).singleElement()
                .satisfies(i -> assertThat(i.arguments()).isEqualTo("[\"serve\"]"));
    }

    /**
     * The hadolint rules that apply to this file, checked here because hadolint itself cannot be installed on the
     * build machines (not packaged for Debian 12; the npm wrapper downloads its binary at run time).
     */
    @Test
    void baseImages_arePinned_andAptFollowsHadolintRules() {
        // DL3006/DL3007: every external base image has an explicit tag, never latest
        for (String arg : List.of("MAVEN_IMAGE", "JRE_IMAGE", "CUDA_IMAGE")) {
            assertThat(dockerfile.argDefault(arg)).as(arg).hasValueSatisfying(image -> assertThat(image)
                    .matches("[\\w./-]+:[\\w.-]+").doesNotEndWith(":latest"));
        }
        // DL3015, DL3009: no recommended packages, no apt lists left in the layer; DL3002: the last USER is not root
        assertThat(dockerfile.all("RUN")).filteredOn(i -> i.arguments().contains("apt-get install")).allSatisfy(i ->
                assertThat(i.arguments()).contains("--no-install-recommends").contains("-y")
                        .contains("rm -rf /var/lib/apt/lists/*"));
        List<Instruction> users = dockerfile.all("USER");
        assertThat(users.get(users.size() - 1).arguments()).doesNotStartWith("root").doesNotStartWith("0");
        // DL3025: JSON form for ENTRYPOINT and CMD, so the JVM is PID 1 and receives SIGTERM
        assertThat(dockerfile.all("ENTRYPOINT")).allSatisfy(i -> assertThat(i.arguments()).startsWith("["));
        assertThat(dockerfile.all("CMD")).allSatisfy(i -> assertThat(i.arguments()).startsWith("["));
    }

    @Test
    void buildContextCopies_existAndAreNotDockerignored() throws IOException {
        DockerIgnore ignore = DockerIgnore.read(Path.of(".dockerignore"));
        List<Instruction> contextCopies = dockerfile.all("COPY").stream()
                .filter(i -> !i.flags().containsKey("from")).toList();
        assertThat(contextCopies).isNotEmpty();
        for (Instruction copy : contextCopies) {
            List<String> operands = copy.operands();
            for (String source : operands.subList(0, operands.size() - 1)) {
                Path path = Path.of(source);
                assertThat(path).as("COPY " + source).exists();
                try (var files = Files.walk(path)) {
                    files.filter(Files::isRegularFile).filter(f -> !f.startsWith("src/test"))
                            .forEach(f -> assertThat(ignore.excludes(f)).as(".dockerignore excludes " + f).isFalse());
                }
            }
        }
        // the script the build stage runs is in the context
        assertThat(ignore.excludes(Path.of("src/main/docker/unpack-libtorch.sh"))).isFalse();
        // and what the image does not need is not
        assertThat(ignore.excludes(Path.of("target/quarkus-app/quarkus-run.jar"))).isTrue();
        assertThat(ignore.excludes(Path.of("k8s/base/deployment.yaml"))).isTrue();
    }
}

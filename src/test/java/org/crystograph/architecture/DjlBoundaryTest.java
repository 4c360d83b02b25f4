package org.crystograph.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Only model/, inference/ and training/ touch DJL (conventions: one direction, DJL behind three packages). */
class DjlBoundaryTest {

    private static final Path MAIN = Path.of("src/main/java/org/crystograph");
    private static final Set<String> ALLOWED = Set.of("model", "inference", "training");
    private static final Pattern DJL_REFERENCE = Pattern.compile("(?<!-D)\\bai\\.djl\\.");

    @Test
    void onlyModelInferenceAndTraining_importDjl() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(MAIN)) {
            files = s.filter(p -> p.toString().endsWith(".java")).toList();
        }
        for (Path f : files) {
            String top = MAIN.relativize(f).getName(0).toString();
            if (!ALLOWED.contains(top)) {
                // imports and qualified type names; a system property such as -Dai.djl.offline is not a dependency
                assertThat(Files.readString(f)).as(f.toString()).doesNotContainPattern(DJL_REFERENCE);
            }
        }
    }

    @Test
    void model_doesNotDependOnTrainingOrInference() throws IOException {
        try (Stream<Path> s = Files.walk(MAIN.resolve("model"))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(f);
                assertThat(text).as(f.toString()).doesNotContain("org.crystograph.training")
                        .doesNotContain("org.crystograph.inference");
            }
        }
    }
}

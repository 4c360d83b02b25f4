package org.crystograph.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Only model/, inference/ and training/ touch DJL (conventions: one direction, DJL behind three packages). */
class DjlBoundaryTest {

    private static final Path MAIN = Path.of("src/main/java/org/crystograph");
    private static final Set<String> ALLOWED = Set.of("model", "inference", "training");

    @Test
    void onlyModelInferenceAndTraining_importDjl() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(MAIN)) {
            files = s.filter(p -> p.toString().endsWith(".java")).toList();
        }
        for (Path f : files) {
            String top = MAIN.relativize(f).getName(0).toString();
            if (!ALLOWED.contains(top)) {
                assertThat(Files.readString(f)).as(f.toString()).doesNotContain("ai.djl.");
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

package org.crystograph.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Package rules of the benchmark: no DJL, and hidden labels are read in one place only. */
class BenchmarkBoundariesTest {

    private static final Path MAIN = Path.of("src/main/java/org/crystograph");

    private static List<Path> javaFiles(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }

    @Test
    void benchmarkPackage_usesNoDjl() throws IOException {
        for (Path f : javaFiles(MAIN.resolve("benchmark"))) {
            assertThat(Files.readString(f)).as(f.toString()).doesNotContain("import ai.djl");
        }
    }

    @Test
    void hiddenLabels_areReadOnlyByTheScorerAndWrittenOnlyByTheSeeder() throws IOException {
        List<String> allowedTable = List.of("HiddenLabelStore.java", "TaskSeeder.java");
        List<String> allowedStore = List.of("HiddenLabelStore.java", "ScoringService.java");
        for (Path f : javaFiles(MAIN)) {
            String name = f.getFileName().toString();
            String text = Files.readString(f);
            if (!allowedTable.contains(name)) {
                assertThat(text).as(f.toString()).doesNotContain("bench_hidden_label");
            }
            if (!allowedStore.contains(name)) {
                assertThat(text).as(f.toString()).doesNotContain("HiddenLabelStore");
            }
        }
        // the REST edge never reaches the scorer's label source, even indirectly through an import
        for (Path f : javaFiles(MAIN.resolve("api"))) {
            assertThat(Files.readString(f)).as(f.toString()).doesNotContain("ScoringService");
        }
    }
}

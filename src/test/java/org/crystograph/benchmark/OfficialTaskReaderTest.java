package org.crystograph.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pandas "split" layout of ub_*.json, written here in the shape pymatgen + pandas produce. */
class OfficialTaskReaderTest {

    private static final TaskCatalog CATALOG = TaskCatalog.loadDefault();
    private static final String SITE = "{\"species\": [{\"element\": \"Na\", \"occu\": 1}], \"abc\": [0, 0, 0],"
            + " \"xyz\": [0, 0, 0], \"label\": \"Na\", \"properties\": {\"magmom\": 0.0}}";
    private static final String STRUCTURE = "{\"@module\": \"pymatgen.core.structure\", \"@class\": \"Structure\","
            + " \"charge\": 0, \"lattice\": {\"matrix\": [[4, 0, 0], [0, 4, 0], [0, 0, 4]], \"pbc\": [true, true, true],"
            + " \"a\": 4, \"b\": 4, \"c\": 4, \"alpha\": 90, \"beta\": 90, \"gamma\": 90, \"volume\": 64},"
            + " \"properties\": {}, \"sites\": [" + SITE + ", " + SITE + "]}";

    private static Path write(Path dir, String key, String label, String... labels) throws IOException {
        StringBuilder data = new StringBuilder();
        StringBuilder index = new StringBuilder();
        for (int i = 0; i < labels.length; i++) {
            data.append(i == 0 ? "" : ", ").append('[').append(STRUCTURE).append(", ").append(labels[i]).append(']');
            index.append(i == 0 ? "" : ", ").append(1000 + i);
        }
        String json = "{\"columns\": [\"structure\", \"" + label + "\"], \"index\": [" + index + "], \"data\": ["
                + data + "]}";
        Path file = dir.resolve("ub_" + key + ".json");
        Files.writeString(file, json);
        return file;
    }

    @Test
    void supercon_splitLayout_labelsInRowOrder_idsPaddedByRowCount(@TempDir Path dir) throws IOException {
        String[] labels = new String[12];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = Double.toString(i * 0.5);
        }
        write(dir, "unconvbench_supercon", "Tc", labels);
        TaskDataReader reader = new TaskDataReader(CATALOG, Optional.empty(), Optional.of(dir));
        TaskDefinition task = CATALOG.require("unconvbench_supercon");
        assertThat(reader.available(task)).isTrue();
        assertThat(reader.available(CATALOG.require("unconvbench_qmof"))).isFalse();
        TaskData data = reader.read(task);
        assertThat(data.fileRowCount()).isEqualTo(12);
        assertThat(data.samples().get(3).sampleId()).isEqualTo("unconvbench_supercon-04");
        assertThat(data.samples().get(3).label()).isEqualTo(1.5);
        assertThat(data.hiddenSamples()).isEmpty();
        int[] folds = KFoldSplit.of(12, 5, 42).foldOfEach();
        assertThat(data.samples().stream().mapToInt(TaskSample::publicFold).toArray()).isEqualTo(folds);
        assertThat(data.sha256()).hasSize(64);
    }

    @Test
    void nonFiniteOrMissingLabel_rejectsTheImport(@TempDir Path dir) throws IOException {
        TaskDefinition task = CATALOG.require("unconvbench_defected");
        Path nan = write(dir, task.key(), "ef", "1.0", "NaN", "2", "3", "4", "5");
        assertThatThrownBy(() -> OfficialTaskReader.read(task, nan, 5, 42)).isInstanceOf(TaskDataException.class)
                .hasMessageContaining("row 1").hasMessageContaining("not finite");
        Path nul = write(dir, task.key(), "ef", "1.0", "2", "null", "3", "4", "5");
        assertThatThrownBy(() -> OfficialTaskReader.read(task, nul, 5, 42)).hasMessageContaining("row 2");
        Path wrong = write(dir, task.key(), "eform", "1", "2", "3", "4", "5");
        assertThatThrownBy(() -> OfficialTaskReader.read(task, wrong, 5, 42)).hasMessageContaining("'ef'");
    }
}

package org.crystograph.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.crystograph.benchmark.TaskData;
import org.crystograph.config.DataPaths;
import org.crystograph.inference.TrainingDomain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.crystograph.testing.Prerequisites;

/** Checks {@link TrainingService} makes before any graph is built or any epoch is run. */
class TrainingServiceTest {

    @Test
    void mc2dGap_foldOutsideTheFoldColumn_isRefusedNamingTheFolds() {
        Prerequisites.require(DataPaths.dataDirectory().isPresent(), "dataset directory not found");
        TaskData task = TrainingService.readTask("local_mc2d_gap");

        assertThatThrownBy(() -> TrainingService.checkFolds(task, TrainingData.Protocol.FULL, List.of(0, 9)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fold 9 is not a fold of local_mc2d_gap (protocol FULL: folds [0, 1, 2, 3, 4], or -1 for all)");
        assertThatThrownBy(() -> TrainingService.checkFolds(task, TrainingData.Protocol.PUBLIC, List.of(-2)))
                .hasMessageContaining("fold -2 is not a fold");
        assertThatCode(() -> TrainingService.checkFolds(task, TrainingData.Protocol.PUBLIC, List.of(-1, 0, 4)))
                .doesNotThrowAnyException();
    }

    @Test
    void mc2dGap_domain_isTheTrainingPoolOfTheFold(@TempDir Path dir) {
        Prerequisites.require(DataPaths.dataDirectory().isPresent(), "dataset directory not found");
        Path cache = dir.resolve(TrainingService.GRAPH_CACHE);
        TrainingDomain all = TrainingService.domain("local_mc2d_gap", TrainingData.Protocol.FULL, -1, cache, l -> { });
        TrainingDomain fold0 = TrainingService.domain("mc2d-mounet2018", TrainingData.Protocol.FULL, 0, cache,
                l -> { });

        assertThat(all.structures()).isEqualTo(258); // every labelled row
        assertThat(fold0.structures()).isEqualTo(258 - 52); // fold 0 (52 rows) is its test set
        assertThat(all.source()).isEqualTo("local_mc2d_gap, protocol FULL, all folds");
        assertThat(all.elements()).containsAll(fold0.elements()).contains("Mo", "S");
        assertThat(all.minSites()).isPositive().isLessThanOrEqualTo(fold0.minSites());
    }
}

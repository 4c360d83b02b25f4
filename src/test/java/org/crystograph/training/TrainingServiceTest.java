package org.crystograph.training;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.crystograph.benchmark.TaskData;
import org.crystograph.config.DataPaths;
import org.junit.jupiter.api.Test;

/** Checks {@link TrainingService} makes before any graph is built or any epoch is run. */
class TrainingServiceTest {

    @Test
    void mc2dGap_foldOutsideTheFoldColumn_isRefusedNamingTheFolds() {
        assumeTrue(DataPaths.dataDirectory().isPresent(), "dataset directory not found");
        TaskData task = TrainingService.readTask("local_mc2d_gap");

        assertThatThrownBy(() -> TrainingService.checkFolds(task, TrainingData.Protocol.FULL, List.of(0, 9)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fold 9 is not a fold of local_mc2d_gap (protocol FULL: folds [0, 1, 2, 3, 4], or -1 for all)");
        assertThatThrownBy(() -> TrainingService.checkFolds(task, TrainingData.Protocol.PUBLIC, List.of(-2)))
                .hasMessageContaining("fold -2 is not a fold");
        assertThatCode(() -> TrainingService.checkFolds(task, TrainingData.Protocol.PUBLIC, List.of(-1, 0, 4)))
                .doesNotThrowAnyException();
    }
}

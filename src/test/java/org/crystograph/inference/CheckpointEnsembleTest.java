package org.crystograph.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.crystograph.graph.CrystalGraph;
import org.crystograph.testing.ServingModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A directory of checkpoints loads as one model that predicts its members' mean. */
class CheckpointEnsembleTest {

    private static final String TASK = "local_perov5_heat";

    @TempDir
    Path temp;

    @Test
    void directoryOfCheckpoints_predictsTheMeanOfItsMembers() {
        Path ensemble = temp.resolve("ensemble");
        ServingModels.write(ensemble.resolve("seed1"), TASK, "heat_ref", "eV", -1, "PUBLIC", 1);
        ServingModels.write(ensemble.resolve("seed2"), TASK, "heat_ref", "eV", -1, "PUBLIC", 2);
        try (CheckpointModel both = CheckpointModel.load(ensemble);
                CheckpointModel one = CheckpointModel.load(ensemble.resolve("seed1"));
                CheckpointModel two = CheckpointModel.load(ensemble.resolve("seed2"))) {
            List<CrystalGraph> graphs = List.of(one.graph(WarmUp.rockSalt()), one.graph(WarmUp.perovskite()));
            double[] a = one.predict(graphs);
            double[] b = two.predict(graphs);
            double[] mean = both.predict(graphs);
            assertThat(both.memberInfos()).hasSize(2);
            assertThat(a[0]).isNotEqualTo(b[0]);
            for (int i = 0; i < graphs.size(); i++) {
                assertThat(mean[i]).isCloseTo((a[i] + b[i]) / 2, within(1e-6));
            }
        }
    }

    @Test
    void membersTrainedOnDifferentProtocols_areRefused() {
        Path mixed = temp.resolve("mixed");
        ServingModels.write(mixed.resolve("a"), TASK, "heat_ref", "eV", -1, "PUBLIC", 1);
        ServingModels.write(mixed.resolve("b"), TASK, "heat_ref", "eV", -1, "FULL", 2);
        assertThatThrownBy(() -> CheckpointModel.load(mixed)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("disagree");
    }

    @Test
    void directoryWithoutCheckpoints_isAClearError() {
        assertThatThrownBy(() -> CheckpointModel.load(temp)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("neither a checkpoint");
    }
}

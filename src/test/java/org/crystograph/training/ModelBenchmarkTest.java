package org.crystograph.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.crystograph.graph.CrystalGraph;
import org.crystograph.graph.featurize.CdkDescriptorFeaturizer;
import org.crystograph.inference.ThreadLayout;
import org.crystograph.model.AtomDescriptors;
import org.crystograph.model.CrysToGraphConfig;
import org.crystograph.model.DeviceChoice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code bench model}'s measurements, with one worker and with two side by side (forward only), and its matrix-product
 * reference.
 */
class ModelBenchmarkTest {

    @AfterEach
    void restoreThreads() {
        layout(1).applyToEngine();
    }

    private static ThreadLayout layout(int workers) {
        return ThreadLayout.resolve(workers, 0, false, Runtime.getRuntime().availableProcessors());
    }

    @Test
    void oneWorker_measuresForwardAtBatch32And1_andATrainingStep() {
        CdkDescriptorFeaturizer f = new CdkDescriptorFeaturizer();
        List<CrystalGraph> graphs = TrainingRunTest.samples(40).stream().map(LabelledGraph::graph).toList();

        List<ModelBenchmark.Measurement> results = ModelBenchmark.run(TrainingRunTest.tinyConfig(f),
                AtomDescriptors.of(f), graphs, DeviceChoice.CPU, 0.05, layout(1));

        assertThat(results).extracting(ModelBenchmark.Measurement::name)
                .containsExactly("forward", "forward", "training step");
        assertThat(results).extracting(ModelBenchmark.Measurement::batchSize).containsExactly(32, 1, 32);
        assertThat(results).allSatisfy(m -> assertThat(m.calls()).isGreaterThanOrEqualTo(3));
    }

    @Test
    void twoWorkers_areSummed_andEachRunsAtLeastThreeCalls() {
        CdkDescriptorFeaturizer f = new CdkDescriptorFeaturizer();
        CrysToGraphConfig config = TrainingRunTest.tinyConfig(f);
        List<CrystalGraph> graphs = TrainingRunTest.samples(40).stream().map(LabelledGraph::graph).toList();

        List<ModelBenchmark.Measurement> results = ModelBenchmark.run(config, AtomDescriptors.of(f), graphs,
                DeviceChoice.CPU, 0.05, layout(2));

        assertThat(results).extracting(ModelBenchmark.Measurement::name).containsExactly("forward", "forward");
        assertThat(results).extracting(ModelBenchmark.Measurement::batchSize).containsExactly(32, 1);
        for (ModelBenchmark.Measurement m : results) {
            assertThat(m.workers()).isEqualTo(2);
            assertThat(m.calls()).isGreaterThanOrEqualTo(6);
            assertThat(m.atoms()).isGreaterThanOrEqualTo((long) m.calls() * m.batchSize());
            assertThat(m.gflops()).isPositive();
            assertThat(m.msPerCall()).isCloseTo(1000 * m.seconds() * 2 / m.calls(), within(1e-9));
        }
    }

    @Test
    void matmulReference_countsTwoFlopsPerMultiplyAdd_onEveryWorker() {
        ModelBenchmark.Measurement m = ModelBenchmark.matmul(DeviceChoice.CPU, 0.05, layout(2), 64, 32, 16);

        assertThat(m.name()).isEqualTo("matmul");
        assertThat(m.workers()).isEqualTo(2);
        assertThat(m.calls()).isGreaterThanOrEqualTo(6);
        assertThat(m.flops()).isEqualTo(2.0 * 64 * 32 * 16 * m.calls());
        assertThat(m.gflops()).isPositive();
    }

    @Test
    void combine_addsWork_andTakesTheSlowestWallTime() {
        ModelBenchmark.Measurement a = new ModelBenchmark.Measurement("forward", 32, 1, 4, 400, 2.0, 8e9);
        ModelBenchmark.Measurement b = new ModelBenchmark.Measurement("forward", 32, 1, 6, 600, 2.5, 12e9);

        ModelBenchmark.Measurement both = ModelBenchmark.Measurement.combine(List.of(a, b));

        assertThat(both.workers()).isEqualTo(2);
        assertThat(both.calls()).isEqualTo(10);
        assertThat(both.atomsPerSecond()).isEqualTo(400.0);
        assertThat(both.gflops()).isEqualTo(8.0);
        assertThat(both.msPerCall()).isEqualTo(500.0);
    }
}

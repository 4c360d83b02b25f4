package org.crystograph.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.crystograph.graph.CrystalGraph;
import org.crystograph.graph.GraphSettings;
import org.crystograph.graph.featurize.CdkDescriptorFeaturizer;
import org.crystograph.inference.CheckpointModel;
import org.crystograph.model.AtomDescriptors;
import org.crystograph.model.Checkpoint;
import org.crystograph.model.CheckpointInfo;
import org.crystograph.model.CrysToGraphBlock;
import org.crystograph.model.CrysToGraphConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A short training run on random graphs: checkpoints, metrics and resuming. */
class TrainingRunTest {

    /** Share of the first epoch's validation MAE that the last of a few epochs must stay below. */
    private static final double FEW_EPOCHS_GAIN = 0.7;

    @TempDir
    Path dir;

    /** Random labelled graphs of 1-4 atoms (also used by {@link ModelBenchmarkTest}). */
    static List<LabelledGraph> samples(int count) {
        Random rnd = new Random(3);
        GraphSettings s = GraphSettings.defaults();
        List<LabelledGraph> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = 1 + rnd.nextInt(4);
            int e = n * 12;
            int[] offsets = new int[n + 1];
            int[] z = new int[n];
            float[] occ = new float[n];
            double label = 0;
            for (int a = 0; a < n; a++) {
                offsets[a + 1] = a + 1;
                z[a] = 1 + rnd.nextInt(30);
                occ[a] = 1;
                label += z[a] / 10.0;
            }
            int[] src = new int[e];
            for (int x = 0; x < e; x++) {
                src[x] = rnd.nextInt(n);
            }
            float[] ef = new float[e * s.edgeFeatureWidth()];
            float[] lf = new float[e * 12 * s.lineFeatureWidth()];
            float[] pe = new float[n * s.positionalEncodingWidth()];
            for (int x = 0; x < ef.length; x++) {
                ef[x] = rnd.nextFloat();
            }
            for (int x = 0; x < lf.length; x++) {
                lf[x] = rnd.nextFloat();
            }
            CrystalGraph g = new CrystalGraph(n, 12, offsets, z, occ, src, new int[3 * e], new double[3 * e],
                    new double[e], ef, lf, pe, s.edgeFeatureWidth(), s.lineFeatureWidth(),
                    s.positionalEncodingWidth(), 8);
            list.add(new LabelledGraph("s" + i, g, label / n, i % 5));
        }
        return list;
    }

    /** A network small enough for unit tests. */
    static CrysToGraphConfig tinyConfig(CdkDescriptorFeaturizer f) {
        return new CrysToGraphConfig(f.width(), CrysToGraphConfig.AtomEmbedding.LEARNED_64, 100, 76, 30, 40, 16, 1, 1,
                2, 2, 8, 2, 4, 2, 2, 8, 32, CrysToGraphConfig.GwtMode.SOFTMAX, CrysToGraphConfig.AngleUpdate.PROPAGATE,
                0f);
    }

    private TrainingRun run(int epochs, List<String> log) {
        return run(epochs, log, Loss.MSE);
    }

    private TrainingRun run(int epochs, List<String> log, Loss loss) {
        return run(new TrainingOptions("test", epochs, 8, 1e-3, 1.0 / 3, 0.1, 0.9, 0.99, 1e-8, 0, 0.2, 0, true, loss,
                7), dir, log::add);
    }

    private static TrainingRun run(TrainingOptions options, Path out, Consumer<String> log) {
        CdkDescriptorFeaturizer f = new CdkDescriptorFeaturizer();
        return new TrainingRun(options, tinyConfig(f), GraphSettings.defaults(), AtomDescriptors.of(f),
                new TrainingRun.Provenance("test", "y", "eV", 0, "FULL", "hash", "unknown"), out, Device.cpu(), log);
    }

    /** Options of the resume and learning tests: weight decay on, no early stop. */
    private static TrainingOptions options(int epochs, double learningRate, double lrStepFraction,
            double weightDecay) {
        return new TrainingOptions("test", epochs, 8, learningRate, lrStepFraction, 0.1, 0.9, 0.99, 1e-8, weightDecay, 0.2,
                epochs, true, Loss.MSE, 7);
    }

    /** Thrown from the progress log to stop a run the way a killed process stops: after an epoch was saved. */
    private static final class Interrupted extends RuntimeException {
        Interrupted() {
            super("stopped after epoch");
        }
    }

    private static float[][] arrays(byte[] encoded) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDList list = NDList.decode(m, encoded);
            float[][] out = new float[list.size()][];
            for (int i = 0; i < out.length; i++) {
                out[i] = list.get(i).toFloatArray();
            }
            return out;
        }
    }

    private static float[][] weights(Path checkpoint) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            CrysToGraphBlock block = Checkpoint.loadBlock(checkpoint, m);
            List<float[]> out = new ArrayList<>();
            for (var p : block.getParameters()) {
                out.add(p.getValue().getArray().toFloatArray());
            }
            return out.toArray(new float[0][]);
        }
    }

    private static TrainingRun.RunState state(Path run) throws Exception {
        return Checkpoint.json().readValue(run.resolve("last").resolve("state.json").toFile(),
                TrainingRun.RunState.class);
    }

    @Test
    void shortRun_writesBestCheckpointWithTestMetrics_andResumes() {
        List<LabelledGraph> all = samples(40);
        List<LabelledGraph> pool = all.stream().filter(g -> g.fold() != 0).toList();
        List<LabelledGraph> test = all.stream().filter(g -> g.fold() == 0).toList();
        List<String> log = new ArrayList<>();
        TrainingRun.Result first = run(2, log).run(pool, test);
        assertThat(Checkpoint.exists(dir.resolve("best"))).isTrue();
        assertThat(Checkpoint.exists(dir.resolve("last"))).isTrue();
        CheckpointInfo info = Checkpoint.readInfo(dir.resolve("best"));
        assertThat(info.metrics()).containsKeys("val_mae", "test_mae", "test_rmse", "test_max_error",
                "test_mad_baseline");
        assertThat(info.normalizer().std()).isPositive();
        assertThat(first.metrics().get("test_mae")).isFinite();
        assertThat(log).anyMatch(l -> l.startsWith("epoch    2/2"));

        // the inference entry rebuilds the same network from the directory alone: same test MAE
        try (CheckpointModel model = CheckpointModel.load(dir.resolve("best"))) {
            double[] p = model.predict(test.stream().map(LabelledGraph::graph).toList());
            double mae = 0;
            for (int i = 0; i < p.length; i++) {
                mae += Math.abs(p[i] - test.get(i).label());
            }
            assertThat(mae / p.length).isCloseTo(info.metrics().get("test_mae"), org.assertj.core.data.Offset.offset(1e-9));
        }

        List<String> resumed = new ArrayList<>();
        run(3, resumed).run(pool, test);
        assertThat(resumed).anyMatch(l -> l.startsWith("resumed after epoch 1"));
        assertThat(resumed).noneMatch(l -> l.startsWith("epoch    1/3"));
        assertThat(resumed).anyMatch(l -> l.startsWith("epoch    3/3"));
    }

    @Test
    void runStoppedAfterAnEpochAndResumed_endsWithTheWeightsAndOptimizerStateOfAnUninterruptedRun() throws Exception {
        List<LabelledGraph> all = samples(40);
        List<LabelledGraph> pool = all.stream().filter(g -> g.fold() != 0).toList();
        List<LabelledGraph> test = all.stream().filter(g -> g.fold() == 0).toList();
        int epochs = 5;
        int stopAfter = 3; // after the learning-rate step (epoch 1 of 5)
        TrainingOptions options = options(epochs, 1e-3, 1.0 / 3, 0.01);
        Path straight = dir.resolve("straight");
        Path resumed = dir.resolve("resumed");

        run(options, straight, line -> { }).run(pool, test);
        assertThatThrownBy(() -> run(options, resumed, line -> {
            if (line.startsWith(String.format("epoch %4d/", stopAfter))) {
                throw new Interrupted();
            }
        }).run(pool, test)).isInstanceOf(Interrupted.class);
        assertThat(state(resumed).nextEpoch).isEqualTo(stopAfter);
        List<String> log = new ArrayList<>();
        run(options, resumed, log::add).run(pool, test);

        assertThat(log).anyMatch(l -> l.startsWith("resumed after epoch " + (stopAfter - 1)));
        float[][] expected = weights(straight.resolve("last"));
        float[][] actual = weights(resumed.resolve("last"));
        assertThat(actual.length).isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("parameter %d", i).containsExactly(expected[i]);
        }
        float[][] expectedMoments = arrays(Files.readAllBytes(straight.resolve("last").resolve("optimizer.params")));
        float[][] actualMoments = arrays(Files.readAllBytes(resumed.resolve("last").resolve("optimizer.params")));
        assertThat(actualMoments.length).isEqualTo(expectedMoments.length);
        for (int i = 0; i < expectedMoments.length; i++) {
            assertThat(actualMoments[i]).as("moment array %d", i).containsExactly(expectedMoments[i]);
        }
        TrainingRun.RunState a = state(straight);
        TrainingRun.RunState b = state(resumed);
        assertThat(b.optimizerSteps).isEqualTo(a.optimizerSteps);
        assertThat(b.bestEpoch).isEqualTo(a.bestEpoch);
        assertThat(b.bestValMae).isEqualTo(a.bestValMae);
        assertThat(b.history.stream().map(TrainingRun.EpochRecord::loss).toList())
                .containsExactlyElementsOf(a.history.stream().map(TrainingRun.EpochRecord::loss).toList());
        assertThat(weights(resumed.resolve("best"))[0]).containsExactly(weights(straight.resolve("best"))[0]);
    }

    @Test
    void fewEpochsOnASmallTask_lowerTheValidationError() throws Exception {
        // label = mean of Z/10 over the sites: learnable from the atoms' embeddings
        List<LabelledGraph> pool = samples(120);
        int epochs = 6;
        run(options(epochs, 3e-3, 1.0, 0.01), dir, line -> { }).run(pool, List.of()); // no learning-rate step

        List<TrainingRun.EpochRecord> history = state(dir).history;
        assertThat(history).hasSize(epochs);
        double first = history.get(0).valMae();
        double last = history.get(epochs - 1).valMae();
        // the validation error of predicting the training mean, the floor any learning must beat
        List<List<LabelledGraph>> parts = TrainingRun.split(pool, 0.2, 7);
        double mean = parts.get(0).stream().mapToDouble(LabelledGraph::label).average().orElseThrow();
        double constant = parts.get(1).stream().mapToDouble(g -> Math.abs(g.label() - mean)).average().orElseThrow();
        assertThat(last).as("validation MAE after %d epochs vs after the first (%s)", epochs, history)
                .isLessThan(FEW_EPOCHS_GAIN * first);
        assertThat(last).as("validation MAE vs predicting the training mean").isLessThan(constant);
    }

    @Test
    void maeLoss_trainsAndIsRecordedInTheCheckpoint() {
        List<LabelledGraph> all = samples(40);
        List<LabelledGraph> pool = all.stream().filter(g -> g.fold() != 0).toList();
        List<LabelledGraph> test = all.stream().filter(g -> g.fold() == 0).toList();
        List<String> log = new ArrayList<>();

        TrainingRun.Result r = run(2, log, Loss.MAE).run(pool, test);

        assertThat(r.metrics().get("test_mae")).isFinite();
        assertThat(Checkpoint.readInfo(dir.resolve("best")).training()).containsEntry("loss", "MAE");
    }

    @Test
    void losses_ofKnownResiduals() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray residual = m.create(new float[] {1f, -2f, 3f});
            assertThat(Loss.MSE.of(residual).getFloat()).isCloseTo(14f / 3, org.assertj.core.data.Offset.offset(1e-6f));
            assertThat(Loss.MAE.of(residual).getFloat()).isCloseTo(2f, org.assertj.core.data.Offset.offset(1e-6f));
        }
    }
}

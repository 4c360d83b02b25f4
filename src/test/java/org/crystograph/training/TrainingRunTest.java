package org.crystograph.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.crystograph.graph.CrystalGraph;
import org.crystograph.graph.GraphSettings;
import org.crystograph.graph.featurize.CdkDescriptorFeaturizer;
import org.crystograph.inference.CheckpointModel;
import org.crystograph.model.AtomDescriptors;
import org.crystograph.model.Checkpoint;
import org.crystograph.model.CheckpointInfo;
import org.crystograph.model.CrysToGraphConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A short training run on random graphs: checkpoints, metrics and resuming. */
class TrainingRunTest {

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
        CdkDescriptorFeaturizer f = new CdkDescriptorFeaturizer();
        CrysToGraphConfig config = tinyConfig(f);
        TrainingOptions options = new TrainingOptions("test", epochs, 8, 1e-3, 1.0 / 3, 0.1, 0.9, 0.99, 1e-8, 0, 0.2,
                0, true, loss, 7);
        return new TrainingRun(options, config, GraphSettings.defaults(), AtomDescriptors.of(f),
                new TrainingRun.Provenance("test", "y", "eV", 0, "FULL", "hash", "unknown"), dir, Device.cpu(),
                log::add);
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

package org.crystograph.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.crystograph.graph.CrystalGraph;
import org.crystograph.graph.featurize.AtomFeaturizer;
import org.junit.jupiter.api.Test;

/** Batch semantics, persistence and GwT modes of the whole network (spec section 13, items 3, 5 and 6). */
class ModelBehaviourTest {

    private static final AtomFeaturizer FEATURIZER = TestGraphs.featurizer(12);
    /** float32 agreement between mathematically equal evaluations. */
    private static final double TOLERANCE = 1e-5;

    private static CrysToGraphConfig config(CrysToGraphConfig.GwtMode mode) {
        return TestGraphs.network(mode);
    }

    private static CrysToGraphBlock network(NDManager m, CrysToGraphConfig.GwtMode mode, long seed) {
        Engine.getInstance().setRandomSeed((int) seed);
        CrysToGraphBlock block = new CrysToGraphBlock(config(mode));
        block.initialize(m, DataType.FLOAT32);
        return block;
    }

    private static float[] predict(CrysToGraphBlock block, NDManager m, List<CrystalGraph> graphs, boolean training) {
        try (NDManager batch = m.newSubManager()) {
            NDList inputs = GraphBatch.of(graphs, FEATURIZER).toNDList(batch, DataType.FLOAT32);
            NDArray out = block.forward(new ParameterStore(batch, false), inputs, training).singletonOrThrow();
            return out.toFloatArray();
        }
    }

    private static List<CrystalGraph> graphs(long seed, int... sizes) {
        Random rnd = new Random(seed);
        List<CrystalGraph> list = new ArrayList<>();
        for (int n : sizes) {
            list.add(TestGraphs.random(rnd, n));
        }
        return list;
    }

    @Test
    void saveThenLoad_givesIdenticalOutputs() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            CrysToGraphBlock block = network(m, CrysToGraphConfig.GwtMode.SOFTMAX, 11);
            List<CrystalGraph> g = graphs(11, 3, 5, 1);
            predict(block, m, g, true); // move BatchNorm running statistics away from their initial values
            float[] before = predict(block, m, g, false);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            block.saveParameters(new DataOutputStream(bytes));
            Engine.getInstance().setRandomSeed(99);
            CrysToGraphBlock loaded = new CrysToGraphBlock(config(CrysToGraphConfig.GwtMode.SOFTMAX));
            loaded.loadParameters(m, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            assertThat(predict(loaded, m, g, false)).containsExactly(before);
        }
    }

    @Test
    void crystalOrder_doesNotChangePredictions_inTrainingAndEvaluation() {
        try (NDManager m = NDManager.newBaseManager()) {
            CrysToGraphBlock block = network(m, CrysToGraphConfig.GwtMode.SOFTMAX, 12);
            List<CrystalGraph> g = graphs(12, 4, 2, 6, 3);
            List<CrystalGraph> reversed = new ArrayList<>(g);
            java.util.Collections.reverse(reversed);
            for (boolean training : new boolean[] {true, false}) {
                float[] a = predict(block, m, g, training);
                float[] b = predict(block, m, reversed, training);
                for (int i = 0; i < a.length; i++) {
                    assertThat((double) b[a.length - 1 - i]).isCloseTo(a[i], org.assertj.core.data.Offset.offset(
                            TOLERANCE * Math.max(1, Math.abs(a[i]))));
                }
            }
        }
    }

    @Test
    void batchedAndOneByOne_agreeInEvaluationMode() {
        try (NDManager m = NDManager.newBaseManager()) {
            CrysToGraphBlock block = network(m, CrysToGraphConfig.GwtMode.SOFTMAX, 13);
            List<CrystalGraph> g = graphs(13, 5, 1, 7, 2, 3);
            float[] batched = predict(block, m, g, false);
            for (int i = 0; i < g.size(); i++) {
                float single = predict(block, m, List.of(g.get(i)), false)[0];
                assertThat((double) single).isCloseTo(batched[i],
                        org.assertj.core.data.Offset.offset(TOLERANCE * Math.max(1, Math.abs(batched[i]))));
            }
        }
    }

    @Test
    void sitePermutation_doesNotChangePrediction() {
        try (NDManager m = NDManager.newBaseManager()) {
            CrysToGraphBlock block = network(m, CrysToGraphConfig.GwtMode.SOFTMAX, 14);
            CrystalGraph g = graphs(14, 6).get(0);
            int[] perm = {3, 0, 5, 1, 4, 2};
            float a = predict(block, m, List.of(g), false)[0];
            float b = predict(block, m, List.of(permute(g, perm)), false)[0];
            assertThat((double) b).isCloseTo(a, org.assertj.core.data.Offset.offset(TOLERANCE * Math.max(1, Math.abs(a))));
        }
    }

    /** Relabels site i as perm[i], keeping each site's in-edge ranks (so line edges keep their rho order). */
    static CrystalGraph permute(CrystalGraph g, int[] perm) {
        int n = g.numSites();
        int k = g.k();
        int[] inverse = new int[n];
        for (int i = 0; i < n; i++) {
            inverse[perm[i]] = i;
        }
        int[] offsets = new int[n + 1];
        int[] z = new int[g.speciesZ().length];
        float[] occ = new float[z.length];
        int pos = 0;
        for (int newI = 0; newI < n; newI++) {
            int old = inverse[newI];
            for (int s = g.speciesOffsets()[old]; s < g.speciesOffsets()[old + 1]; s++) {
                z[pos] = g.speciesZ()[s];
                occ[pos++] = g.speciesOccupancy()[s];
            }
            offsets[newI + 1] = pos;
        }
        int e = n * k;
        int[] src = new int[e];
        double[] len = new double[e];
        float[] ef = new float[e * g.edgeWidth()];
        float[] lf = new float[e * k * g.lineWidth()];
        float[] pe = new float[n * g.peWidth()];
        for (int newI = 0; newI < n; newI++) {
            int old = inverse[newI];
            System.arraycopy(g.positionalEncoding(), old * g.peWidth(), pe, newI * g.peWidth(), g.peWidth());
            for (int r = 0; r < k; r++) {
                int oe = old * k + r;
                int ne = newI * k + r;
                src[ne] = perm[g.edgeSource()[oe]];
                len[ne] = g.edgeLength()[oe];
                System.arraycopy(g.edgeFeatures(), oe * g.edgeWidth(), ef, ne * g.edgeWidth(), g.edgeWidth());
                System.arraycopy(g.lineFeatures(), oe * k * g.lineWidth(), lf, ne * k * g.lineWidth(),
                        k * g.lineWidth());
            }
        }
        return new CrystalGraph(n, k, offsets, z, occ, src, new int[3 * e], new double[3 * e], len, ef, lf, pe,
                g.edgeWidth(), g.lineWidth(), g.peWidth(), g.radiusAngstrom());
    }

    @Test
    void sumMode_givesEveryAtomOfACrystalTheSameAttentionOutput() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(15);
            CrysToGraphConfig c = config(CrysToGraphConfig.GwtMode.SUM);
            GraphTransformerBlock gwt = new GraphTransformerBlock(c);
            gwt.initialize(m, DataType.FLOAT32, GraphBatch.inputShapes(c));
            List<CrystalGraph> g = graphs(15, 3, 4);
            NDList b = GraphBatch.of(g, FEATURIZER).toNDList(m, DataType.FLOAT32);
            NDArray xt = m.randomUniform(-1, 1, new ai.djl.ndarray.types.Shape(7, c.hidden()));
            float[] o = gwt.attend(new ParameterStore(m, false), xt, b.get(GraphBatch.CRYSTAL_GATHER),
                    b.get(GraphBatch.CRYSTAL_MASK), b.get(GraphBatch.ATOM_SLOT), b.get(GraphBatch.ATOM_CRYSTAL), false)
                    .toFloatArray();
            int d = c.hidden();
            int[][] crystals = {{0, 1, 2}, {3, 4, 5, 6}};
            for (int[] atoms : crystals) {
                for (int a : atoms) {
                    for (int j = 0; j < d; j++) {
                        assertThat(o[a * d + j]).isEqualTo(o[atoms[0] * d + j]);
                    }
                }
            }
            // and the two crystals differ
            assertThat(o[0]).isNotEqualTo(o[3 * d]);
        }
    }

    @Test
    void softmaxAndSumModes_agreeOnOneAtomCells() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            CrysToGraphBlock softmax = network(m, CrysToGraphConfig.GwtMode.SOFTMAX, 16);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            softmax.saveParameters(new DataOutputStream(bytes));
            CrysToGraphBlock sum = new CrysToGraphBlock(config(CrysToGraphConfig.GwtMode.SUM));
            sum.loadParameters(m, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            List<CrystalGraph> single = graphs(16, 1, 1, 1);
            float[] a = predict(softmax, m, single, false);
            float[] b = predict(sum, m, single, false);
            for (int i = 0; i < a.length; i++) {
                assertThat((double) b[i]).isCloseTo(a[i], org.assertj.core.data.Offset.offset(1e-6));
            }
            List<CrystalGraph> larger = graphs(17, 4);
            assertThat(predict(sum, m, larger, false)[0]).isNotEqualTo(predict(softmax, m, larger, false)[0]);
        }
    }
}

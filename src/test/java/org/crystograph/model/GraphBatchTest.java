package org.crystograph.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import java.util.Random;
import org.crystograph.graph.CrystalGraph;
import org.junit.jupiter.api.Test;

/** Disjoint-union collation: offsets, line-edge sources, padded per-crystal slots, occupancy-weighted nodes. */
class GraphBatchTest {

    @Test
    void twoCrystals_offsetsEdgeAndLineSources_andPadsTheSmallerCrystal() {
        Random rnd = new Random(1);
        CrystalGraph a = TestGraphs.random(rnd, 2);
        CrystalGraph b = TestGraphs.random(rnd, 3);
        GraphBatch batch = GraphBatch.of(List.of(a, b), TestGraphs.featurizer(8));
        try (NDManager m = NDManager.newBaseManager()) {
            NDList in = batch.toNDList(m, DataType.FLOAT32);
            long[] edgeSource = in.get(GraphBatch.EDGE_SOURCE).toLongArray();
            long[] lineSource = in.get(GraphBatch.LINE_SOURCE).toLongArray();
            int k = 12;
            assertThat(edgeSource).hasSize(5 * k);
            assertThat(lineSource).hasSize(5 * k * k);
            // second crystal's edges point at atoms 2..4
            for (int e = 0; e < 3 * k; e++) {
                assertThat(edgeSource[2 * k + e]).isEqualTo(2 + b.edgeSource()[e]);
            }
            // line edge 12*e2 + rho comes from edge 12*src(e2) + rho
            for (int e2 = 0; e2 < 5 * k; e2++) {
                for (int rho = 0; rho < k; rho++) {
                    assertThat(lineSource[e2 * k + rho]).isEqualTo(edgeSource[e2] * k + rho);
                }
            }
            assertThat(in.get(GraphBatch.CRYSTAL_GATHER).toLongArray()).containsExactly(0, 1, 5, 2, 3, 4);
            assertThat(in.get(GraphBatch.CRYSTAL_MASK).toFloatArray()).containsExactly(1, 1, 0, 1, 1, 1);
            assertThat(in.get(GraphBatch.ATOM_SLOT).toLongArray()).containsExactly(0, 1, 3, 4, 5);
            assertThat(in.get(GraphBatch.ATOM_CRYSTAL).toLongArray()).containsExactly(0, 0, 1, 1, 1);
            // self-images (source == centre) are masked out of the GwT edge mean
            float[] mask = in.get(GraphBatch.NEIGHBOUR_MASK).toFloatArray();
            for (int e = 0; e < 2 * k; e++) {
                assertThat(mask[e]).isEqualTo(a.edgeSource()[e] == e / k ? 0f : 1f);
            }
        }
    }

    @Test
    void disorderedSite_isOccupancyWeightedSumOfSpecies() {
        CrystalGraph g = TestGraphs.random(new Random(2), 1);
        CrystalGraph disordered = new CrystalGraph(1, 12, new int[] {0, 2}, new int[] {8, 26},
                new float[] {0.25f, 0.5f}, g.edgeSource(), g.edgeImage(), g.edgeVector(), g.edgeLength(),
                g.edgeFeatures(), g.lineFeatures(), g.positionalEncoding(), g.edgeWidth(), g.lineWidth(), g.peWidth(),
                g.radiusAngstrom());
        var f = TestGraphs.featurizer(8);
        try (NDManager m = NDManager.newBaseManager()) {
            NDList in = GraphBatch.of(List.of(disordered), f).toNDList(m, DataType.FLOAT32);
            float[] desc = in.get(GraphBatch.ATOM_DESCRIPTOR).toFloatArray();
            float[] o = f.features(8);
            float[] fe = f.features(26);
            for (int c = 0; c < 8; c++) {
                assertThat(desc[c]).isEqualTo(0.25f * o[c] + 0.5f * fe[c]);
            }
            float[] comp = in.get(GraphBatch.COMPOSITION).toFloatArray();
            assertThat(comp[7]).isEqualTo(0.25f);
            assertThat(comp[25]).isEqualTo(0.5f);
        }
    }

    @Test
    void emptyBatchOrMixedWidths_areRejected() {
        assertThatThrownBy(() -> GraphBatch.of(List.of(), TestGraphs.featurizer(8)))
                .isInstanceOf(IllegalArgumentException.class);
        Random rnd = new Random(3);
        CrystalGraph narrow = TestGraphs.random(rnd, 2, 12, 10, 30, 40, 5);
        assertThatThrownBy(() -> GraphBatch.of(List.of(TestGraphs.random(rnd, 2), narrow), TestGraphs.featurizer(8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("widths");
        CrystalGraph compact = TestGraphs.random(rnd, 2).compact();
        assertThatThrownBy(() -> GraphBatch.of(List.of(compact), TestGraphs.featurizer(8)).toString())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("compact graph");
    }

    @Test
    void batchEnd_stopsAtTheCrystalOrSiteLimit_andLetsALargeCrystalRunAlone() {
        int[] sites = {100, 200, 300, 5000, 10, 10, 10};
        java.util.function.IntUnaryOperator of = i -> sites[i];
        // 100 + 200 + 300 = 600 sites > 500: the third crystal starts the next batch
        assertThat(GraphBatch.batchEnd(of, 0, sites.length, 64, 500)).isEqualTo(2);
        // a 5,000-site crystal alone exceeds the limit and still forms a batch of its own
        assertThat(GraphBatch.batchEnd(of, 3, sites.length, 64, 500)).isEqualTo(4);
        // the crystal limit
        assertThat(GraphBatch.batchEnd(of, 4, sites.length, 2, 500)).isEqualTo(6);
        // the end of the list
        assertThat(GraphBatch.batchEnd(of, 4, sites.length, 64, 500)).isEqualTo(7);
    }
}

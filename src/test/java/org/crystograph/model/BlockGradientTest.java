package org.crystograph.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Random;
import org.crystograph.graph.CrystalGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Autograd of every block equals central finite differences in float64 on a tiny graph (step 1e-6, tolerance 1e-6
 * relative to max(1, |gradient|)), in training mode (BatchNorm on batch statistics).
 */
class BlockGradientTest {

    private static final DataType F64 = DataType.FLOAT64;

    /** A tiny network: small widths so finite differences over sampled entries stay fast. */
    private static CrysToGraphConfig tinyConfig(CrysToGraphConfig.GwtMode mode) {
        return new CrysToGraphConfig(6, CrysToGraphConfig.AtomEmbedding.LEARNED_64, 100, 7, 5, 4, 8, 2, 1, 2, 2, 3,
                2, 2, 2, 2, 4, 10, mode, CrysToGraphConfig.AngleUpdate.PROPAGATE, 0f);
    }

    private static List<CrystalGraph> tinyGraphs(Random rnd) {
        return List.of(TestGraphs.random(rnd, 3, 4, 7, 5, 4, 20), TestGraphs.random(rnd, 2, 4, 7, 5, 4, 20));
    }

    private static NDArray rand(NDManager m, long... shape) {
        return m.randomUniform(-1f, 1f, new Shape(shape), F64);
    }

    @Test
    void feedForward_matchesFiniteDifferences() {
        Engine.getInstance().setRandomSeed(1);
        try (NDManager m = NDManager.newBaseManager()) {
            FeedForwardBlock block = new FeedForwardBlock(5, 7);
            block.initialize(m, F64, new Shape(1, 5));
            assertThat(GradientCheck.check(block, m, new NDList(rand(m, 6, 5)), new int[] {0}, 1)).isPositive();
        }
    }

    /** Edge widths below and above 2 d_k: the two ways the edge update is evaluated. */
    @ParameterizedTest
    @ValueSource(ints = {4, 7})
    void edgeAttention_matchesFiniteDifferences(int edgeWidth) {
        Engine.getInstance().setRandomSeed(2);
        try (NDManager m = NDManager.newBaseManager()) {
            EdgeAttentionBlock block = new EdgeAttentionBlock(6, edgeWidth, 2, 3);
            block.initialize(m, F64, new Shape(1, 6), new Shape(1, edgeWidth), new Shape(1));
            NDArray src = m.create(new long[] {1, 2, 2, 0, 0, 0, 1, 2, 1, 1, 0, 2});
            NDList inputs = new NDList(rand(m, 3, 6), rand(m, 12, edgeWidth), src);
            assertThat(GradientCheck.check(block, m, inputs, new int[] {0, 1}, 2)).isPositive();
        }
    }

    @Test
    void etgc_matchesFiniteDifferences() {
        Engine.getInstance().setRandomSeed(3);
        try (NDManager m = NDManager.newBaseManager()) {
            EtgcBlock block = new EtgcBlock(6, 4, 2, 3, 2);
            block.initialize(m, F64, new Shape(1, 6), new Shape(1, 4), new Shape(1));
            NDArray src = m.create(new long[] {1, 2, 2, 0, 0, 0, 1, 2, 1, 1, 0, 2});
            NDList inputs = new NDList(rand(m, 3, 6), rand(m, 12, 4), src);
            assertThat(GradientCheck.check(block, m, inputs, new int[] {0, 1}, 3)).isPositive();
        }
    }

    @Test
    void inputProjectionsAndEmbedding_matchFiniteDifferences() {
        Engine.getInstance().setRandomSeed(4);
        CrysToGraphConfig config = tinyConfig(CrysToGraphConfig.GwtMode.SOFTMAX);
        try (NDManager m = NDManager.newBaseManager()) {
            InputProjectionBlock block = new InputProjectionBlock(config);
            block.initialize(m, F64, new Shape(1, config.atomInputWidth()), new Shape(1, 7), new Shape(1, 5),
                    new Shape(1, 4));
            NDList inputs = new NDList(rand(m, 3, config.atomInputWidth()), rand(m, 12, 7), rand(m, 48, 5),
                    rand(m, 3, 4));
            assertThat(GradientCheck.check(block, m, inputs, new int[] {0, 1, 2, 3}, 4)).isPositive();
            AtomEmbeddingBlock embedding = new AtomEmbeddingBlock(20, 64);
            embedding.initialize(m, F64, new Shape(1, 20));
            assertThat(GradientCheck.check(embedding, m, new NDList(rand(m, 3, 20)), new int[] {0}, 5)).isPositive();
        }
    }

    @Test
    void graphTransformerAndHead_matchFiniteDifferences_inBothModes() {
        for (CrysToGraphConfig.GwtMode mode : CrysToGraphConfig.GwtMode.values()) {
            Engine.getInstance().setRandomSeed(5);
            CrysToGraphConfig config = tinyConfig(mode);
            try (NDManager m = NDManager.newBaseManager()) {
                GraphBatch batch = GraphBatch.of(tinyGraphs(new Random(5)), TestGraphs.featurizer(6));
                NDList b = batch.toNDList(m, F64);
                GraphTransformerBlock gwt = new GraphTransformerBlock(config);
                gwt.initialize(m, F64, GraphBatch.inputShapes(config));
                NDList inputs = new NDList(rand(m, 5, 8), rand(m, 20, 7), b.get(GraphBatch.NEIGHBOUR_MASK),
                        b.get(GraphBatch.CRYSTAL_GATHER), b.get(GraphBatch.CRYSTAL_MASK), b.get(GraphBatch.ATOM_SLOT),
                        b.get(GraphBatch.ATOM_CRYSTAL));
                assertThat(GradientCheck.check(gwt, m, inputs, new int[] {0, 1}, 6)).isPositive();
                HeadBlock head = new HeadBlock(config);
                head.initialize(m, F64, new Shape(1, 8));
                assertThat(GradientCheck.check(head, m, new NDList(rand(m, 4, 8)), new int[] {0}, 7)).isPositive();
            }
        }
    }

    @Test
    void wholeNetwork_matchesFiniteDifferences() {
        Engine.getInstance().setRandomSeed(8);
        CrysToGraphConfig config = tinyConfig(CrysToGraphConfig.GwtMode.SOFTMAX);
        try (NDManager m = NDManager.newBaseManager()) {
            CrysToGraphBlock block = new CrysToGraphBlock(config);
            block.initialize(m, F64);
            NDList inputs = GraphBatch.of(tinyGraphs(new Random(8)), TestGraphs.featurizer(6)).toNDList(m, F64);
            int[] floatInputs = {GraphBatch.ATOM_DESCRIPTOR, GraphBatch.EDGE_FEATURES, GraphBatch.LINE_FEATURES,
                GraphBatch.POSITIONAL_ENCODING};
            assertThat(GradientCheck.check(block, m, inputs, floatInputs, 9, 1)).isGreaterThan(100);
        }
    }
}

package org.crystograph.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.crystograph.graph.CrystalGraph;
import org.crystograph.graph.featurize.AtomFeaturizer;
import org.junit.jupiter.api.Test;

/**
 * Gradients must not depend on what the JVM does between the forward and the backward pass. DJL's
 * {@code NDArray.mul(Number)} and {@code div(Number)} wrap the number in a tensor over a Java direct buffer and close it
 * when the call returns, while libtorch's autograd keeps that tensor for the backward pass: once a garbage collection
 * frees the buffer, the backward pass reads freed memory (the non-finite gradient steps seen in training).
 */
class GradientLifetimeTest {

    private static final AtomFeaturizer FEATURIZER = TestGraphs.featurizer(12);

    @Test
    void gradients_areTheSame_whenGarbageIsCollectedBetweenForwardAndBackward() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(5);
            CrysToGraphBlock block = new CrysToGraphBlock(TestGraphs.network(CrysToGraphConfig.GwtMode.SOFTMAX));
            block.initialize(m, DataType.FLOAT32);
            Random rnd = new Random(5);
            List<CrystalGraph> graphs = List.of(TestGraphs.random(rnd, 4), TestGraphs.random(rnd, 3));

            Map<String, float[]> quiet = gradients(block, m, graphs, false);
            Map<String, float[]> collected = gradients(block, m, graphs, true);

            assertThat(collected.keySet()).isEqualTo(quiet.keySet());
            assertThat(quiet.get("01embedding_table")).as("gradients reach the first layer").isNotEqualTo(
                    new float[quiet.get("01embedding_table").length]);
            float tolerance = 1e-5f * largestMagnitude(quiet);
            List<String> changed = new ArrayList<>();
            for (String name : quiet.keySet()) {
                if (!closeTo(collected.get(name), quiet.get(name), tolerance)) {
                    changed.add(name);
                }
            }
            assertThat(changed).as("parameters whose gradient changed after a garbage collection").isEmpty();
        }
    }

    /**
     * Equal up to rounding. Freed memory read as a factor gives NaN or unrelated values, far outside the tolerance;
     * exact equality is too strict because the matrix library may round differently when the arrays land at other
     * addresses, as the allocations between the runs make them.
     */
    private static boolean closeTo(float[] actual, float[] expected, float tolerance) {
        for (int i = 0; i < expected.length; i++) {
            if (!(Math.abs(actual[i] - expected[i]) <= tolerance)) {
                return false;
            }
        }
        return actual.length == expected.length;
    }

    private static float largestMagnitude(Map<String, float[]> gradients) {
        float largest = 0;
        for (float[] g : gradients.values()) {
            for (float v : g) {
                largest = Math.max(largest, Math.abs(v));
            }
        }
        return largest;
    }

    /** Parameter gradients of a sum of the outputs, optionally with garbage collections before the backward pass. */
    private static Map<String, float[]> gradients(CrysToGraphBlock block, NDManager m, List<CrystalGraph> graphs,
            boolean collectGarbage) throws InterruptedException {
        Map<String, float[]> grads = new LinkedHashMap<>();
        try (NDManager batch = m.newSubManager()) {
            NDList inputs = GraphBatch.of(graphs, FEATURIZER).toNDList(batch, DataType.FLOAT32);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray out = block.forward(new ParameterStore(batch, false), inputs, true).singletonOrThrow();
                if (collectGarbage) {
                    collectAndReuseFreedBuffers();
                }
                gc.backward(out.sum());
            }
            for (Pair<String, Parameter> p : block.getParameters()) {
                NDArray array = p.getValue().getArray();
                if (array.hasGradient()) {
                    NDArray g = array.getGradient();
                    grads.put(p.getKey(), g.toFloatArray());
                    g.subi(g); // zero for the next pass
                }
            }
        }
        return grads;
    }

    /** Lets the cleaner free unreachable direct buffers, then allocates small ones that reuse and overwrite them. */
    private static void collectAndReuseFreedBuffers() throws InterruptedException {
        for (int round = 0; round < 3; round++) {
            System.gc();
            Thread.sleep(50);
        }
        List<ByteBuffer> reuse = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(4);
            b.putFloat(0, Float.NaN);
            reuse.add(b);
        }
        assertThat(reuse).hasSize(1000);
    }
}

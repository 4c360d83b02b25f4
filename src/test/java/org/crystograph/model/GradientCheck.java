package org.crystograph.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Random;

/**
 * Central finite differences against autograd in float64: loss = sum_o sum(out_o * w_o) with fixed random w_o,
 * checked on sampled entries of chosen inputs and of every trainable parameter of the block.
 */
final class GradientCheck {

    /** Finite-difference step (float64). */
    static final double STEP = 1e-6;
    /** Allowed |analytic - numeric| relative to max(1, |numeric|) ... scaled: see {@link #check}. */
    static final double TOLERANCE = 1e-6;
    /** Entries sampled per tensor. */
    static final int SAMPLES = 2;

    private GradientCheck() {
    }

    /**
     * Checks the gradients of a block (already initialised in float64) at the given float64 inputs.
     *
     * @param inputsToCheck indices of inputs (floating point) whose gradients are checked
     * @return number of entries checked
     */
    static int check(Block block, NDManager manager, NDList inputs, int[] inputsToCheck, long seed) {
        return check(block, manager, inputs, inputsToCheck, seed, SAMPLES);
    }

    /** As {@link #check(Block, NDManager, NDList, int[], long)} with a given number of entries per tensor. */
    static int check(Block block, NDManager manager, NDList inputs, int[] inputsToCheck, long seed, int samples) {
        Random rnd = new Random(seed);
        ParameterStore store = new ParameterStore(manager, false);
        for (int i : inputsToCheck) {
            inputs.get(i).setRequiresGradient(true);
        }
        NDList out = block.forward(store, inputs, true);
        NDList weights = new NDList();
        for (NDArray o : out) {
            weights.add(manager.randomUniform(-1f, 1f, o.getShape(), o.getDataType()));
        }
        double[] unused = new double[0];
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.zeroGradients();
            NDList fresh = block.forward(store, inputs, true);
            gc.backward(loss(fresh, weights));
        }
        int checked = 0;
        for (int i : inputsToCheck) {
            NDArray x = inputs.get(i);
            double[] grad = x.getGradient().toDoubleArray();
            checked += compare("input " + i, x, grad, block, store, inputs, weights, rnd, samples);
        }
        for (var entry : block.getParameters()) {
            Parameter p = entry.getValue();
            if (!p.requiresGradient()) {
                continue;
            }
            assertThat(p.getArray().getDataType()).as("data type of %s", entry.getKey()).isEqualTo(DataType.FLOAT64);
            NDArray g = p.getArray().getGradient();
            // a parameter that takes no part in the loss has no gradient (DJL then returns float32 zeros)
            double[] grad = g.getDataType() == DataType.FLOAT64
                    ? g.toDoubleArray() : new double[Math.toIntExact(p.getArray().size())];
            checked += compare(entry.getKey(), p.getArray(), grad, block, store, inputs, weights, rnd, samples);
        }
        return checked + unused.length;
    }

    private static int compare(String name, NDArray x, double[] grad, Block block, ParameterStore store,
            NDList inputs, NDList weights, Random rnd, int perTensor) {
        double[] values = x.toDoubleArray();
        int n = values.length;
        int samples = Math.min(perTensor, n);
        for (int s = 0; s < samples; s++) {
            int idx = rnd.nextInt(n);
            double original = values[idx];
            values[idx] = original + STEP;
            x.set(values);
            double plus = lossValue(block, store, inputs, weights);
            values[idx] = original - STEP;
            x.set(values);
            double minus = lossValue(block, store, inputs, weights);
            values[idx] = original;
            x.set(values);
            double numeric = (plus - minus) / (2 * STEP);
            double scale = Math.max(1.0, Math.abs(numeric));
            assertThat(Math.abs(grad[idx] - numeric) / scale)
                    .as("%s[%d]: autograd %g vs finite difference %g", name, idx, grad[idx], numeric)
                    .isLessThan(TOLERANCE);
        }
        return samples;
    }

    private static double lossValue(Block block, ParameterStore store, NDList inputs, NDList weights) {
        NDList out = block.forward(store, inputs, true);
        return loss(out, weights).getDouble();
    }

    private static NDArray loss(NDList out, NDList weights) {
        NDArray total = null;
        for (int o = 0; o < out.size(); o++) {
            NDArray term = out.get(o).mul(weights.get(o)).sum();
            total = total == null ? term : total.add(term);
        }
        return total;
    }

    /** Inputs list helper. */
    static NDList list(List<NDArray> arrays) {
        return new NDList(arrays);
    }
}

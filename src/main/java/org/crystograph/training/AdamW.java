package org.crystograph.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.crystograph.model.Layers;

/**
 * AdamW (Loshchilov and Hutter) with PyTorch's update rule, on the trainable parameters of a block:
 * {@code p -= lr * wd * p;  m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g^2;
 * p -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)}.
 *
 * <p>Its moment estimates can be saved and restored, so a resumed run continues exactly. Parameters that took no
 * part in the loss (no gradient) are left untouched, as PyTorch does.
 */
public final class AdamW {

    /** The fused update's gradient clipping threshold: negative for none. */
    private static final float NO_CLIPPING = -1f;

    private final Block block;
    private final List<Parameter> parameters = new ArrayList<>();
    private final List<NDArray> first = new ArrayList<>();
    private final List<NDArray> second = new ArrayList<>();
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private long steps;
    private long skipped;

    /**
     * @param block the network (its trainable parameters must be initialised)
     * @param manager where the moment estimates live
     */
    public AdamW(Block block, NDManager manager, double beta1, double beta2, double epsilon, double weightDecay) {
        this.block = block;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        for (var entry : block.getParameters()) {
            Parameter p = entry.getValue();
            if (p.requiresGradient()) {
                parameters.add(p);
                first.add(manager.zeros(p.getArray().getShape(), p.getArray().getDataType()));
                second.add(manager.zeros(p.getArray().getShape(), p.getArray().getDataType()));
            }
        }
    }

    /**
     * Applies one update with the given learning rate, then zeroes the gradients. When any gradient is not finite
     * the update is skipped (gradients zeroed, moments and step count unchanged) and false is returned.
     */
    public boolean step(double learningRate) {
        if (!gradientsFinite()) {
            zeroGradients();
            skipped++;
            return false;
        }
        steps++;
        double correction1 = 1 - Math.pow(beta1, steps);
        double sqrtCorrection2 = Math.sqrt(1 - Math.pow(beta2, steps));
        // PyTorch's  p -= lr / c1 * m / (sqrt(v) / sqrt(c2) + eps)  in the fused kernel's form
        // p -= (lr sqrt(c2) / c1) * m / (sqrt(v) + eps sqrt(c2)): the same value, up to float32 rounding
        float stepSize = (float) (learningRate * sqrtCorrection2 / correction1);
        float scaledEpsilon = (float) (epsilon * sqrtCorrection2);
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            for (int i = 0; i < parameters.size(); i++) {
                NDArray p = parameters.get(i).getArray();
                NDArray g = p.getGradient();
                if (g.getDataType() != p.getDataType()) {
                    continue; // no gradient reached this parameter
                }
                // one engine call per parameter: decoupled decay (p -= lr wd p), both moments, the update, and the
                // gradient zeroed; through a detached view of the same storage, since an in-place change of a leaf
                // that requires gradients is refused when the calling thread has gradient recording on
                p.getNDArrayInternal().adamUpdate(new NDList(p.stopGradient(), g, first.get(i), second.get(i)),
                        new NDList(p), (float) learningRate, stepSize, (float) weightDecay, 1f, NO_CLIPPING,
                        (float) beta1, (float) beta2, scaledEpsilon, false, true);
            }
        }
        Layers.weightsChanged(block);
        return true;
    }

    /** Whether every gradient is finite: one sum per gradient, one read of their sum. */
    private boolean gradientsFinite() {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDList sums = new NDList(parameters.size());
            for (Parameter parameter : parameters) {
                NDArray p = parameter.getArray();
                NDArray g = p.getGradient();
                if (g.getDataType() == p.getDataType()) {
                    sums.add(g.sum());
                }
            }
            return sums.isEmpty() || Double.isFinite(NDArrays.stack(sums).sum().getFloat());
        }
    }

    private void zeroGradients() {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            for (Parameter parameter : parameters) {
                parameter.getArray().getGradient().set(new NDIndex("..."), 0f);
            }
        }
    }

    /** Updates skipped because a gradient was not finite. */
    public long skipped() {
        return skipped;
    }

    /** Number of updates done. */
    public long steps() {
        return steps;
    }

    /** The moment estimates, in parameter order (first moments, then second moments). */
    public NDList state() {
        NDList list = new NDList();
        list.addAll(first);
        list.addAll(second);
        return list;
    }

    /** Restores moment estimates saved by {@link #state} and the step count. */
    public void restore(NDList state, long stepCount) {
        int n = parameters.size();
        if (state.size() != 2 * n) {
            throw new IllegalArgumentException("optimizer state has " + state.size() + " arrays, expected " + 2 * n);
        }
        for (int i = 0; i < n; i++) {
            first.get(i).set(state.get(i).toFloatArray());
            second.get(i).set(state.get(n + i).toFloatArray());
        }
        steps = stepCount;
    }
}

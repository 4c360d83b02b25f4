package org.crystograph.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * A DJL {@link Linear} layer whose product is computed with its output width padded to a multiple of
 * {@value #ALIGNMENT}, then cut back. The parameters, their names and shapes, and the result (up to rounding) are
 * those of {@code Linear}; only the matrix product is wider.
 *
 * <p>Why: the CPU matrix-multiply kernels work on blocks of 8 or 16 output columns, and widths such as the line
 * graph's 30 and the bond features' 76 leave a partial block in every row. On the 2-core AMD machine of
 * docs/performance.md, [46,944 x 240] x [240 x 30] ran at 70 GFLOP/s and the same product padded to 32 columns at 98
 * (counting only the 30 useful columns; [3,912 x 304] x [304 x 76]: 136 against 152 padded to 80).
 */
final class AlignedLinear extends Linear implements WeightCache.Holder {

    /** Output widths are padded to a multiple of this. */
    static final int ALIGNMENT = 8;
    /** Narrower outputs (the head's single output) are not padded: too little work to matter. */
    private static final int MIN_WIDTH = 16;

    private final WeightCache padded = new WeightCache();

    AlignedLinear(Builder builder) {
        super(builder);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray weight = Layers.value(store, getParameters().get("weight"), x, training);
        long out = weight.getShape().get(0);
        if (paddingFor(out) == 0) {
            NDArray bias = getParameters().contains("bias")
                    ? Layers.value(store, getParameters().get("bias"), x, training)
                    : null;
            return new NDList(product(x, weight, bias));
        }
        // the padded weight and bias are computed once per weights in evaluation (see WeightCache)
        NDList w = padded.get(weights(), training, () -> {
            NDArray bias = getParameters().contains("bias")
                    ? Layers.value(store, getParameters().get("bias"), x, training)
                    : null;
            return new NDList(padWeight(weight, x.getManager()),
                    bias == null ? null : padBias(bias, x.getManager()));
        });
        return new NDList(paddedProduct(x, w.get(0), w.get(1), out));
    }

    private List<NDArray> weights() {
        List<NDArray> arrays = new ArrayList<>(2);
        for (var p : getParameters()) {
            arrays.add(p.getValue().getArray());
        }
        return arrays;
    }

    @Override
    public void weightsChanged() {
        padded.clear();
    }

    /**
     * {@code x weight^T + bias} over the last axis of x, computed with the output padded to a multiple of
     * {@value #ALIGNMENT} columns when it is at least {@value #MIN_WIDTH} wide.
     *
     * @param x [..., in]
     * @param weight [out, in]
     * @param bias [out], or null for none
     * @return [..., out]; a view of a wider array when padded
     */
    static NDArray product(NDArray x, NDArray weight, NDArray bias) {
        long out = weight.getShape().get(0);
        if (paddingFor(out) == 0) {
            return (bias == null ? Linear.linear(x, weight) : Linear.linear(x, weight, bias)).singletonOrThrow();
        }
        return paddedProduct(x, padWeight(weight, x.getManager()),
                bias == null ? null : padBias(bias, x.getManager()), out);
    }

    /**
     * A weight [out, in] with zero rows appended up to the padded width ({@link #paddingFor}).
     *
     * @param manager where the zero rows are created (the batch's)
     */
    static NDArray padWeight(NDArray weight, NDManager manager) {
        long padding = paddingFor(weight.getShape().get(0));
        if (padding == 0) {
            return weight;
        }
        return NDArrays.concat(new NDList(weight,
                manager.zeros(new Shape(padding, weight.getShape().get(1)), weight.getDataType())), 0);
    }

    /** A bias [out] with zeros (created in {@code manager}) appended up to the padded width. */
    static NDArray padBias(NDArray bias, NDManager manager) {
        long padding = paddingFor(bias.getShape().get(0));
        if (padding == 0) {
            return bias;
        }
        return NDArrays.concat(new NDList(bias, manager.zeros(new Shape(padding), bias.getDataType())), 0);
    }

    /**
     * {@code x weight^T + bias} for a weight and bias padded by {@link #padWeight} and {@link #padBias}, cut back to
     * the first {@code out} columns.
     */
    static NDArray paddedProduct(NDArray x, NDArray paddedWeight, NDArray paddedBias, long out) {
        NDArray result = (paddedBias == null ? Linear.linear(x, paddedWeight)
                : Linear.linear(x, paddedWeight, paddedBias)).singletonOrThrow();
        return paddedWeight.getShape().get(0) == out ? result : result.get(new NDIndex("..., 0:{}", out));
    }

    /** Columns added to an output of the given width. */
    static long paddingFor(long out) {
        return out < MIN_WIDTH || out % ALIGNMENT == 0 ? 0 : ALIGNMENT - out % ALIGNMENT;
    }
}

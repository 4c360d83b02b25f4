package org.crystograph.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

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
final class AlignedLinear extends Linear {

    /** Output widths are padded to a multiple of this. */
    static final int ALIGNMENT = 8;
    /** Narrower outputs (the head's single output) are not padded: too little work to matter. */
    private static final int MIN_WIDTH = 16;

    AlignedLinear(Builder builder) {
        super(builder);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray weight = Layers.value(store, getParameters().get("weight"), x, training);
        NDArray bias = getParameters().contains("bias")
                ? Layers.value(store, getParameters().get("bias"), x, training)
                : null;
        return new NDList(product(x, weight, bias));
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
        long padding = paddingFor(out);
        if (padding > 0) {
            weight = NDArrays.concat(new NDList(weight,
                    x.getManager().zeros(new Shape(padding, weight.getShape().get(1)), weight.getDataType())), 0);
            if (bias != null) {
                bias = NDArrays.concat(new NDList(bias,
                        x.getManager().zeros(new Shape(padding), bias.getDataType())), 0);
            }
        }
        NDArray result = (bias == null ? Linear.linear(x, weight) : Linear.linear(x, weight, bias)).singletonOrThrow();
        return padding == 0 ? result : result.get(new NDIndex("..., 0:{}", out));
    }

    /** Columns added to an output of the given width. */
    static long paddingFor(long out) {
        return out < MIN_WIDTH || out % ALIGNMENT == 0 ? 0 : ALIGNMENT - out % ALIGNMENT;
    }
}

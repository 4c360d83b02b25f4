package org.crystograph.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The eTGC feed-forward update with batch norm on the residual branch (spec section 7.2):
 * {@code out = Softplus(x + BN(W2 GELU(W1 x)))}.
 *
 * <p>Input [rows, width]; output [rows, width]. Children: {@code expand} (width -> inner), {@code contract}
 * (inner -> width), {@code norm} (BatchNorm over all rows of the batch).
 */
public final class FeedForwardBlock extends AbstractBlock {

    /** Parameter layout version. */
    public static final byte VERSION = 1;

    private final int width;
    private final int inner;
    private final Linear expand;
    private final Linear contract;
    private final BatchNorm norm;

    /**
     * @param width input and output width
     * @param inner hidden width (4 x width in the spec)
     */
    public FeedForwardBlock(int width, int inner) {
        super(VERSION);
        this.width = width;
        this.inner = inner;
        expand = addChildBlock("expand", Layers.linear(width, inner, true));
        contract = addChildBlock("contract", Layers.linear(inner, width, true));
        norm = addChildBlock("norm", Layers.batchNorm());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        // W1 x -> GELU (exact erf form) -> W2
        NDArray hidden = Activation.gelu(expand.forward(store, new NDList(x), training).singletonOrThrow());
        NDArray branch = contract.forward(store, new NDList(hidden), training).singletonOrThrow();
        // batch statistics in training, running statistics in evaluation
        branch = norm.forward(store, new NDList(branch), training).singletonOrThrow();
        return new NDList(Activation.softPlus(x.add(branch)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Layers.init(expand, manager, dataType, width);
        Layers.init(contract, manager, dataType, inner);
        Layers.init(norm, manager, dataType, width);
    }
}

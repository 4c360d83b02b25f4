package org.crystograph.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import java.util.ArrayList;
import java.util.List;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The regression head (spec section 7.4) on pooled crystal vectors.
 *
 * <p>Input: c [B, d] (mean of the atom vectors of each crystal). Output: [B, 1].
 * <pre>
 * c = LN(F_1 Softplus(c));  repeat n_fc - 1 times: c = F_k Softplus(c);  y = F_out Dropout(Softplus(c))
 * </pre>
 * Children: {@code fc0}, {@code norm}, {@code fc1} ... {@code fc(n_fc-1)}, {@code out} (and {@code dropout} when
 * p &gt; 0).
 */
public final class HeadBlock extends AbstractBlock {

    /** Parameter layout version. */
    public static final byte VERSION = 1;

    private final int width;
    private final Linear first;
    private final LayerNorm norm;
    private final List<Linear> hidden = new ArrayList<>();
    private final Linear out;
    private final Dropout dropout;

    /** Builds the head from the config (hidden, n_fc, dropout). */
    public HeadBlock(CrysToGraphConfig config) {
        super(VERSION);
        width = config.hidden();
        first = addChildBlock("fc0", Layers.linear(width, width, true));
        norm = addChildBlock("norm", Layers.layerNorm());
        for (int i = 1; i < config.headLayers(); i++) {
            hidden.add(addChildBlock("fc" + i, Layers.linear(width, width, true)));
        }
        out = addChildBlock("out", Layers.linear(width, 1, true));
        dropout = config.dropout() > 0
                ? addChildBlock("dropout", Dropout.builder().optRate(config.dropout()).build())
                : null;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray c = inputs.singletonOrThrow();
        c = first.forward(store, new NDList(Activation.softPlus(c)), training).singletonOrThrow();
        c = norm.forward(store, new NDList(c), training).singletonOrThrow();
        for (Linear layer : hidden) {
            c = layer.forward(store, new NDList(Activation.softPlus(c)), training).singletonOrThrow();
        }
        c = Activation.softPlus(c);
        if (dropout != null) {
            c = dropout.forward(store, new NDList(c), training).singletonOrThrow();
        }
        return out.forward(store, new NDList(c), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), 1)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Layers.init(first, manager, dataType, width);
        Layers.init(norm, manager, dataType, width);
        for (Linear layer : hidden) {
            Layers.init(layer, manager, dataType, width);
        }
        Layers.init(out, manager, dataType, width);
        if (dropout != null) {
            Layers.init(dropout, manager, dataType, width);
        }
    }
}

package org.crystograph.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * The graph-wise transformer (GwT, spec section 7.3): attention among all atoms of the same crystal.
 *
 * <p>Inputs: h [N, d]; e [E, de] with edge {@code k*i + r} the r-th incoming edge of atom i; neighbourMask [N, k]
 * (1 where the edge's source is not its destination); crystalGather [B*m] int64 (the atom at slot s of crystal b,
 * or N for padding, m = the batch's largest atom count); crystalMask [B, m] (1 for real atoms); atomSlot [N] int64
 * (b*m + s of each atom); atomCrystal [N] int64. Output: [N, d] (before the Softplus that follows the block).
 * <pre>
 * e^   = W_EE e                                        (de -> d, bias)
 * x~_i = h_i + mean{ e^ : dst = i, src != i }          (0 when every in-edge is a self-image)
 * Q, K, V = W_Q x~ (bias), W_K x~ (no bias), W_V x~ (bias)
 * SOFTMAX: o_i = sum_{j in crystal(i)} softmax_j(Q_i.K_j / sqrt(dh)) V_j     (per crystal block [m, m])
 * SUM:     o_i = sum_{j in crystal(i)} V_j
 * z = x~ + LN(L_O o);   out = z + LN(F2 GELU(F1 z)) + b
 * </pre>
 * Attention is computed per crystal on a [B, heads, m, m] tensor with padded keys masked out; no [N, N] mask.
 */
public final class GraphTransformerBlock extends AbstractBlock {

    /** Parameter layout version. */
    public static final byte VERSION = 1;

    /** Additive score for padded keys: exp underflows to exactly 0. */
    private static final double MASKED_SCORE = -1e9;

    private final CrysToGraphConfig config;
    private final Linear edgeProjection;
    private final Linear query;
    private final Linear key;
    private final Linear value;
    private final Linear output;
    private final LayerNorm attentionNorm;
    private final Linear expand;
    private final Linear contract;
    private final LayerNorm ffnNorm;
    private final Parameter bias;

    /** Builds the GwT from the config (hidden, GwT heads and FFN width, mode). */
    public GraphTransformerBlock(CrysToGraphConfig config) {
        super(VERSION);
        this.config = config;
        int d = config.hidden();
        edgeProjection = addChildBlock("edgeProjection", Layers.glorotLinear(config.edgeFeatureWidth(), d, true));
        query = addChildBlock("query", Layers.glorotLinear(d, d, true));
        key = addChildBlock("key", Layers.glorotLinear(d, d, false));
        value = addChildBlock("value", Layers.glorotLinear(d, d, true));
        output = addChildBlock("output", Layers.linear(d, d, true));
        attentionNorm = addChildBlock("attentionNorm", Layers.layerNorm());
        expand = addChildBlock("expand", Layers.linear(d, config.gwtFfnWidth(), true));
        contract = addChildBlock("contract", Layers.linear(config.gwtFfnWidth(), d, true));
        ffnNorm = addChildBlock("ffnNorm", Layers.layerNorm());
        bias = addParameter(Parameter.builder()
                .setName("bias")
                .setType(Parameter.Type.BIAS)
                .optShape(new Shape(d))
                .optInitializer(Initializer.ZEROS)
                .build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray h = inputs.get(0);
        NDArray e = inputs.get(1);
        NDArray neighbourMask = inputs.get(2);
        NDArray crystalGather = inputs.get(3);
        NDArray crystalMask = inputs.get(4);
        NDArray atomSlot = inputs.get(5);
        NDArray atomCrystal = inputs.get(6);
        long n = h.getShape().get(0);
        long k = neighbourMask.getShape().get(1);
        int d = config.hidden();

        // x~ = h + mean of projected in-edges whose source is another atom
        NDArray eHat = apply(edgeProjection, store, e, training).reshape(n, k, d);
        NDArray mask3 = neighbourMask.expandDims(2);
        NDArray count = neighbourMask.sum(new int[] {1}, true).maximum(1);
        NDArray xt = h.add(eHat.mul(mask3).sum(new int[] {1}).div(count));

        NDArray attended = attend(store, xt, crystalGather, crystalMask, atomSlot, atomCrystal, training);

        // z = x~ + LN(L_O o);  out = z + LN(F2 GELU(F1 z)) + b
        NDArray z = xt.add(apply(attentionNorm, store, apply(output, store, attended, training), training));
        NDArray ffn = apply(contract, store, Activation.gelu(apply(expand, store, z, training)), training);
        NDArray out = z.add(apply(ffnNorm, store, ffn, training)).add(Layers.value(store, bias, z, training));
        return new NDList(out);
    }

    /**
     * The attention output o [N, d] for x~ [N, d] (before L_O): softmax attention or a plain sum over each crystal.
     */
    NDArray attend(ParameterStore store, NDArray xt, NDArray crystalGather, NDArray crystalMask, NDArray atomSlot,
            NDArray atomCrystal, boolean training) {
        long batch = crystalMask.getShape().get(0);
        long slots = crystalMask.getShape().get(1);
        int d = config.hidden();
        int heads = config.gwtHeads();
        int headDim = config.gwtHeadDim();
        // per-crystal padded layout [B*m, d]: padding slots read an appended zero row
        NDArray padded = Layers.rows(xt.concat(xt.getManager().zeros(new Shape(1, d), xt.getDataType()), 0),
                crystalGather, training);
        NDArray v = apply(value, store, padded, training);
        NDArray attended;
        if (config.gwtMode() == CrysToGraphConfig.GwtMode.SOFTMAX) {
            NDArray q = heads(apply(query, store, padded, training), batch, slots, heads, headDim);
            NDArray kk = heads(apply(key, store, padded, training), batch, slots, heads, headDim);
            NDArray vv = heads(v, batch, slots, heads, headDim);
            // scores [B*heads, m, m]; padded keys get -1e9 before the softmax over keys
            NDArray scores = Layers.scale(q.batchMatMul(kk.transpose(0, 2, 1)), 1 / Math.sqrt(headDim));
            NDArray keyBias = crystalMask.sub(1).mul(-MASKED_SCORE).reshape(batch, 1, 1, slots);
            scores = scores.reshape(batch, heads, slots, slots).add(keyBias).reshape(batch * heads, slots, slots);
            NDArray o = scores.softmax(2).batchMatMul(vv); // [B*heads, m, dh]
            attended = Layers.rows(o.reshape(batch, heads, slots, headDim).transpose(0, 2, 1, 3)
                    .reshape(batch * slots, d), atomSlot, training);
        } else {
            // SUM: every atom receives the sum of the values of its crystal's atoms (Q and K unused)
            NDArray sums = v.reshape(batch, slots, d).mul(crystalMask.expandDims(2)).sum(new int[] {1});
            attended = Layers.rows(sums, atomCrystal, training);
        }

        return attended;
    }

    /** [B*m, heads*dh] -> [B*heads, m, dh]. */
    private static NDArray heads(NDArray x, long batch, long slots, int heads, int headDim) {
        return x.reshape(batch, slots, heads, headDim).transpose(0, 2, 1, 3).reshape(batch * heads, slots, headDim);
    }

    private static NDArray apply(Block block, ParameterStore store, NDArray x, boolean training) {
        return block.forward(store, new NDList(x), training).singletonOrThrow();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        int d = config.hidden();
        Layers.init(edgeProjection, manager, dataType, config.edgeFeatureWidth());
        Layers.init(query, manager, dataType, d);
        Layers.init(key, manager, dataType, d);
        Layers.init(value, manager, dataType, d);
        Layers.init(output, manager, dataType, d);
        Layers.init(attentionNorm, manager, dataType, d);
        Layers.init(expand, manager, dataType, d);
        Layers.init(contract, manager, dataType, config.gwtFfnWidth());
        Layers.init(ffnNorm, manager, dataType, d);
    }
}

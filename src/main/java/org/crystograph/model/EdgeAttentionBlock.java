package org.crystograph.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * The attention half of an eTGC layer (spec section 7.2): one attention score per (edge, head), shared by the node
 * update and the edge update ("edge-engaged").
 *
 * <p>Inputs: x [n, d] node features; y [k.n, de] features of the edges, edge {@code k*i + r} being the r-th incoming
 * edge of node i; src [k.n] int64 source node of each edge. Outputs: x' [n, d], y' [k.n, de]:
 * <pre>
 * q, k, v = W_Q x, W_K x, W_V x                        (d -> H.dk, bias)
 * e^     = W_E y                                       (de -> H.dk, no bias)
 * k^_ji  = K_E [k_i | k_j | e^_ji],  v^_ji = V_E [v_i | v_j | e^_ji]   (3dk -> dk, shared by heads)
 * a_ji   = softmax over the k in-edges of i of q_i . k^_ji / sqrt(dk)
 * x'_i   = x_i + LN_d(FCN(|_h sum_j a_ji v^_ji))
 * y'_ji  = y_ji + LN_de(FCE(|_h a_ji e^_ji))
 * </pre>
 * Evaluated folded by linearity (exact up to rounding), so that no per-edge array of width H.dk is built for the
 * attention. With {@code K_E[a|b|c] = K1 a + K2 b + K3 c + b_KE} (likewise V_E) and k_j = W_K x_j + b_K:
 * <pre>
 * q_i . k^_ji        = (W_K^T K2^T q_i) . x_j + (W_E^T K3^T q_i) . y_ji + [q_i . (K1 k_i + K2 b_K + b_KE)]
 * sum_j a_ji v^_ji   = V2 W_V (sum_j a_ji x_j) + V3 W_E (sum_j a_ji y_ji) + V1 W_V x_i + (V1 + V2) b_V + b_VE
 * </pre>
 * per head. The bracketed term is the same for every in-edge of i and cancels in the softmax, so K1, b_KE and b_K get
 * no gradient (as in the spec's own formulation). The scores are batched products of each node's in-edges' x_j and
 * y_ji with per-node, per-head vectors, and the weighted sums pool x_j and y_ji before projecting. When
 * de < 2 dk (the line graph) the edge update is evaluated the same way (see {@link #edgeUpdate}). With the
 * {@link EtgcBlock#SKIP_EDGE_UPDATE} forward parameter the edge update is not computed and y is returned unchanged.
 */
public final class EdgeAttentionBlock extends AbstractBlock implements WeightCache.Holder {

    /** Parameter layout version. */
    public static final byte VERSION = 1;

    private static final int NEIGHBOUR_KEY = 0;
    private static final int EDGE_KEY = 1;
    private static final int NEIGHBOUR_VALUE = 2;
    private static final int EDGE_VALUE = 3;
    private static final int VALUE_BIAS = 4;
    private static final int SELF_MAP = 5;
    private static final int EDGE_UPDATE_WEIGHT = 6;
    private static final int EDGE_UPDATE_BIAS = 7;
    private static final int FOLDED_COUNT = 8;

    private final WeightCache folded = new WeightCache();

    private final int nodeWidth;
    private final int edgeWidth;
    private final int heads;
    private final int headDim;
    private final Linear query;
    private final Linear key;
    private final Linear value;
    private final Linear edgeProjection;
    private final Linear keyEdge;
    private final Linear valueEdge;
    private final Linear nodeOut;
    private final Linear edgeOut;
    private final LayerNorm nodeNorm;
    private final LayerNorm edgeNorm;

    /**
     * @param nodeWidth d
     * @param edgeWidth d_e
     * @param heads H
     * @param headDim d_k
     */
    public EdgeAttentionBlock(int nodeWidth, int edgeWidth, int heads, int headDim) {
        super(VERSION);
        this.nodeWidth = nodeWidth;
        this.edgeWidth = edgeWidth;
        this.heads = heads;
        this.headDim = headDim;
        int width = heads * headDim;
        query = addChildBlock("query", Layers.linear(nodeWidth, width, true));
        key = addChildBlock("key", Layers.linear(nodeWidth, width, true));
        value = addChildBlock("value", Layers.linear(nodeWidth, width, true));
        edgeProjection = addChildBlock("edgeProjection", Layers.linear(edgeWidth, width, false));
        keyEdge = addChildBlock("keyEdge", Layers.linear(3 * headDim, headDim, true));
        valueEdge = addChildBlock("valueEdge", Layers.linear(3 * headDim, headDim, true));
        nodeOut = addChildBlock("nodeOut", Layers.linear(width, nodeWidth, true));
        edgeOut = addChildBlock("edgeOut", Layers.linear(width, edgeWidth, true));
        nodeNorm = addChildBlock("nodeNorm", Layers.layerNorm());
        edgeNorm = addChildBlock("edgeNorm", Layers.layerNorm());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray y = inputs.get(1);
        NDArray src = inputs.get(2);
        long n = x.getShape().get(0);
        long k = y.getShape().get(0) / Math.max(n, 1);
        int width = heads * headDim;
        NDManager mgr = x.getManager();

        // the per-head products of the weights (computed once per weights in evaluation, see WeightCache)
        NDList w = folded.get(foldedSources(), training, () -> fold(store, x, training, mgr));

        // the k incoming edges of each node: source node features [n, k, d] and edge features [n, k, de]
        NDArray neighbours = Layers.rows(x, src, training).reshape(n, k, nodeWidth);
        NDArray edges = y.reshape(n, k, edgeWidth);

        // scores: q_i . (K2 W_K x_j + K3 W_E y_ji) per head, from a d- and a de-vector per node and head; the terms
        // q_i . (K1 k_i + K2 b_K + b) are the same for all in-edges of i and cancel in the softmax
        NDArray q = apply(query, store, x, training).reshape(n, heads, headDim).transpose(1, 0, 2); // [H, n, dk]
        NDArray neighbourQuery = q.matMul(w.get(NEIGHBOUR_KEY)).transpose(1, 2, 0); // [n, d, H]
        NDArray edgeQuery = q.matMul(w.get(EDGE_KEY)).transpose(1, 2, 0); // [n, de, H]
        NDArray scores = Layers.scale(neighbours.matMul(neighbourQuery).add(edges.matMul(edgeQuery)),
                1 / Math.sqrt(headDim)); // [n, k, H]
        // softmax over the k incoming edges of each node (max-subtracted by the engine)
        NDArray alpha = scores.softmax(1);
        NDArray alphaT = alpha.transpose(0, 2, 1); // [n, H, k]

        // sum_j a_ji v^_ji = V1 W_V x_i + V2 W_V (sum_j a_ji x_j) + V3 W_E (sum_j a_ji y_ji) + (V1 + V2) b_V + b
        NDArray aggregated = alphaT.matMul(neighbours).transpose(1, 0, 2) // [H, n, d]
                .matMul(w.get(NEIGHBOUR_VALUE))
                .add(alphaT.matMul(edges).transpose(1, 0, 2).matMul(w.get(EDGE_VALUE))) // [H, n, dk]
                .add(w.get(VALUE_BIAS))
                .transpose(1, 0, 2)
                .reshape(n, width)
                .add(x.matMul(w.get(SELF_MAP)));

        // node update: x' = x + LN(FCN(concat_h sum_j a v^))
        NDArray xNew = x.add(apply(nodeNorm, store, apply(nodeOut, store, aggregated, training), training));
        if (EtgcBlock.skipsEdgeUpdate(params)) {
            return new NDList(xNew, y);
        }

        // edge update: y' = y + LN(FCE(concat_h a e^))
        NDArray yNew = y.add(apply(edgeNorm, store, edgeUpdate(store, y, alpha, training, w), training));
        return new NDList(xNew, yNew);
    }

    /**
     * {@code FCE(concat_h a_h W_E,h y)} for every edge, from y [k.n, de] and a [n, k, H]. When de < 2 dk (the line
     * graph: 30 < 48) it is evaluated as {@code sum_h a_h (FCE_h W_E,h) y = (a outer y) G}, one product of width
     * H.de instead of two of width H.dk with an [k.n, H.dk] array between them.
     */
    private NDArray edgeUpdate(ParameterStore store, NDArray y, NDArray alpha, boolean training, NDList w) {
        long edges = y.getShape().get(0);
        int width = heads * headDim;
        if (!outerEdgeUpdate()) {
            NDArray weighted = apply(edgeProjection, store, y, training).reshape(edges, heads, headDim)
                    .mul(alpha.reshape(edges, heads, 1));
            return apply(edgeOut, store, weighted.reshape(edges, width), training);
        }
        NDArray outer = alpha.reshape(edges, heads, 1).mul(y.reshape(edges, 1, edgeWidth));
        return AlignedLinear.paddedProduct(outer.reshape(edges, heads * edgeWidth), w.get(EDGE_UPDATE_WEIGHT),
                w.get(EDGE_UPDATE_BIAS), edgeWidth);
    }

    /** Whether the edge update is evaluated as (a outer y) G: when de < 2 dk (the line graph). */
    private boolean outerEdgeUpdate() {
        return edgeWidth < 2 * headDim;
    }

    /** The weight arrays {@link #fold} reads, in a fixed order. */
    private List<NDArray> foldedSources() {
        List<NDArray> sources = new ArrayList<>();
        for (Linear l : new Linear[] {key, value, edgeProjection, keyEdge, valueEdge, edgeOut}) {
            for (var p : l.getParameters()) {
                sources.add(p.getValue().getArray());
            }
        }
        return sources;
    }

    /**
     * The arrays of the folded evaluation that depend on the weights only, at the indices {@link #NEIGHBOUR_KEY} ...
     * {@link #EDGE_UPDATE_BIAS}: K2 W_K and K3 W_E per head [H, dk, d|de]; (V2 W_V)^T and (V3 W_E)^T per head
     * [H, d|de, dk]; the value bias (V1 + V2) b_V + b [H, 1, dk]; (V1 W_V)^T [d, H.dk]; for the outer-product edge
     * update G^T padded for the matrix kernels and FCE's padded bias (null otherwise).
     */
    private NDList fold(ParameterStore store, NDArray x, boolean training, NDManager mgr) {
        int width = heads * headDim;
        // weights per head: W_K, W_V [H, dk, d], W_E [H, dk, de], b_V [H, dk]; K_E and V_E split into K1, K2, K3, b
        NDArray keyWeight = perHead(store, key, x, training, nodeWidth);
        NDArray valueWeight = perHead(store, value, x, training, nodeWidth);
        NDArray edgeWeight = perHead(store, edgeProjection, x, training, edgeWidth);
        NDArray valueBias = Layers.value(store, value.getParameters().get("bias"), x, training)
                .reshape(heads, headDim);
        NDArray[] kw = split(store, keyEdge, x, training, mgr);
        NDArray[] vw = split(store, valueEdge, x, training, mgr);
        NDList w = new NDList(FOLDED_COUNT);
        w.add(perHeadProduct(kw[1], keyWeight));
        w.add(perHeadProduct(kw[2], edgeWeight));
        w.add(perHeadProduct(vw[1], valueWeight).transpose(0, 2, 1));
        w.add(perHeadProduct(vw[2], edgeWeight).transpose(0, 2, 1));
        w.add(valueBias.matMul(vw[0].add(vw[1]).transpose()).add(vw[3]).reshape(heads, 1, headDim));
        w.add(perHeadProduct(vw[0], valueWeight).reshape(width, nodeWidth).transpose());
        if (outerEdgeUpdate()) {
            // G_h = FCE_h W_E,h [H, de, de], as G^T [de, H.de]
            NDArray outWeight = Layers.value(store, edgeOut.getParameters().get("weight"), x, training) // [de, H.dk]
                    .reshape(edgeWidth, heads, headDim).transpose(1, 0, 2); // [H, de, dk]
            NDArray outBias = Layers.value(store, edgeOut.getParameters().get("bias"), x, training);
            NDArray g = outWeight.matMul(edgeWeight).transpose(1, 0, 2).reshape(edgeWidth, heads * edgeWidth);
            w.add(AlignedLinear.padWeight(g, mgr));
            w.add(AlignedLinear.padBias(outBias, mgr));
        } else {
            w.add(null);
            w.add(null);
        }
        return w;
    }

    @Override
    public void weightsChanged() {
        folded.clear();
    }

    /**
     * {@code m w_h} for every head h: m [dk, dk], w [H, dk, in] -> [H, dk, in], as one 2-D product. libtorch's
     * {@code matmul} of a 2-D by a 3-D array takes a different path (and rounds differently) depending on whether
     * the 2-D array requires a gradient, so a trained network and the same weights loaded from a checkpoint would
     * disagree in the last bits.
     */
    private NDArray perHeadProduct(NDArray m, NDArray w) {
        long in = w.getShape().get(2);
        NDArray product = m.matMul(w.transpose(1, 0, 2).reshape(headDim, heads * in)); // [dk, H.in]
        return product.reshape(headDim, heads, in).transpose(1, 0, 2);
    }

    /** A projection's weight [H.dk, in] as one [dk, in] block per head: [H, dk, in]. */
    private NDArray perHead(ParameterStore store, Linear projection, NDArray like, boolean training, int in) {
        return Layers.value(store, projection.getParameters().get("weight"), like, training)
                .reshape(heads, headDim, in);
    }

    /**
     * The three dk x dk blocks of a {@code 3dk -> dk} projection's weight (acting on the centre part, the neighbour
     * part and the edge part) and its bias, as arrays of the batch's manager.
     */
    private NDArray[] split(ParameterStore store, Linear projection, NDArray like, boolean training, NDManager mgr) {
        Parameter weightParam = projection.getParameters().get("weight");
        Parameter biasParam = projection.getParameters().get("bias");
        NDArray weight = Layers.value(store, weightParam, like, training); // [dk, 3dk]
        NDArray bias = Layers.value(store, biasParam, like, training); // [dk]
        return new NDArray[] {
            weight.get(mgr, new NDIndex(":, 0:{}", headDim)),
            weight.get(mgr, new NDIndex(":, {}:{}", headDim, 2 * headDim)),
            weight.get(mgr, new NDIndex(":, {}:", 2 * headDim)),
            bias.get(mgr, new NDIndex(":"))
        };
    }

    private static NDArray apply(ai.djl.nn.Block block, ParameterStore store, NDArray x, boolean training) {
        return block.forward(store, new NDList(x), training).singletonOrThrow();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0], inputShapes[1]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        int width = heads * headDim;
        Layers.init(query, manager, dataType, nodeWidth);
        Layers.init(key, manager, dataType, nodeWidth);
        Layers.init(value, manager, dataType, nodeWidth);
        Layers.init(edgeProjection, manager, dataType, edgeWidth);
        Layers.init(keyEdge, manager, dataType, 3 * headDim);
        Layers.init(valueEdge, manager, dataType, 3 * headDim);
        Layers.init(nodeOut, manager, dataType, width);
        Layers.init(edgeOut, manager, dataType, width);
        Layers.init(nodeNorm, manager, dataType, nodeWidth);
        Layers.init(edgeNorm, manager, dataType, edgeWidth);
    }
}

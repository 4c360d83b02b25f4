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
 * K_E and V_E are evaluated split and folded by linearity (exact): {@code K_E[a|b|c] = K1 a + K2 b + K3 c + bias},
 * so {@code q_i . k^_ji = q_i.K1 k_i + q_i.bias + (K2^T q_i).k_j + (K3^T q_i).e^_ji} and
 * {@code sum_j a_ji v^_ji = V1 v_i + V2 sum_j a_ji v_j + V3 sum_j a_ji e^_ji + bias}: the dk x dk products run per
 * node, never per edge, and neither a [k.n, 3dk] concatenation nor the [k.n, H, dk] tensors k^ and v^ are built. With the
 * {@link EtgcBlock#SKIP_EDGE_UPDATE} forward parameter the edge update is not computed and y is returned unchanged.
 */
public final class EdgeAttentionBlock extends AbstractBlock {

    /** Parameter layout version. */
    public static final byte VERSION = 1;

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

        // per-node projections, split into heads: [n, H, dk]
        NDArray q = apply(query, store, x, training).reshape(n, heads, headDim);
        NDArray kNode = apply(key, store, x, training).reshape(n, heads, headDim);
        NDArray vNode = apply(value, store, x, training).reshape(n, heads, headDim);
        // edge projection: [k.n, H, dk], viewed as [n, k, H, dk]
        NDArray eHat = apply(edgeProjection, store, y, training).reshape(n, k, heads, headDim);
        NDManager mgr = x.getManager();

        // score_ji = q_i . (K1 k_i + K2 k_j + K3 e^_ji + bK)
        //          = q_i.K1 k_i + q_i.bK + (K2^T q_i) . k_j + (K3^T q_i) . e^_ji      (exact, by linearity)
        NDArray[] kw = split(store, keyEdge, x, training, mgr);
        NDArray selfScore = q.mul(kNode.matMul(kw[0].transpose())).sum(new int[] {2})
                .add(q.matMul(kw[3])); // [n, H]
        NDArray qK2 = q.matMul(kw[1]).reshape(n, 1, heads, headDim);
        NDArray qK3 = q.matMul(kw[2]).reshape(n, 1, heads, headDim);
        NDArray kNeighbour = kNode.get(new NDIndex("{}", src)).reshape(n, k, heads, headDim);
        NDArray scores = Layers.scale(kNeighbour.mul(qK2).sum(new int[] {3})
                .add(eHat.mul(qK3).sum(new int[] {3}))
                .add(selfScore.reshape(n, 1, heads)), 1 / Math.sqrt(headDim)); // [n, k, H]
        // softmax over the k incoming edges of each node (max-subtracted by the engine)
        NDArray alpha = scores.softmax(1).expandDims(3); // [n, k, H, 1]

        // sum_j a_ji v^_ji = V1 v_i + V2 (sum_j a_ji v_j) + V3 (sum_j a_ji e^_ji) + bV     (sum_j a_ji = 1)
        NDArray[] vw = split(store, valueEdge, x, training, mgr);
        NDArray weightedEdges = eHat.mul(alpha); // [n, k, H, dk], also the edge update's input
        NDArray vSum = vNode.get(new NDIndex("{}", src)).reshape(n, k, heads, headDim).mul(alpha)
                .sum(new int[] {1});
        NDArray aggregated = vNode.matMul(vw[0].transpose())
                .add(vSum.matMul(vw[1].transpose()))
                .add(weightedEdges.sum(new int[] {1}).matMul(vw[2].transpose()))
                .add(vw[3])
                .reshape(n, width);

        // node update: x' = x + LN(FCN(concat_h sum_j a v^))
        NDArray xNew = x.add(apply(nodeNorm, store, apply(nodeOut, store, aggregated, training), training));
        if (EtgcBlock.skipsEdgeUpdate(params)) {
            return new NDList(xNew, y);
        }

        // edge update: y' = y + LN(FCE(concat_h a e^))
        NDArray yNew = y.add(apply(edgeNorm, store, apply(edgeOut, store, weightedEdges.reshape(n * k, width),
                training), training));
        return new NDList(xNew, yNew);
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

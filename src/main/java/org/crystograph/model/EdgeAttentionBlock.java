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
 * K_E and V_E are evaluated split (exact): {@code K_E[a|b|c] = K1 a + K2 b + K3 c + bias}, the K1 and K2 parts per
 * node and then broadcast (centre) or gathered (neighbour), so no [k.n, 3dk] concatenation is built. With the
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
        NDArray q = apply(query, store, x, training).reshape(n, 1, heads, headDim);
        NDArray kNode = apply(key, store, x, training).reshape(n, heads, headDim);
        NDArray vNode = apply(value, store, x, training).reshape(n, heads, headDim);
        // edge projection: [k.n, H, dk]
        NDArray eHat = apply(edgeProjection, store, y, training).reshape(n * k, heads, headDim);

        // k^ = K1 k_centre + K2 k_neighbour + K3 e^ + b, laid out [n, k, H, dk]
        NDArray kHat = splitProjection(store, keyEdge, kNode, eHat, src, n, k, x, training);
        NDArray vHat = splitProjection(store, valueEdge, vNode, eHat, src, n, k, x, training);

        // scores [n, k, H], softmax over the k incoming edges of each node (max-subtracted by the engine)
        NDArray scores = q.mul(kHat).sum(new int[] {3}).div(Math.sqrt(headDim));
        NDArray alpha = scores.softmax(1).expandDims(3);

        // node update: x' = x + LN(FCN(concat_h sum_j a v^))
        NDArray aggregated = vHat.mul(alpha).sum(new int[] {1}).reshape(n, width);
        NDArray xNew = x.add(apply(nodeNorm, store, apply(nodeOut, store, aggregated, training), training));
        if (EtgcBlock.skipsEdgeUpdate(params)) {
            return new NDList(xNew, y);
        }

        // edge update: y' = y + LN(FCE(concat_h a e^))
        NDArray weightedEdges = eHat.reshape(n, k, heads, headDim).mul(alpha).reshape(n * k, width);
        NDArray yNew = y.add(apply(edgeNorm, store, apply(edgeOut, store, weightedEdges, training), training));
        return new NDList(xNew, yNew);
    }

    /**
     * {@code P[a | b | c] + bias} for a = node part of the centre, b = node part of the neighbour, c = e^, with the
     * weight of P split into three dk x dk blocks. Returns [n, k, H, dk].
     */
    private NDArray splitProjection(ParameterStore store, Linear projection, NDArray perNode, NDArray eHat,
            NDArray src, long n, long k, NDArray like, boolean training) {
        Parameter weightParam = projection.getParameters().get("weight");
        Parameter biasParam = projection.getParameters().get("bias");
        NDArray weight = Layers.value(store, weightParam, like, training); // [dk, 3dk]
        NDArray bias = Layers.value(store, biasParam, like, training); // [dk]
        NDArray centrePart = weight.get(like.getManager(), new NDIndex(":, 0:{}", headDim)).transpose();
        NDArray neighbourPart = weight.get(like.getManager(), new NDIndex(":, {}:{}", headDim, 2 * headDim)).transpose();
        NDArray edgePart = weight.get(like.getManager(), new NDIndex(":, {}:", 2 * headDim)).transpose();
        NDArray centre = perNode.matMul(centrePart).reshape(n, 1, heads, headDim);
        NDArray neighbour = perNode.matMul(neighbourPart).get(new NDIndex("{}", src)); // [k.n, H, dk]
        NDArray edge = eHat.matMul(edgePart); // [k.n, H, dk]
        return neighbour.add(edge).add(bias).reshape(n, k, heads, headDim).add(centre);
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

package org.crystograph.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One edge-engaged transformer graph convolution (eTGC, spec section 7.2): attention with a score shared by the node
 * and edge updates, then a batch-normalised feed-forward update of nodes and of edges.
 *
 * <p>Inputs: x [n, d]; y [k.n, de] (edge {@code k*i + r} = r-th incoming edge of node i); src [k.n] int64.
 * Outputs: x'' [n, d], y'' [k.n, de]. On the crystal graph the nodes are atoms (d = hidden, de = 76); on the line
 * graph they are the crystal graph's edges (d = 76, de = 30). Children: {@code attention}, {@code nodeFfn},
 * {@code edgeFfn}.
 */
public final class EtgcBlock extends AbstractBlock {

    /** Parameter layout version. */
    public static final byte VERSION = 1;

    /**
     * Forward parameter: compute the node update only and return y unchanged, for layers whose edge output nothing
     * reads (the last line eTGC, or every line eTGC under {@code angleUpdate = FROZEN}). Outputs are identical to a
     * full pass for everything that is used.
     */
    public static final String SKIP_EDGE_UPDATE = "skipEdgeUpdate";

    private final int nodeWidth;
    private final int edgeWidth;
    private final EdgeAttentionBlock attention;
    private final FeedForwardBlock nodeFfn;
    private final FeedForwardBlock edgeFfn;

    /**
     * @param nodeWidth d
     * @param edgeWidth d_e
     * @param heads H
     * @param headDim d_k
     * @param ffnMultiplier feed-forward expansion (4)
     */
    public EtgcBlock(int nodeWidth, int edgeWidth, int heads, int headDim, int ffnMultiplier) {
        super(VERSION);
        this.nodeWidth = nodeWidth;
        this.edgeWidth = edgeWidth;
        attention = addChildBlock("attention", new EdgeAttentionBlock(nodeWidth, edgeWidth, heads, headDim));
        nodeFfn = addChildBlock("nodeFfn", new FeedForwardBlock(nodeWidth, ffnMultiplier * nodeWidth));
        edgeFfn = addChildBlock("edgeFfn", new FeedForwardBlock(edgeWidth, ffnMultiplier * edgeWidth));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        // shared-score attention: (x', y')
        NDList updated = Layers.forwardScoped(attention, store, inputs, training, params);
        // x'' = Softplus(x' + BN(W2 GELU(W1 x'))), same for y'
        NDList nodes = Layers.forwardScoped(nodeFfn, store, new NDList(updated.get(0)), training, null);
        if (skipsEdgeUpdate(params)) {
            return new NDList(nodes.singletonOrThrow(), inputs.get(1));
        }
        NDList edges = Layers.forwardScoped(edgeFfn, store, new NDList(updated.get(1)), training, null);
        return new NDList(nodes.singletonOrThrow(), edges.singletonOrThrow());
    }

    /** The parameter list that asks for the node update only. */
    public static PairList<String, Object> nodeUpdateOnly() {
        PairList<String, Object> params = new PairList<>();
        params.add(SKIP_EDGE_UPDATE, Boolean.TRUE);
        return params;
    }

    static boolean skipsEdgeUpdate(PairList<String, Object> params) {
        return params != null && Boolean.TRUE.equals(params.get(SKIP_EDGE_UPDATE));
    }

    /** The attention child. */
    public EdgeAttentionBlock attention() {
        return attention;
    }

    /** The node feed-forward child. */
    public FeedForwardBlock nodeFfn() {
        return nodeFfn;
    }

    /** The edge feed-forward child. */
    public FeedForwardBlock edgeFfn() {
        return edgeFfn;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0], inputShapes[1]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        attention.initialize(manager, dataType, new Shape(1, nodeWidth), new Shape(1, edgeWidth), new Shape(1));
        Layers.init(nodeFfn, manager, dataType, nodeWidth);
        Layers.init(edgeFfn, manager, dataType, edgeWidth);
    }
}

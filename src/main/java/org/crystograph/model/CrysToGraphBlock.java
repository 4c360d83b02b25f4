package org.crystograph.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole CrysToGraph network (spec section 7.1) on a ragged batch from {@link GraphBatch}.
 *
 * <p>Inputs: the {@link GraphBatch#toNDList} arrays (N atoms, E = k.N edges, L = k.E line edges, B crystals).
 * Output: [B] predictions in the model's target units (standardised when the checkpoint says so).
 * <pre>
 * x = [descriptor | embedding]  h = A_in x  e = E_in edgeFeat  t = T_in lineFeat  p = P_in pe
 * for l: (e, t') = eTGC_line_l(e, t);  t = t' if PROPAGATE;  (h, e) = eTGC_node_l(h, e)
 * h = BN(h);  e = BN(e);  h = h + p
 * for g: h = Softplus(GwT_g(h, e))
 * y = Head(mean of h over each crystal's atoms)
 * </pre>
 * Children (stable names): {@code embedding} (LEARNED_64 only), {@code input}, {@code line0}, {@code node0}, ...,
 * {@code nodeNorm}, {@code edgeNorm}, {@code gwt0}, ..., {@code head}.
 */
public final class CrysToGraphBlock extends AbstractBlock {

    /** Parameter layout version of the whole network; recorded in checkpoints. */
    public static final byte VERSION = 1;

    private final CrysToGraphConfig config;
    private final AtomEmbeddingBlock embedding;
    private final InputProjectionBlock input;
    private final List<EtgcBlock> lineLayers = new ArrayList<>();
    private final List<EtgcBlock> nodeLayers = new ArrayList<>();
    private final BatchNorm nodeNorm;
    private final BatchNorm edgeNorm;
    private final List<GraphTransformerBlock> transformers = new ArrayList<>();
    private final HeadBlock head;

    /** Builds every child from the config. */
    public CrysToGraphBlock(CrysToGraphConfig config) {
        super(VERSION);
        this.config = config;
        embedding = config.atomEmbedding() == CrysToGraphConfig.AtomEmbedding.LEARNED_64
                ? addChildBlock("embedding", new AtomEmbeddingBlock(config.numElements(), config.embeddingWidth()))
                : null;
        input = addChildBlock("input", new InputProjectionBlock(config));
        for (int l = 0; l < config.convLayers(); l++) {
            lineLayers.add(addChildBlock("line" + l, new EtgcBlock(config.edgeFeatureWidth(),
                    config.lineFeatureWidth(), config.lineHeads(), config.lineHeadDim(), config.ffnMultiplier())));
            nodeLayers.add(addChildBlock("node" + l, new EtgcBlock(config.hidden(), config.edgeFeatureWidth(),
                    config.heads(), config.headDim(), config.ffnMultiplier())));
        }
        nodeNorm = addChildBlock("nodeNorm", Layers.batchNorm());
        edgeNorm = addChildBlock("edgeNorm", Layers.batchNorm());
        for (int g = 0; g < config.transformerLayers(); g++) {
            transformers.add(addChildBlock("gwt" + g, new GraphTransformerBlock(config)));
        }
        head = addChildBlock("head", new HeadBlock(config));
    }

    /** The configuration this network was built from. */
    public CrysToGraphConfig config() {
        return config;
    }

    /** Initialises all parameters (seed the engine first for reproducible weights). */
    public void initialize(NDManager manager, DataType dataType) {
        initialize(manager, dataType, GraphBatch.inputShapes(config));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray descriptor = inputs.get(GraphBatch.ATOM_DESCRIPTOR);
        NDArray crystalGather = inputs.get(GraphBatch.CRYSTAL_GATHER);
        NDArray crystalMask = inputs.get(GraphBatch.CRYSTAL_MASK);
        long batch = crystalMask.getShape().get(0);
        long slots = crystalMask.getShape().get(1);

        // node input x = [descriptor | occupancy-weighted embedding]
        NDArray x = descriptor;
        if (embedding != null) {
            NDArray emb = embedding.forward(store, new NDList(inputs.get(GraphBatch.COMPOSITION)), training)
                    .singletonOrThrow();
            x = descriptor.concat(emb, 1);
        }
        // input projections
        NDList projected = Layers.forwardScoped(input, store, new NDList(x, inputs.get(GraphBatch.EDGE_FEATURES),
                inputs.get(GraphBatch.LINE_FEATURES), inputs.get(GraphBatch.POSITIONAL_ENCODING)), training, null);
        NDArray h = projected.get(0);
        NDArray e = projected.get(1);
        NDArray t = projected.get(2);
        NDArray p = projected.get(3);

        // eTGC stack: line graph (edges as nodes, angles as edges), then crystal graph
        for (int l = 0; l < lineLayers.size(); l++) {
            // the angle output is read only by a next line layer under PROPAGATE: otherwise skip computing it
            boolean anglesUsed = config.angleUpdate() == CrysToGraphConfig.AngleUpdate.PROPAGATE
                    && l + 1 < lineLayers.size();
            NDList line = Layers.forwardScoped(lineLayers.get(l), store,
                    new NDList(e, t, inputs.get(GraphBatch.LINE_SOURCE)), training,
                    anglesUsed ? null : EtgcBlock.nodeUpdateOnly());
            e = line.get(0);
            if (config.angleUpdate() == CrysToGraphConfig.AngleUpdate.PROPAGATE) {
                t = line.get(1);
            }
            NDList node = Layers.forwardScoped(nodeLayers.get(l), store,
                    new NDList(h, e, inputs.get(GraphBatch.EDGE_SOURCE)), training, null);
            h = node.get(0);
            e = node.get(1);
        }

        // post-stack batch norms, then positional encodings added
        h = apply(nodeNorm, store, h, training).add(p);
        e = apply(edgeNorm, store, e, training);

        // graph-wise transformers
        for (GraphTransformerBlock gwt : transformers) {
            NDList gwtInputs = new NDList(h, e, inputs.get(GraphBatch.NEIGHBOUR_MASK), crystalGather, crystalMask,
                    inputs.get(GraphBatch.ATOM_SLOT), inputs.get(GraphBatch.ATOM_CRYSTAL));
            h = Activation.softPlus(Layers.forwardScoped(gwt, store, gwtInputs, training, null).singletonOrThrow());
        }

        // mean over each crystal's atoms through the padded [B, m, d] layout (padding rows are zero)
        int d = config.hidden();
        NDArray padded = Layers.rows(h.concat(h.getManager().zeros(new Shape(1, d), h.getDataType()), 0),
                crystalGather, training).reshape(batch, slots, d);
        NDArray pooled = padded.sum(new int[] {1}).div(crystalMask.sum(new int[] {1}, true));
        NDArray y = head.forward(store, new NDList(pooled), training).singletonOrThrow();
        return new NDList(y.reshape(batch));
    }

    private static NDArray apply(Block block, ParameterStore store, NDArray x, boolean training) {
        return block.forward(store, new NDList(x), training).singletonOrThrow();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[GraphBatch.CRYSTAL_MASK].get(0))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        if (embedding != null) {
            embedding.initialize(manager, dataType, new Shape(1, config.numElements()));
        }
        input.initialize(manager, dataType, new Shape(1, config.atomInputWidth()),
                new Shape(1, config.edgeFeatureWidth()), new Shape(1, config.lineFeatureWidth()),
                new Shape(1, config.positionalEncodingWidth()));
        for (int l = 0; l < lineLayers.size(); l++) {
            lineLayers.get(l).initialize(manager, dataType, new Shape(1, config.edgeFeatureWidth()),
                    new Shape(1, config.lineFeatureWidth()), new Shape(1));
            nodeLayers.get(l).initialize(manager, dataType, new Shape(1, config.hidden()),
                    new Shape(1, config.edgeFeatureWidth()), new Shape(1));
        }
        Layers.init(nodeNorm, manager, dataType, config.hidden());
        Layers.init(edgeNorm, manager, dataType, config.edgeFeatureWidth());
        for (GraphTransformerBlock gwt : transformers) {
            gwt.initialize(manager, dataType, GraphBatch.inputShapes(config));
        }
        head.initialize(manager, dataType, new Shape(1, config.hidden()));
    }
}

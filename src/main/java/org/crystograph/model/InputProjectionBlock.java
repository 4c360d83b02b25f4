package org.crystograph.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The four input projections (spec section 7.1): {@code h = A_in x}, {@code e = E_in edgeFeat},
 * {@code t = T_in lineFeat}, {@code p = P_in pe}.
 *
 * <p>Inputs: x [N, atomInput], edge features [E, 76], line features [L, 30], positional encodings [N, 40].
 * Outputs: h [N, hidden], e [E, 76], t [L, 30], p [N, hidden]. Children: {@code atom}, {@code edge}, {@code line},
 * {@code pe}.
 */
public final class InputProjectionBlock extends AbstractBlock {

    /** Parameter layout version. */
    public static final byte VERSION = 1;

    private final CrysToGraphConfig config;
    private final Linear atom;
    private final Linear edge;
    private final Linear line;
    private final Linear pe;

    /** Builds the projections from the config. */
    public InputProjectionBlock(CrysToGraphConfig config) {
        super(VERSION);
        this.config = config;
        atom = addChildBlock("atom", Layers.linear(config.atomInputWidth(), config.hidden(), true));
        edge = addChildBlock("edge", Layers.linear(config.edgeFeatureWidth(), config.edgeFeatureWidth(), true));
        line = addChildBlock("line", Layers.linear(config.lineFeatureWidth(), config.lineFeatureWidth(), true));
        pe = addChildBlock("pe", Layers.linear(config.positionalEncodingWidth(), config.hidden(), true));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(
                atom.forward(store, new NDList(inputs.get(0)), training).singletonOrThrow(),
                edge.forward(store, new NDList(inputs.get(1)), training).singletonOrThrow(),
                line.forward(store, new NDList(inputs.get(2)), training).singletonOrThrow(),
                pe.forward(store, new NDList(inputs.get(3)), training).singletonOrThrow());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) {
        return new Shape[] {
            new Shape(in[0].get(0), config.hidden()), in[1], in[2], new Shape(in[3].get(0), config.hidden())
        };
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Layers.init(atom, manager, dataType, config.atomInputWidth());
        Layers.init(edge, manager, dataType, config.edgeFeatureWidth());
        Layers.init(line, manager, dataType, config.lineFeatureWidth());
        Layers.init(pe, manager, dataType, config.positionalEncodingWidth());
    }
}

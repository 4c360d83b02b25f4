package org.crystograph.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The learned element embedding (spec section 6, {@code LEARNED_64}): a [elements, 64] table initialised N(0, 1).
 *
 * <p>Input: composition [n, elements], the occupancy of element Z at site i in column Z-1 (one 1 per row for an
 * ordered site). Output: [n, 64], the occupancy-weighted sum of the embeddings of each site's species.
 */
public final class AtomEmbeddingBlock extends AbstractBlock {

    /** Parameter layout version. */
    public static final byte VERSION = 1;

    private final int elements;
    private final int width;
    private final Parameter table;

    /**
     * @param elements rows of the table (100: Z = 1..100)
     * @param width embedding width (64)
     */
    public AtomEmbeddingBlock(int elements, int width) {
        super(VERSION);
        this.elements = elements;
        this.width = width;
        table = addParameter(Parameter.builder()
                .setName("table")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(elements, width))
                .optInitializer(Layers.standardNormal())
                .build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray composition = inputs.singletonOrThrow();
        NDArray weights = Layers.value(store, table, composition, training);
        // sum_s occ_s * emb(Z_s) as one [n, elements] x [elements, width] product
        return new NDList(composition.matMul(weights));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), width)};
    }

    /** Rows of the table. */
    public int elements() {
        return elements;
    }
}

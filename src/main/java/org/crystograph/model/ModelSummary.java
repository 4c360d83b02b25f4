package org.crystograph.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.List;

/** Trainable parameter counts of a network, per block and sub-block. */
public final class ModelSummary {

    /**
     * One block's count.
     *
     * @param name child name (without DJL's ordinal prefix)
     * @param parameters trainable values (BatchNorm running statistics excluded)
     * @param children sub-blocks that are themselves composite (not expanded below the second level)
     */
    public record Entry(String name, long parameters, List<Entry> children) {
    }

    private ModelSummary() {
    }

    /** Builds and initialises the network of {@code config} on the CPU and counts its parameters. */
    public static Entry of(CrysToGraphConfig config) {
        try (NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu())) {
            CrysToGraphBlock block = new CrysToGraphBlock(config);
            block.initialize(manager, DataType.FLOAT32);
            return of("CrysToGraph", block, 0);
        }
    }

    /** Counts an initialised block. */
    public static Entry of(String name, Block block, int depth) {
        List<Entry> children = new ArrayList<>();
        if (depth < 2) {
            for (var child : block.getChildren()) {
                children.add(of(Layers.childName(child.getKey()), child.getValue(), depth + 1));
            }
        }
        return new Entry(name, Layers.trainableParameters(block), List.copyOf(children));
    }
}

package org.crystograph.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.crystograph.graph.CrystalGraph;
import org.crystograph.model.AtomDescriptors;
import org.crystograph.model.CrysToGraphBlock;
import org.crystograph.model.GraphBatch;

/**
 * The gradient half of a training step, shared by training runs and the model benchmark: batch the graphs, forward in
 * training mode, the loss on the residuals, backward. The optimizer's update is the caller's.
 */
final class TrainingStep {

    private TrainingStep() {
    }

    /**
     * Leaves the gradient of the batch loss in every trainable parameter and returns the loss.
     *
     * @param manager a per-batch manager: the inputs and every intermediate array are attached to it
     * @param targets one target per graph, in the network's (standardised) units
     */
    static double backward(CrysToGraphBlock block, NDManager manager, AtomDescriptors descriptors,
            List<CrystalGraph> graphs, float[] targets, Loss loss) {
        return backward(block, manager, GraphBatch.of(graphs, descriptors), targets, loss);
    }

    /** As {@link #backward(CrysToGraphBlock, NDManager, AtomDescriptors, List, float[], Loss)}, on a collated batch. */
    static double backward(CrysToGraphBlock block, NDManager manager, GraphBatch batch, float[] targets, Loss loss) {
        NDList inputs = batch.toNDList(manager, DataType.FLOAT32);
        NDArray target = manager.create(targets);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray pred = block.forward(new ParameterStore(manager, false), inputs, true).singletonOrThrow();
            NDArray l = loss.of(pred.sub(target));
            gc.backward(l);
            return l.getFloat();
        }
    }
}

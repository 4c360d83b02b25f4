package org.crystograph.inference;

import java.util.List;
import org.crystograph.graph.CrystalGraph;

/**
 * One loaded checkpoint ready to predict: runs a list of graphs as one ragged batch in evaluation mode.
 *
 * <p>Not thread-safe (a DJL {@code Predictor} is not): the serving engine opens one instance per worker thread and
 * never shares it.
 */
public interface GraphRegressor extends AutoCloseable {

    /** Number of outputs (tasks) per structure. */
    int outputCount();

    /**
     * Predicts every graph of the batch.
     *
     * @param graphs at least one graph
     * @return {@code [graphs.size()][outputCount()]} predictions in the physical unit of each task (normalisation
     *     already inverted)
     */
    double[][] predict(List<CrystalGraph> graphs);

    /** Frees native resources; the instance cannot be used afterwards. */
    @Override
    void close();

    /** Opens a fresh, independent {@link GraphRegressor} of one checkpoint; called once per worker thread. */
    @FunctionalInterface
    interface Factory {

        /** Loads the checkpoint into a new instance owned by the calling thread. */
        GraphRegressor open();
    }
}

package org.crystograph.inference;

import java.nio.file.Path;
import java.util.List;
import org.crystograph.graph.GraphSettings;

/**
 * Reads checkpoint directories for serving: what a checkpoint predicts and how to open it once per worker thread.
 */
public interface CheckpointBackend {

    /**
     * One checkpoint ready to be opened by the engine's workers.
     *
     * @param info provenance for the model card
     * @param architecture network name and version
     * @param description free text from the checkpoint
     * @param tasks properties predicted, in output order
     * @param graphSettings the graph construction the checkpoint was trained with (graphs are built with these)
     * @param factory opens an independent predictor of this checkpoint (called in each worker thread)
     */
    record Checkpoint(CheckpointCard info, String architecture, String description, List<TaskInfo> tasks,
            GraphSettings graphSettings, GraphRegressor.Factory factory) {
    }

    /**
     * Whether {@code dir} is a checkpoint directory this backend can read.
     *
     * @param dir a directory
     */
    boolean isCheckpoint(Path dir);

    /**
     * Reads a checkpoint's metadata and prepares its factory; the weights are loaded by the factory.
     *
     * @param dir the checkpoint directory
     * @param device {@code cpu} or {@code gpu[:N]}
     * @throws IllegalArgumentException when the directory is not a readable checkpoint
     */
    Checkpoint read(Path dir, String device);
}

package org.crystograph.inference;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What a served model is: its tasks, its checkpoints with their provenance and how its uncertainty is computed.
 *
 * @param name model name (its directory name), used as {@code model} in requests
 * @param description free text from the checkpoint
 * @param architecture network name and version (for example {@code CrysToGraph})
 * @param tasks properties it predicts, in output order
 * @param checkpoints one entry per checkpoint; two or more make an ensemble
 * @param sha256 the model's identity: the checkpoint's SHA-256 for a single checkpoint, else the SHA-256 of the
 *     members' hashes sorted and joined by newlines
 * @param uncertainty how {@code uncertainty} in predictions is computed
 * @param device where it runs ({@code cpu}, {@code gpu:0})
 * @param isDefault whether requests without {@code model} use it
 * @param trainingDomain the elements and cell sizes of its training structures ({@link TrainingDomain#FILE} of the
 *     model directory), or null when the directory has none; structures outside it are predicted with a warning
 */
@org.eclipse.microprofile.openapi.annotations.media.Schema(name = "ServedModelCard")
public record ModelCard(
        String name,
        String description,
        String architecture,
        List<TaskInfo> tasks,
        List<CheckpointCard> checkpoints,
        @JsonProperty("checkpoint_sha256") String sha256,
        String uncertainty,
        String device,
        @JsonProperty("default") boolean isDefault,
        @JsonProperty("training_domain") TrainingDomain trainingDomain) {

    /** Uncertainty text of a single checkpoint. */
    public static final String NO_UNCERTAINTY = "none: a single checkpoint gives no uncertainty (null in predictions)";

    /** Uncertainty text of an ensemble. */
    public static final String ENSEMBLE_UNCERTAINTY = "ensemble: value is the mean over the checkpoints and"
            + " uncertainty their population standard deviation (ddof = 0), in the property's unit";

    /** Validates and copies. */
    public ModelCard {
        tasks = List.copyOf(tasks);
        checkpoints = List.copyOf(checkpoints);
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("model '" + name + "' has no tasks");
        }
        if (checkpoints.isEmpty()) {
            throw new IllegalArgumentException("model '" + name + "' has no checkpoints");
        }
    }

    /** The same card marked as (not) the default model. */
    public ModelCard withDefault(boolean value) {
        return new ModelCard(name, description, architecture, tasks, checkpoints, sha256, uncertainty, device, value,
                trainingDomain);
    }

    /** Index of the task predicting {@code property}, or -1. */
    public int taskIndex(String property) {
        for (int i = 0; i < tasks.size(); i++) {
            if (tasks.get(i).property().equals(property)) {
                return i;
            }
        }
        return -1;
    }
}

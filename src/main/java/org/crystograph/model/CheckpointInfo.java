package org.crystograph.model;

import java.util.Map;
import org.crystograph.graph.GraphSettings;

/**
 * The {@code checkpoint.json} of a checkpoint directory: everything needed to rebuild the model and its inputs, and
 * where the weights came from.
 *
 * @param format checkpoint format version
 * @param blockVersion {@link CrysToGraphBlock#VERSION} of the weights
 * @param config the network
 * @param graphSettings graph construction settings the model was trained with
 * @param featurizer atom featurizer identity
 * @param normalizer target scaling
 * @param task task key (or data folder)
 * @param label label column
 * @param unit label unit
 * @param fold held-out fold (-1 when trained on everything)
 * @param protocol fold protocol (FULL or PUBLIC)
 * @param seed training seed
 * @param dataSha256 hash over labels, structures and graph settings
 * @param gitCommit source commit of the training code
 * @param training training options (as written by the trainer)
 * @param epoch epoch (0-based) of these weights
 * @param metrics validation and test metrics in label units (val_mae, test_mae, test_rmse, ...)
 * @param created ISO-8601 creation time
 */
public record CheckpointInfo(
        int format,
        int blockVersion,
        CrysToGraphConfig config,
        GraphSettings graphSettings,
        FeaturizerInfo featurizer,
        TargetNormalizer normalizer,
        String task,
        String label,
        String unit,
        int fold,
        String protocol,
        long seed,
        String dataSha256,
        String gitCommit,
        Map<String, Object> training,
        int epoch,
        Map<String, Double> metrics,
        String created) {

    /** Current format. */
    public static final int FORMAT = 1;

    /**
     * Atom featurizer identity.
     *
     * @param id {@code CDK_DESCRIPTOR} or {@code TABLE}
     * @param width descriptor width
     * @param sha256 SHA-256 of the table file ({@code TABLE} only)
     * @param path table file as given at training time ({@code TABLE} only; never copied into the checkpoint)
     */
    public record FeaturizerInfo(String id, int width, String sha256, String path) {
    }

    /** A copy with other metrics and epoch. */
    public CheckpointInfo withMetrics(int atEpoch, Map<String, Double> newMetrics) {
        return new CheckpointInfo(format, blockVersion, config, graphSettings, featurizer, normalizer, task, label,
                unit, fold, protocol, seed, dataSha256, gitCommit, training, atEpoch, Map.copyOf(newMetrics), created);
    }
}

package org.crystograph.benchmark;

import java.util.List;

/**
 * A submission's score on one task: its folds and the summaries over folds.
 *
 * @param folds per-fold metrics in fold order
 * @param mae MAE over folds (ranking: mean, lower is better)
 * @param rmse RMSE over folds
 * @param maxError max error over folds
 * @param baselineMae the dummy predictor's MAE over folds
 * @param scaledScore S = mean over folds of MAE_k / MAD_k
 */
public record TaskScore(List<FoldScore> folds, Summary mae, Summary rmse, Summary maxError, Summary baselineMae,
        double scaledScore) {

    /** Copies the list in. */
    public TaskScore {
        folds = List.copyOf(folds);
    }

    /**
     * Mean, population standard deviation (ddof 0), minimum and maximum of a metric over folds.
     *
     * @param mean arithmetic mean
     * @param std population standard deviation
     * @param min smallest value
     * @param max largest value
     */
    public record Summary(double mean, double std, double min, double max) {
    }
}

package org.crystograph.benchmark;

/**
 * Metrics of one fold (or of the hidden track, scored as one fold), in the task's unit unless stated.
 *
 * @param fold fold index 0..4, or {@link TaskSample#HIDDEN} for the hidden track
 * @param n test rows scored
 * @param mae mean absolute error (headline)
 * @param rmse root mean squared error
 * @param maxError largest absolute error
 * @param trainMean mean of the training labels (the dummy predictor's output)
 * @param mad mean absolute deviation of the training labels from their mean
 * @param baselineMae MAE of the dummy predictor (training mean) on the test rows
 * @param scaled MAE / MAD (unit-free; 1.0 = no better than predicting the mean)
 * @param calibration uncertainty metrics, or null when no std was supplied
 */
public record FoldScore(int fold, int n, double mae, double rmse, double maxError, double trainMean, double mad,
        double baselineMae, double scaled, Calibration calibration) {

    /**
     * Uncertainty metrics from per-row standard deviations (shown, never ranked).
     *
     * @param coverage95 share of rows with |prediction - truth| <= 1.96 std
     * @param miscalibration |coverage95 - 0.95|
     * @param meanNll mean Gaussian negative log-likelihood (nats)
     */
    public record Calibration(double coverage95, double miscalibration, double meanNll) {
    }
}

package org.crystograph.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Pure UnconvBench scoring (spec section 4), in float64: per-fold MAE, RMSE and max error, the MAD baseline from the
 * training labels, the scaled error MAE/MAD, summaries over folds, composites over task sets and, when per-row
 * standard deviations are supplied, calibration metrics. No CDI, no database.
 */
public final class Scorer {

    /** Two-sided 95% normal quantile used for coverage. */
    public static final double Z_95 = 1.96;
    /** Nominal coverage of the 95% interval. */
    public static final double NOMINAL_COVERAGE = 0.95;

    private static final double LOG_TWO_PI = Math.log(2 * Math.PI);

    private Scorer() {
    }

    /**
     * Scores one fold.
     *
     * @param fold fold index (or {@link TaskSample#HIDDEN})
     * @param truth true labels of the test rows
     * @param prediction predictions, aligned with {@code truth}
     * @param std per-row standard deviations aligned with {@code truth}, or null
     * @param trainLabels labels of the fold's training rows (for the baseline and MAD)
     * @throws IllegalArgumentException on empty or misaligned input, non-finite values, non-positive std or
     *     constant training labels
     */
    public static FoldScore scoreFold(int fold, double[] truth, double[] prediction, double[] std,
            double[] trainLabels) {
        int n = truth.length;
        if (n == 0 || prediction.length != n || (std != null && std.length != n)) {
            throw new IllegalArgumentException("fold " + fold + ": need equally long non-empty truth ("
                    + n + ") and prediction (" + prediction.length + ") arrays");
        }
        if (trainLabels.length == 0) {
            throw new IllegalArgumentException("fold " + fold + ": no training labels for the baseline");
        }
        double trainMean = mean(trainLabels);
        double mad = 0;
        for (double y : trainLabels) {
            mad += Math.abs(y - trainMean);
        }
        mad /= trainLabels.length;
        if (!(mad > 0)) {
            throw new IllegalArgumentException("fold " + fold + ": training labels are constant (MAD 0), "
                    + "the scaled error is undefined");
        }
        double absSum = 0;
        double sqSum = 0;
        double max = 0;
        double baseSum = 0;
        int covered = 0;
        double nllSum = 0;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(truth[i]) || !Double.isFinite(prediction[i])) {
                throw new IllegalArgumentException("fold " + fold + " row " + i + ": non-finite value");
            }
            double err = prediction[i] - truth[i];
            double abs = Math.abs(err);
            absSum += abs;
            sqSum += err * err;
            max = Math.max(max, abs);
            baseSum += Math.abs(trainMean - truth[i]);
            if (std != null) {
                double s = std[i];
                if (!(s > 0) || !Double.isFinite(s)) {
                    throw new IllegalArgumentException("fold " + fold + " row " + i + ": std must be finite and > 0");
                }
                if (abs <= Z_95 * s) {
                    covered++;
                }
                nllSum += 0.5 * (LOG_TWO_PI + 2 * Math.log(s)) + err * err / (2 * s * s);
            }
        }
        double mae = absSum / n;
        FoldScore.Calibration cal = null;
        if (std != null) {
            double coverage = (double) covered / n;
            cal = new FoldScore.Calibration(coverage, Math.abs(coverage - NOMINAL_COVERAGE), nllSum / n);
        }
        return new FoldScore(fold, n, mae, Math.sqrt(sqSum / n), max, trainMean, mad, baseSum / n, mae / mad, cal);
    }

    /** Summaries over folds: mean, population std, min, max of each metric, and S = mean of the scaled errors. */
    public static TaskScore summarise(List<FoldScore> folds) {
        if (folds.isEmpty()) {
            throw new IllegalArgumentException("no folds to summarise");
        }
        return new TaskScore(folds, summary(folds, FoldScore::mae), summary(folds, FoldScore::rmse),
                summary(folds, FoldScore::maxError), summary(folds, FoldScore::baselineMae),
                summary(folds, FoldScore::scaled).mean());
    }

    /** Mean, population standard deviation (ddof 0), min and max of the values. */
    public static TaskScore.Summary summary(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double mean = mean(values);
        double var = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            var += (v - mean) * (v - mean);
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return new TaskScore.Summary(mean, Math.sqrt(var / values.length), min, max);
    }

    /**
     * Composite over a task set: the unweighted mean of the per-task scaled scores S.
     *
     * @param scaledScores one S per task of the set (all tasks must be covered)
     */
    public static double composite(List<Double> scaledScores) {
        if (scaledScores.isEmpty()) {
            throw new IllegalArgumentException("a composite needs at least one task");
        }
        return mean(scaledScores.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static TaskScore.Summary summary(List<FoldScore> folds, ToDoubleFunction<FoldScore> metric) {
        List<Double> values = new ArrayList<>();
        folds.forEach(f -> values.add(metric.applyAsDouble(f)));
        return summary(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }
}

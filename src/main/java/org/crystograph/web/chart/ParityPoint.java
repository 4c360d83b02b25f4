package org.crystograph.web.chart;

/**
 * One test sample of a parity plot.
 *
 * @param truth the true label, in the task's unit
 * @param predicted the submitted prediction, in the task's unit
 * @param fold the test fold the sample belongs to (0-based)
 */
public record ParityPoint(double truth, double predicted, int fold) {

    /** Rejects non-finite values and negative folds. */
    public ParityPoint {
        if (!Double.isFinite(truth) || !Double.isFinite(predicted)) {
            throw new IllegalArgumentException("parity point needs finite values, got truth " + truth
                    + ", predicted " + predicted);
        }
        if (fold < 0) {
            throw new IllegalArgumentException("fold must be >= 0, got " + fold);
        }
    }

    /** Signed error: predicted minus true. */
    public double error() {
        return predicted - truth;
    }
}

package org.crystograph.model;

/**
 * Target scaling (spec section 9, {@code targetScaling}): the network learns {@code (y - mean) / std}; predictions
 * are mapped back with {@link #denormalize}. {@code mean = 0, std = 1} is the identity (the reference's raw targets).
 *
 * @param mean training-fold mean of the labels
 * @param std training-fold standard deviation of the labels (population), > 0
 */
public record TargetNormalizer(double mean, double std) {

    /** Validates. */
    public TargetNormalizer {
        if (!Double.isFinite(mean) || !(std > 0) || !Double.isFinite(std)) {
            throw new IllegalArgumentException("bad normaliser mean=" + mean + " std=" + std);
        }
    }

    /** The identity (raw targets). */
    public static TargetNormalizer identity() {
        return new TargetNormalizer(0, 1);
    }

    /** Mean and standard deviation of the training labels; the identity when they are constant. */
    public static TargetNormalizer fit(double[] labels) {
        double mean = 0;
        for (double y : labels) {
            mean += y;
        }
        mean /= labels.length;
        double var = 0;
        for (double y : labels) {
            var += (y - mean) * (y - mean);
        }
        double std = Math.sqrt(var / labels.length);
        return std > 0 ? new TargetNormalizer(mean, std) : new TargetNormalizer(mean, 1);
    }

    /** Label to network target. */
    public double normalize(double y) {
        return (y - mean) / std;
    }

    /** Network output to label units. */
    public double denormalize(double t) {
        return t * std + mean;
    }
}

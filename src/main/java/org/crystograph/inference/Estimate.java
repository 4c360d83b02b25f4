package org.crystograph.inference;

import java.util.Arrays;

/**
 * The model's answer for one structure: per output (task) the ensemble mean and, when the model has two or more
 * checkpoints, their standard deviation as the uncertainty.
 *
 * @param mean per output, in the unit of that output's task
 * @param std per output, population standard deviation across members (same unit); {@code NaN} for a single
 *     checkpoint, which gives no uncertainty
 * @param members number of checkpoints that contributed
 */
public record Estimate(double[] mean, double[] std, int members) {

    /** Validates and copies. */
    public Estimate {
        if (mean == null || std == null || mean.length != std.length) {
            throw new IllegalArgumentException("mean and std need the same length, got "
                    + (mean == null ? "null" : mean.length) + " and " + (std == null ? "null" : std.length));
        }
        if (members < 1) {
            throw new IllegalArgumentException("an estimate needs at least one member, got " + members);
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** Mean per output (a copy). */
    @Override
    public double[] mean() {
        return mean.clone();
    }

    /** Standard deviation per output (a copy). */
    @Override
    public double[] std() {
        return std.clone();
    }

    /** Mean of output t. */
    public double mean(int t) {
        return mean[t];
    }

    /** Standard deviation of output t, {@code NaN} without an ensemble. */
    public double std(int t) {
        return std[t];
    }

    /** Whether an uncertainty is available (two or more members). */
    public boolean hasUncertainty() {
        return members > 1;
    }

    @Override
    public String toString() {
        return "Estimate[mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + ", members=" + members + "]";
    }
}

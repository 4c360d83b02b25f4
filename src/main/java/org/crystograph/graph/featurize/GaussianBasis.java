package org.crystograph.graph.featurize;

/**
 * A Gaussian expansion {@code g_k(v) = exp(-(v - mu_k)^2 / sigma^2)} with centres {@code mu_k = start + k * step} and
 * width equal to the spacing (CrysToGraph spec section 3). The count is a constant, never derived from a float range.
 *
 * @param start first centre mu_0
 * @param step spacing between centres, also the width sigma
 * @param count number of centres
 */
public record GaussianBasis(double start, double step, int count) {

    /** Validates. */
    public GaussianBasis {
        if (!(step > 0) || count < 1 || !Double.isFinite(start)) {
            throw new IllegalArgumentException("bad Gaussian basis start=" + start + " step=" + step + " count=" + count);
        }
    }

    /** Writes the {@code count} values for v into {@code out} starting at {@code offset}. */
    public void expand(double v, float[] out, int offset) {
        double inv = 1.0 / (step * step);
        for (int k = 0; k < count; k++) {
            double d = v - (start + k * step);
            out[offset + k] = (float) Math.exp(-d * d * inv);
        }
    }
}

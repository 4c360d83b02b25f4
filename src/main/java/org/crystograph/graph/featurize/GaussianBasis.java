package org.crystograph.graph.featurize;

/**
 * A Gaussian expansion {@code g_k(v) = exp(-(v - mu_k)^2 / sigma^2)} with centres {@code mu_k = start + k * step} and
 * width equal to the spacing (CrysToGraph spec section 3). The count is a constant, never derived from a float range.
 *
 * <p>Because width equals spacing, neighbouring values differ by a factor that needs no new exponential:
 * with {@code t = (v - start) / step}, {@code k0 = round(t)} and {@code s = t - k0},
 * {@code g_{k0 + j} = exp(-(s - j)^2)} and {@code g_{k0+j} / g_{k0+j-1} = exp(2s) . exp(-(2j - 1))}.
 * {@link #expand} uses this recurrence (two exponentials per value of v instead of {@code count}), walking outwards from
 * the nearest centre so that nothing underflows early; the relative error stays below 1e-13, far below the float32
 * storage precision. Values outside the grid fall back to direct evaluation.
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

    /** Centre mu_k. */
    public double centre(int k) {
        return start + k * step;
    }

    /** The value {@code g_k(v)} evaluated directly. */
    public double value(int k, double v) {
        double d = (v - centre(k)) / step;
        return Math.exp(-d * d);
    }

    /** Writes the {@code count} values for v into {@code out} starting at {@code offset}. */
    public void expand(double v, float[] out, int offset) {
        double t = (v - start) / step;
        if (!(t >= -0.5 && t <= count - 0.5)) {
            for (int k = 0; k < count; k++) {
                double d = t - k;
                out[offset + k] = (float) Math.exp(-d * d);
            }
            return;
        }
        int k0 = (int) Math.floor(t + 0.5);
        if (k0 >= count) {
            k0 = count - 1;
        }
        double s = t - k0;
        double g0 = Math.exp(-s * s);
        double up = Math.exp(2 * s);
        double down = 1.0 / up;
        out[offset + k0] = (float) g0;
        double g = g0;
        double[] factor = Decay.FACTOR;
        for (int j = 1; k0 + j < count; j++) {
            g = j < factor.length ? g * up * factor[j] : 0.0;
            out[offset + k0 + j] = (float) g;
        }
        g = g0;
        for (int j = 1; k0 - j >= 0; j++) {
            g = j < factor.length ? g * down * factor[j] : 0.0;
            out[offset + k0 - j] = (float) g;
        }
    }

    /** exp(-(2j - 1)) for j >= 1; beyond the table every value is below float32's smallest subnormal. */
    private static final class Decay {
        static final double[] FACTOR = new double[16];

        static {
            for (int j = 1; j < FACTOR.length; j++) {
                FACTOR[j] = Math.exp(-(2.0 * j - 1));
            }
        }
    }
}

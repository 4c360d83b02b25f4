package org.crystograph.graph.featurize;

/**
 * A Gaussian expansion {@code g_k(v) = exp(-(v - mu_k)^2 / sigma^2)} with centres {@code mu_k = start + k * step} and
 * width equal to the spacing (CrysToGraph spec section 3). The count is a constant, never derived from a float range.
 *
 * <p>Because width equals spacing, the values need only two exponentials per v instead of {@code count}: with
 * {@code t = (v - start) / step}, {@code k0 = round(t)} and {@code s = t - k0},
 * {@code g_{k0 +- j} = exp(-(s -+ j)^2) = exp(-s^2) . exp(+-2s)^j . exp(-j^2)}. {@link #expand} walks outwards from the
 * nearest centre with independent power chains (so nothing underflows early and the CPU can overlap them); the
 * relative error stays below 1e-13, far below the float32 storage precision. Values outside the grid fall back to
 * direct evaluation.
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
        double t = (v - start) * (1.0 / step); // the reciprocal is loop-invariant once inlined
        if (!(t >= -0.5 && t <= count - 0.5)) {
            for (int k = 0; k < count; k++) {
                double d = t - k;
                out[offset + k] = (float) Math.exp(-d * d);
            }
            return;
        }
        int k0 = (int) (t + 0.5); // t + 0.5 >= 0, so the cast is floor
        if (k0 >= count) {
            k0 = count - 1;
        }
        double s = t - k0;
        double g0 = Math.exp(-s * s);
        double e = Math.exp(2 * s);
        double ei = 1.0 / e;
        double e2 = e * e;
        double ei2 = ei * ei;
        int lo = Math.max(0, k0 - Tail.REACH);
        int hi = Math.min(count - 1, k0 + Tail.REACH);
        for (int k = 0; k < lo; k++) {
            out[offset + k] = 0f;
        }
        for (int k = hi + 1; k < count; k++) {
            out[offset + k] = 0f;
        }
        out[offset + k0] = (float) g0;
        // g_{k0 + j} = g0 . e^j . exp(-j^2) upwards, g_{k0 - j} = g0 . e^-j . exp(-j^2) downwards; two independent
        // power chains per direction (odd and even j) so the multiplications overlap
        double[] q = Tail.EXP_MINUS_SQUARE;
        double odd = g0 * e;
        double even = g0 * e2;
        int base = offset + k0;
        int j = 1;
        for (; j < hi - k0; j += 2) {
            out[base + j] = (float) (odd * q[j]);
            out[base + j + 1] = (float) (even * q[j + 1]);
            odd *= e2;
            even *= e2;
        }
        if (j == hi - k0) {
            out[base + j] = (float) (odd * q[j]);
        }
        odd = g0 * ei;
        even = g0 * ei2;
        j = 1;
        for (; j < k0 - lo; j += 2) {
            out[base - j] = (float) (odd * q[j]);
            out[base - j - 1] = (float) (even * q[j + 1]);
            odd *= ei2;
            even *= ei2;
        }
        if (j == k0 - lo) {
            out[base - j] = (float) (odd * q[j]);
        }
    }

    /**
     * exp(-j^2) for j = 0 .. REACH + 1. Beyond REACH centres from the nearest one, exp(-(REACH - 1/2)^2) is below
     * float32's smallest subnormal, so those values are exactly 0 in float32.
     */
    private static final class Tail {
        static final int REACH = 12;
        static final double[] EXP_MINUS_SQUARE = new double[REACH + 2];

        static {
            for (int j = 0; j < EXP_MINUS_SQUARE.length; j++) {
                EXP_MINUS_SQUARE[j] = Math.exp(-(double) j * j);
            }
        }
    }
}

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
        double t = (v - start) / step;
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
        out[offset + k0] = (float) g0;
        // g_{k0 +- j} = g0 . e^(+-j) . exp(-j^2); four independent power chains (j odd / even, up / down)
        double up1 = g0 * e;
        double up2 = g0 * e2;
        double down1 = g0 * ei;
        double down2 = g0 * ei2;
        int up = count - 1 - k0;
        int down = k0;
        int reach = Math.min(Math.max(up, down), Tail.REACH);
        double[] q = Tail.EXP_MINUS_SQUARE;
        for (int j = 1; j <= reach; j += 2) {
            if (j <= up) {
                out[offset + k0 + j] = (float) (up1 * q[j]);
            }
            if (j < up) {
                out[offset + k0 + j + 1] = (float) (up2 * q[j + 1]);
            }
            if (j <= down) {
                out[offset + k0 - j] = (float) (down1 * q[j]);
            }
            if (j < down) {
                out[offset + k0 - j - 1] = (float) (down2 * q[j + 1]);
            }
            up1 *= e2;
            up2 *= e2;
            down1 *= ei2;
            down2 *= ei2;
        }
        for (int j = reach + 1; j <= up; j++) {
            out[offset + k0 + j] = 0f;
        }
        for (int j = reach + 1; j <= down; j++) {
            out[offset + k0 - j] = 0f;
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

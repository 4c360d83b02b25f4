package org.crystograph.graph.featurize;

import org.crystograph.graph.GraphBuildException;
import org.crystograph.graph.GraphSettings;
import org.crystograph.graph.NeighborList;

/**
 * Edge features of spec section 3: Gaussians on the spherical coordinates (r, theta, phi) of each edge vector plus a
 * flag for edges longer than 8 A, in the column order r | theta | phi | flag (41 + 17 + 17 + 1 = 76 by default).
 *
 * <p>{@code theta = arccos(z / r)}, {@code phi = atan2(y, x')} with {@code x' = x} unless x is exactly 0, then 0.001
 * (a quirk of the reference implementation, kept). Computed in float64, stored as float32. theta is evaluated as
 * {@code atan2(sqrt(x^2 + y^2), z)}, equal to {@code arccos(z / r)} within rounding and better conditioned near the
 * poles.
 */
public final class EdgeFeaturizer {

    /** The reference replaces an x component of exactly zero by this value before atan2. */
    public static final double ZERO_X_REPLACEMENT = 0.001;

    /** Edges featurised between two checks of the thread's interrupt flag (about 2 ms of work). */
    private static final int INTERRUPT_CHECK_EDGES = 8192;

    private final GraphSettings settings;

    /** A featurizer for these settings. */
    public EdgeFeaturizer(GraphSettings settings) {
        this.settings = settings;
    }

    /** Feature width (76 by default). */
    public int width() {
        return settings.edgeFeatureWidth();
    }

    /**
     * Features of all edges: [E * width].
     *
     * @throws GraphBuildException CANCELLED when the thread is interrupted
     */
    public float[] features(NeighborList neighbors) {
        int e = neighbors.numEdges();
        int w = width();
        float[] out = new float[e * w];
        double[] v = neighbors.vector();
        double[] len = neighbors.length();
        GaussianBasis rb = settings.distanceBasis();
        GaussianBasis tb = settings.polarBasis();
        GaussianBasis pb = settings.azimuthBasis();
        int thetaOffset = rb.count();
        int phiOffset = thetaOffset + tb.count();
        int flagOffset = phiOffset + pb.count();
        double flagAbove = settings.longEdgeFlagAngstrom();
        for (int edge = 0; edge < e; edge++) {
            if (edge % INTERRUPT_CHECK_EDGES == 0) {
                GraphBuildException.throwIfInterrupted("edge features");
            }
            double x = v[3 * edge];
            double y = v[3 * edge + 1];
            double z = v[3 * edge + 2];
            double r = len[edge];
            // arccos(z / r) written as atan2(sqrt(x^2 + y^2), z): the same angle, within 1 ulp, without a native call
            double theta = Angles.atan2(Math.sqrt(x * x + y * y), z);
            double phi = Angles.atan2(y, x != 0 ? x : ZERO_X_REPLACEMENT);
            int base = edge * w;
            rb.expand(r, out, base);
            tb.expand(theta, out, base + thetaOffset);
            pb.expand(phi, out, base + phiOffset);
            out[base + flagOffset] = r > flagAbove ? 1f : 0f;
        }
        return out;
    }
}

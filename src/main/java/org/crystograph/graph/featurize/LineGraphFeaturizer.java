package org.crystograph.graph.featurize;

import org.crystograph.graph.GraphBuildException;
import org.crystograph.graph.GraphSettings;
import org.crystograph.graph.NeighborList;

/**
 * Bond-angle features of the line graph (spec section 4).
 *
 * <p>Line edge {@code l = k*e2 + rho} runs from edge {@code e1 = k*src(e2) + rho} (the rho-th incoming edge of e2's
 * source) to edge e2; backtracking pairs are included, so every edge has exactly k incoming line edges. Its feature is
 * the cosine {@code c = (u . w) / (|u| |w|)} of {@code u = -r_e1} and {@code w = r_e2} (the angle at the shared atom),
 * clamped to [-1, 1] with non-finite values mapped to 0, expanded into 30 Gaussians (centres -1.4 ... 1.5).
 */
public final class LineGraphFeaturizer {

    /** Edges whose incoming line edges are featurised between two checks of the interrupt flag (about 1 ms). */
    private static final int INTERRUPT_CHECK_EDGES = 1024;

    private final GraphSettings settings;

    /** A featurizer for these settings. */
    public LineGraphFeaturizer(GraphSettings settings) {
        this.settings = settings;
    }

    /** Feature width (30 by default). */
    public int width() {
        return settings.lineFeatureWidth();
    }

    /** The cosine of line edge (e1 -> e2) from the edge vectors. */
    public static double cosine(double[] vector, double[] length, int e1, int e2) {
        double dot = -(vector[3 * e1] * vector[3 * e2] + vector[3 * e1 + 1] * vector[3 * e2 + 1]
                + vector[3 * e1 + 2] * vector[3 * e2 + 2]);
        double c = dot / (length[e1] * length[e2]);
        if (!Double.isFinite(c)) {
            return 0.0;
        }
        return Math.max(-1.0, Math.min(1.0, c));
    }

    /**
     * Features of all line edges: [k * E * width], line edge l at offset {@code l * width}.
     *
     * @throws GraphBuildException CANCELLED when the thread is interrupted
     */
    public float[] features(NeighborList neighbors) {
        int k = neighbors.k();
        int e = neighbors.numEdges();
        int w = width();
        float[] out = new float[e * k * w];
        double[] v = neighbors.vector();
        double[] len = neighbors.length();
        int[] src = neighbors.source();
        GaussianBasis basis = settings.angleBasis();
        double[] unit = new double[3 * e];
        for (int edge = 0; edge < e; edge++) {
            double inv = 1.0 / len[edge];
            unit[3 * edge] = v[3 * edge] * inv;
            unit[3 * edge + 1] = v[3 * edge + 1] * inv;
            unit[3 * edge + 2] = v[3 * edge + 2] * inv;
        }
        for (int e2 = 0; e2 < e; e2++) {
            if (e2 % INTERRUPT_CHECK_EDGES == 0) {
                GraphBuildException.throwIfInterrupted("line-graph features");
            }
            double wx = unit[3 * e2];
            double wy = unit[3 * e2 + 1];
            double wz = unit[3 * e2 + 2];
            int first = k * src[e2];
            int base = k * e2 * w;
            for (int rho = 0; rho < k; rho++) {
                int e1 = first + rho;
                double c = -(unit[3 * e1] * wx + unit[3 * e1 + 1] * wy + unit[3 * e1 + 2] * wz);
                if (!Double.isFinite(c)) {
                    c = 0.0;
                } else if (c > 1.0) {
                    c = 1.0;
                } else if (c < -1.0) {
                    c = -1.0;
                }
                basis.expand(c, out, base + rho * w);
            }
        }
        return out;
    }
}

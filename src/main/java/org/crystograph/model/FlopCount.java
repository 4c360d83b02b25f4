package org.crystograph.model;

import java.util.List;

/**
 * Analytic floating-point operation count of a forward pass (2 per multiply-add of every matrix product; element-wise
 * operations, norms and activations are not counted), from the config and the batch shapes. A training step is
 * counted as 3x the forward (forward + backward for inputs and weights), the usual estimate.
 */
public final class FlopCount {

    private FlopCount() {
    }

    /**
     * Forward FLOPs of a batch.
     *
     * @param c the network
     * @param atomsPerCrystal atoms of each crystal of the batch
     * @param k neighbours per atom (12)
     */
    public static double forward(CrysToGraphConfig c, List<Integer> atomsPerCrystal, int k) {
        double n = 0;
        double pairs = 0;
        for (int a : atomsPerCrystal) {
            n += a;
            pairs += (double) a * a;
        }
        double e = n * k;
        double l = e * k;
        double d = c.hidden();
        int ew = c.edgeFeatureWidth();
        int lw = c.lineFeatureWidth();
        double f = 0;
        // input projections and embedding
        f += 2 * n * c.atomInputWidth() * d + 2 * e * ew * ew + 2 * l * lw * lw + 2 * n * c.positionalEncodingWidth() * d;
        if (c.embeddingWidth() > 0) {
            f += 2 * n * c.numElements() * c.embeddingWidth();
        }
        for (int layer = 0; layer < c.convLayers(); layer++) {
            boolean lineEdges = c.angleUpdate() == CrysToGraphConfig.AngleUpdate.PROPAGATE
                    && layer + 1 < c.convLayers();
            f += etgc(e, l, ew, lw, c.lineHeads(), c.lineHeadDim(), c.ffnMultiplier(), lineEdges);
            f += etgc(n, e, d, ew, c.heads(), c.headDim(), c.ffnMultiplier(), true);
        }
        for (int g = 0; g < c.transformerLayers(); g++) {
            f += 2 * e * ew * d; // W_EE
            f += 3 * 2 * n * d * d; // Q, K, V
            if (c.gwtMode() == CrysToGraphConfig.GwtMode.SOFTMAX) {
                f += 2 * 2 * pairs * d; // Q K^T and A V per crystal
            }
            f += 2 * n * d * d; // L_O
            f += 2 * 2 * n * d * c.gwtFfnWidth(); // F1, F2
        }
        double b = atomsPerCrystal.size();
        f += b * (2 * d * d * c.headLayers() + 2 * d);
        return f;
    }

    /** One eTGC layer on n nodes with m = k.n edges. */
    static double etgc(double n, double m, double dn, double de, int heads, int dk, int ffn, boolean edgeUpdate) {
        double w = (double) heads * dk;
        double f = 3 * 2 * n * dn * w; // Q, K, V
        f += 2 * m * de * w; // W_E
        f += 2 * 6 * n * heads * dk * dk; // K1, K2^T q, K3^T q, V1, V2, V3 per node (folded by linearity)
        f += 2 * 4 * m * w; // two score dot products and two weighted sums (values, edges) per edge
        f += 2 * n * w * dn; // FCN
        f += 2 * 2 * n * dn * ffn * dn; // node FFN
        if (edgeUpdate) {
            f += 2 * m * w * de; // FCE
            f += 2 * 2 * m * de * ffn * de; // edge FFN
        }
        return f;
    }
}

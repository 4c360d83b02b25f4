package org.crystograph.graph;

import org.crystograph.graph.featurize.GaussianBasis;

/**
 * Every number of CrysToGraph graph construction (spec sections 2-5); feature widths are derived, never typed.
 *
 * @param neighbors k, neighbours per site (12)
 * @param startRadiusAngstrom first search radius (8 A)
 * @param radiusStepAngstrom radius growth step when a site has fewer than k candidates (2 A)
 * @param maxRadiusAngstrom radius above which the structure is rejected as containing an isolated site (30 A)
 * @param distanceBasis Gaussians on the edge length r (0, 0.2, 41)
 * @param polarBasis Gaussians on the polar angle theta (0, 0.2, 17)
 * @param azimuthBasis Gaussians on the azimuth phi (-3.2, 0.4, 17)
 * @param longEdgeFlagAngstrom edges longer than this get the flag column set (8 A)
 * @param angleBasis Gaussians on the bond-angle cosine (-1.4, 0.1, 30)
 * @param laplacianEncodingSize LapPE columns (20)
 * @param randomWalkEncodingSize RWPE steps (20)
 * @param canonicalFrame rebuild the lattice in the canonical frame before computing vectors (spec: frame=CANONICAL)
 */
public record GraphSettings(
        int neighbors,
        double startRadiusAngstrom,
        double radiusStepAngstrom,
        double maxRadiusAngstrom,
        GaussianBasis distanceBasis,
        GaussianBasis polarBasis,
        GaussianBasis azimuthBasis,
        double longEdgeFlagAngstrom,
        GaussianBasis angleBasis,
        int laplacianEncodingSize,
        int randomWalkEncodingSize,
        boolean canonicalFrame) {

    /** The spec's defaults (section 8). */
    public static GraphSettings defaults() {
        return new GraphSettings(12, 8.0, 2.0, 30.0,
                new GaussianBasis(0.0, 0.2, 41),
                new GaussianBasis(0.0, 0.2, 17),
                new GaussianBasis(-3.2, 0.4, 17),
                8.0,
                new GaussianBasis(-1.4, 0.1, 30),
                20, 20, true);
    }

    /** Edge feature width: r + theta + phi Gaussians + 1 flag column (76 by default). */
    public int edgeFeatureWidth() {
        return distanceBasis.count() + polarBasis.count() + azimuthBasis.count() + 1;
    }

    /** Line (bond-angle) feature width (30 by default). */
    public int lineFeatureWidth() {
        return angleBasis.count();
    }

    /** Width of the default atom descriptor ({@code CDK_DESCRIPTOR}, spec section 6), derived from its bins. */
    public static int cdkDescriptorWidth() {
        return org.crystograph.graph.featurize.CdkDescriptorFeaturizer.WIDTH;
    }

    /** Positional encoding width: LapPE + RWPE (40 by default). */
    public int positionalEncodingWidth() {
        return laplacianEncodingSize + randomWalkEncodingSize;
    }
}

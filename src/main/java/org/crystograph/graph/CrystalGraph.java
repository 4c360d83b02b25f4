package org.crystograph.graph;

/**
 * The CrysToGraph inputs of one crystal (spec sections 2-6) as flat primitive arrays.
 *
 * <p>Layout (N sites, k = 12 neighbours, E = k.N edges, k.E line edges):
 * <ul>
 *   <li>Edge {@code e = k*i + rank} runs from its source (neighbour) {@code edgeSource[e]} to its destination (centre)
 *       {@code i = e / k}; every site has exactly k incoming edges, so per-site sums are dense reductions over
 *       an [N, k] table.</li>
 *   <li>Line edge {@code l = k*e2 + rho} runs from edge {@code e1 = k*edgeSource[e2] + rho} to edge {@code e2}
 *       (the k incoming edges of e2's source site); it is implied by {@code edgeSource} and only its features are
 *       stored.</li>
 *   <li>Species per site in CSR form: the species of site i are {@code speciesZ[speciesOffsets[i] ..
 *       speciesOffsets[i+1])} with their occupancies in {@code speciesOccupancy}.</li>
 * </ul>
 * Arrays are not copied (this record is an internal carrier between graph building and the model); callers must not
 * mutate them.
 *
 * @param numSites N
 * @param k neighbours per site (12)
 * @param speciesOffsets [N+1] CSR offsets into speciesZ / speciesOccupancy
 * @param speciesZ atomic numbers of the species of all sites
 * @param speciesOccupancy occupancy of each species entry
 * @param edgeSource [E] neighbour site index of each edge
 * @param edgeImage [E*3] image offset n of each edge's neighbour
 * @param edgeVector [E*3] Cartesian vector neighbour minus centre, Angstrom
 * @param edgeLength [E] edge length, Angstrom
 * @param edgeFeatures [E*edgeWidth] edge features (76-d by default)
 * @param lineFeatures [k*E*lineWidth] line-edge (bond angle) features (30-d by default), or an empty array when they
 *     are not stored (a compact graph: they are 80% of its memory and are recomputed from the edge vectors by
 *     {@link GraphBuilder#withLineFeatures})
 * @param positionalEncoding [N*peWidth] positional encodings, LapPE then RWPE (40-d by default)
 * @param edgeWidth edge feature width
 * @param lineWidth line feature width
 * @param peWidth positional encoding width
 * @param radiusAngstrom final neighbour search radius in Angstrom
 */
public record CrystalGraph(
        int numSites,
        int k,
        int[] speciesOffsets,
        int[] speciesZ,
        float[] speciesOccupancy,
        int[] edgeSource,
        int[] edgeImage,
        double[] edgeVector,
        double[] edgeLength,
        float[] edgeFeatures,
        float[] lineFeatures,
        float[] positionalEncoding,
        int edgeWidth,
        int lineWidth,
        int peWidth,
        double radiusAngstrom) {

    /** Checks that array lengths agree with N, k and the widths. */
    public CrystalGraph {
        int e = numSites * k;
        require(speciesOffsets.length == numSites + 1, "speciesOffsets", speciesOffsets.length, numSites + 1);
        require(speciesZ.length == speciesOffsets[numSites], "speciesZ", speciesZ.length, speciesOffsets[numSites]);
        require(speciesOccupancy.length == speciesZ.length, "speciesOccupancy", speciesOccupancy.length, speciesZ.length);
        require(edgeSource.length == e, "edgeSource", edgeSource.length, e);
        require(edgeImage.length == 3 * e, "edgeImage", edgeImage.length, 3 * e);
        require(edgeVector.length == 3 * e, "edgeVector", edgeVector.length, 3 * e);
        require(edgeLength.length == e, "edgeLength", edgeLength.length, e);
        require(edgeFeatures.length == e * edgeWidth, "edgeFeatures", edgeFeatures.length, e * edgeWidth);
        require(lineFeatures.length == 0 || lineFeatures.length == (long) e * k * lineWidth, "lineFeatures",
                lineFeatures.length, e * k * lineWidth);
        require(positionalEncoding.length == numSites * peWidth, "positionalEncoding", positionalEncoding.length,
                numSites * peWidth);
    }

    /** Number of edges E = k.N. */
    public int numEdges() {
        return numSites * k;
    }

    /** Number of line edges k.E. */
    public int numLineEdges() {
        return numEdges() * k;
    }

    /** Whether the line-edge features are stored (false for a compact graph). */
    public boolean hasLineFeatures() {
        return lineFeatures.length > 0 || numSites == 0;
    }

    /** This graph with other line-edge features (or none: an empty array). */
    public CrystalGraph withLineFeatures(float[] features) {
        return new CrystalGraph(numSites, k, speciesOffsets, speciesZ, speciesOccupancy, edgeSource, edgeImage,
                edgeVector, edgeLength, edgeFeatures, features, positionalEncoding, edgeWidth, lineWidth, peWidth,
                radiusAngstrom);
    }

    /** This graph without its line-edge features, for keeping many graphs in memory or on disk. */
    public CrystalGraph compact() {
        return withLineFeatures(new float[0]);
    }

    /** Destination (centre) site of edge e. */
    public int edgeDestination(int e) {
        return e / k;
    }

    private static void require(boolean ok, String name, int actual, int expected) {
        if (!ok) {
            throw new IllegalArgumentException(name + " has length " + actual + ", expected " + expected);
        }
    }
}

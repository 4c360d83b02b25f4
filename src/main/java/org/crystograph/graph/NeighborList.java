package org.crystograph.graph;

/**
 * The k-nearest-neighbour edges of one crystal (spec section 2) before featurisation.
 *
 * <p>Edge {@code e = k*i + rank} runs from neighbour {@code source[e]} to centre {@code i}; its neighbour sits at
 * {@code (f_j + n_e) . M}, its vector is neighbour minus centre. Arrays are not copied (an internal carrier); callers
 * must not mutate them.
 *
 * @param numSites N
 * @param k neighbours per site
 * @param source [E] neighbour site of each edge
 * @param image [E*3] image offset n of each edge
 * @param vector [E*3] Cartesian edge vector in Angstrom, {@code (f_j + n) . M - x_i}
 * @param length [E] edge length in Angstrom
 * @param radiusAngstrom the final search radius R of the growth rule (8, 10, ... Angstrom)
 */
public record NeighborList(int numSites, int k, int[] source, int[] image, double[] vector, double[] length,
        double radiusAngstrom) {

    /** Checks array lengths. */
    public NeighborList {
        int e = numSites * k;
        if (source.length != e || image.length != 3 * e || vector.length != 3 * e || length.length != e) {
            throw new IllegalArgumentException("neighbour arrays do not match N=" + numSites + ", k=" + k);
        }
    }

    /** Number of edges E = k.N. */
    public int numEdges() {
        return numSites * k;
    }
}

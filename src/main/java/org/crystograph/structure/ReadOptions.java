package org.crystograph.structure;

/**
 * Limits and tolerances applied while reading structures.
 *
 * @param maxSites maximum number of sites per structure after symmetry expansion
 * @param siteToleranceAngstrom images of a site closer than this are merged during symmetry expansion
 */
public record ReadOptions(int maxSites, double siteToleranceAngstrom) {

    /** Validates. */
    public ReadOptions {
        if (maxSites < 1) {
            throw new IllegalArgumentException("maxSites must be >= 1, got " + maxSites);
        }
        if (!(siteToleranceAngstrom > 0)) {
            throw new IllegalArgumentException("siteToleranceAngstrom must be > 0, got " + siteToleranceAngstrom);
        }
    }

    /** 20,000 sites; 0.01 A merge tolerance (pymatgen's CifParser site_tolerance of 1e-4 is fractional; see readers). */
    public static ReadOptions defaults() {
        return new ReadOptions(Structure.DEFAULT_MAX_SITES, 1e-2);
    }
}

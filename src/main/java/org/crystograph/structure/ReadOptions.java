package org.crystograph.structure;

/**
 * Limits and tolerances applied while reading structures.
 *
 * <p>The site tolerance is in <em>fractional</em> coordinates, as pymatgen's {@code CifParser(site_tolerance=1e-4)}:
 * two positions are the same site when every component of their periodic difference ({@code d - round(d)}) is below
 * it. Symmetry images of one atom closer than this are merged into one site, and distinct atoms of the asymmetric
 * unit that coincide within it are merged into one disordered site (or rejected when their occupancies exceed 1).
 *
 * @param maxSites maximum number of sites per structure after symmetry expansion
 * @param siteToleranceFractional merge tolerance per fractional component (pymatgen's default 1e-4)
 */
public record ReadOptions(int maxSites, double siteToleranceFractional) {

    /** pymatgen's {@code CifParser} default {@code site_tolerance}, fractional. */
    public static final double DEFAULT_SITE_TOLERANCE_FRACTIONAL = 1e-4;

    /** Validates. */
    public ReadOptions {
        if (maxSites < 1) {
            throw new IllegalArgumentException("maxSites must be >= 1, got " + maxSites);
        }
        if (!(siteToleranceFractional > 0 && siteToleranceFractional < 0.5)) {
            throw new IllegalArgumentException("siteToleranceFractional must be in (0, 0.5), got "
                    + siteToleranceFractional);
        }
    }

    /** 20,000 sites; 1e-4 fractional merge tolerance (pymatgen's CifParser default). */
    public static ReadOptions defaults() {
        return new ReadOptions(Structure.DEFAULT_MAX_SITES, DEFAULT_SITE_TOLERANCE_FRACTIONAL);
    }

    /** The same options with another maximum number of sites. */
    public ReadOptions withMaxSites(int max) {
        return new ReadOptions(max, siteToleranceFractional);
    }
}

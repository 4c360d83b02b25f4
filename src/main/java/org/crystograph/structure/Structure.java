package org.crystograph.structure;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A periodic crystal structure: a lattice and its sites.
 *
 * @param lattice the cell
 * @param sites the sites in the cell, at least one
 */
public record Structure(Lattice lattice, List<Site> sites) {

    /** Default maximum number of sites a structure may have (configurable in readers through {@link ReadOptions}). */
    public static final int DEFAULT_MAX_SITES = 20_000;

    /** Validates and copies. */
    public Structure {
        if (lattice == null) {
            throw StructureException.invalid("structure has no lattice");
        }
        if (sites == null || sites.isEmpty()) {
            throw StructureException.invalid("structure has no sites");
        }
        sites = List.copyOf(sites);
    }

    /** Number of sites. */
    public int size() {
        return sites.size();
    }

    /** Site i. */
    public Site site(int i) {
        return sites.get(i);
    }

    /** Cell volume in cubic Angstrom. */
    public double volume() {
        return lattice.volume();
    }

    /**
     * Amount of each element in the cell: the sum of occupancies per element symbol, in order of the symbols
     * (alphabetical), e.g. {@code {Cl=4.0, Na=4.0}} for the conventional rock-salt cell.
     */
    public Map<String, Double> composition() {
        Map<String, Double> amounts = new TreeMap<>();
        for (Site site : sites) {
            for (Species s : site.species()) {
                amounts.merge(s.symbol(), s.occupancy(), Double::sum);
            }
        }
        return amounts;
    }

    /** Cartesian position of site i in Angstrom. */
    public double[] cartesian(int i) {
        return lattice.toCartesian(sites.get(i).frac());
    }

    /** The same structure with the lattice in the canonical frame and the same fractional coordinates. */
    public Structure canonicalFrame() {
        return new Structure(lattice.canonical(), sites);
    }
}

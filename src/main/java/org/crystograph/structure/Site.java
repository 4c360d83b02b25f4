package org.crystograph.structure;

import java.util.List;
import java.util.Optional;

/**
 * A crystallographic site: one or more species with occupancies at fractional coordinates.
 *
 * @param species species on this site, distinct elements, occupancies summing to at most 1 + tolerance
 * @param frac fractional coordinates (3 values, as stored: not wrapped)
 * @param label site label from the file, never null (may be empty)
 */
public record Site(List<Species> species, double[] frac, String label) {

    /** Tolerance on occupancy sums, as pymatgen's. */
    public static final double OCCUPANCY_TOLERANCE = 1e-4;

    /**
     * Largest accepted magnitude of a fractional coordinate. Beyond it a double no longer places the site within the
     * cell to 1e-10 (its spacing there is 1.2e-10), so a coordinate such as 1e300 would silently land at the origin.
     */
    public static final double MAX_FRACTIONAL = 1e6;

    /** Validates and copies. */
    public Site {
        if (species == null || species.isEmpty()) {
            throw StructureException.invalid("site '" + label + "' has no species");
        }
        species = List.copyOf(species);
        double sum = 0;
        for (int i = 0; i < species.size(); i++) {
            sum += species.get(i).occupancy();
            for (int j = 0; j < i; j++) {
                if (species.get(i).atomicNumber() == species.get(j).atomicNumber()) {
                    throw StructureException.invalid("site '" + label + "' lists " + species.get(i).symbol() + " twice");
                }
            }
        }
        if (sum > 1 + OCCUPANCY_TOLERANCE) {
            throw StructureException.invalid("site '" + label + "' has total occupancy " + sum + " > 1");
        }
        if (frac == null || frac.length != 3) {
            throw StructureException.invalid("site '" + label + "' needs 3 fractional coordinates");
        }
        for (double f : frac) {
            if (!Double.isFinite(f)) {
                throw StructureException.invalid("site '" + label + "' has non-finite coordinate " + f);
            }
            Optional<String> far = farFromCell(label, f);
            if (far.isPresent()) {
                throw StructureException.invalid(far.get());
            }
        }
        frac = frac.clone();
        label = label == null ? "" : label;
    }

    /**
     * Why fractional coordinate {@code f} of site {@code label} cannot be placed in the cell, when it lies more than
     * {@link #MAX_FRACTIONAL} cells from the origin; readers that wrap coordinates before building sites ask first.
     */
    public static Optional<String> farFromCell(String label, double f) {
        return Math.abs(f) <= MAX_FRACTIONAL ? Optional.empty() : Optional.of("site '" + label
                + "' has fractional coordinate " + f + ", more than " + (long) MAX_FRACTIONAL
                + " cells from the origin, where its place in the cell is lost");
    }

    /** A fully occupied single-element site. */
    public static Site of(String symbol, double x, double y, double z) {
        return new Site(List.of(Species.of(symbol)), new double[] {x, y, z}, symbol);
    }

    /** Fractional coordinates (a copy). */
    @Override
    public double[] frac() {
        return frac.clone();
    }

    /** Fractional coordinate along axis k (0, 1, 2) without copying. */
    public double frac(int k) {
        return frac[k];
    }

    /** Sum of occupancies (1 for an ordered site). */
    public double totalOccupancy() {
        double sum = 0;
        for (Species s : species) {
            sum += s.occupancy();
        }
        return sum;
    }

    /** True when one species fills the whole site. */
    public boolean isOrdered() {
        return species.size() == 1 && Math.abs(species.get(0).occupancy() - 1) <= OCCUPANCY_TOLERANCE;
    }
}

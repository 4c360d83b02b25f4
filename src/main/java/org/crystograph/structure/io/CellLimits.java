package org.crystograph.structure.io;

import java.util.Locale;
import org.crystograph.structure.Lattice;
import org.crystograph.structure.StructureException;

/**
 * The cells every reader accepts: limits that no material's cell comes near, checked once for all five formats so that
 * a cell that cannot be a crystal is refused where it is read, naming the field (and line), instead of reaching graph
 * building.
 *
 * <p>The limits are physically generous on purpose. All 26,831 structures of the project's datasets lie well inside
 * them (as of 2026-12: lengths 1.53-98.7 A, angles 17.2-152.6 degrees, aspect ratio at most 36.8, 5.42-8,000 A^3 per
 * atom; {@code CellLimitsDatasetsTest} checks every file), and so do the usual mistakes that still describe a crystal:
 * a cell written in nanometres where Angstrom are expected is 10 times too small and stays accepted (the prediction
 * then carries the close-contact warning), as does a cell in Bohr.
 */
public final class CellLimits {

    /**
     * Shortest accepted cell vector, Angstrom. A lattice translation maps every atom onto an atom of its own kind, so
     * it is at least the shortest bond (0.74 A, H2); the datasets' shortest is 1.53 A. 0.1 A still accepts a cell
     * written in nanometres (10 times too short), which the close-contact warning reports.
     */
    public static final double MIN_LENGTH_ANGSTROM = 0.1;

    /**
     * Longest accepted cell vector, Angstrom: ten times the datasets' longest (98.7 A, the c axis of a long-period SiC
     * polytype), beyond 2D slabs with any realistic vacuum and beyond what 20,000 sites could fill.
     */
    public static final double MAX_LENGTH_ANGSTROM = 1_000;

    /**
     * Smallest accepted angle between two cell vectors, degrees (the largest is 180 minus it). Primitive rhombohedral
     * cells of long-period polytypes have angles of a few degrees (33R-SiC: 6.4); the datasets' smallest is 17.2.
     */
    public static final double MIN_ANGLE_DEGREES = 1;

    /**
     * Smallest accepted volume relative to the product of the cell lengths, V / (|a| |b| |c|) (1 for a cube, sin of
     * the angle for a flattened cell): below it the vectors are coplanar up to rounding, e.g. angles of 120, 120,
     * 120 degrees, and the absolute {@link Lattice#MIN_VOLUME} would not catch it for ordinary lengths.
     */
    public static final double MIN_RELATIVE_VOLUME = 1e-6;

    /**
     * Largest accepted aspect ratio: the longest cell vector over the smallest perpendicular height (the spacing of
     * the lattice planes spanned by two vectors). A 2D crystal with 15-30 A of vacuum on a 2.5 A cell has 10-20, the
     * datasets' largest is 36.8 (a SiC polytype, c = 98.7 A on a = 3.09 A); 100 leaves room for thicker vacuum and
     * skewed but valid cells, and refuses needles and sheets no crystal has.
     */
    public static final double MAX_ASPECT_RATIO = 100;

    /**
     * Smallest accepted volume per atom, cubic Angstrom (atoms counted by occupancy). The densest solids have about 5
     * (diamond 5.7, the datasets' densest 5.42) and hydrogen at 500 GPa about 1.3; 0.001 leaves room for a cell in
     * nanometres read as Angstrom (1,000 times too small in volume).
     */
    public static final double MIN_VOLUME_PER_ATOM_CUBIC_ANGSTROM = 1e-3;

    /**
     * Largest accepted volume per atom, cubic Angstrom (atoms counted by occupancy). An ideal gas at 0 C and 1 atm has
     * 37,000; an isolated atom in a 20 A box (as in the JARVIS molecule set) 8,000, the datasets' largest. Beyond
     * 100,000 no material is described (and no site could have its 12 neighbours within the 30 A search radius).
     */
    public static final double MAX_VOLUME_PER_ATOM_CUBIC_ANGSTROM = 1e5;

    /** Part index of a violation that concerns the cell as a whole (flatness, aspect ratio, volume per atom). */
    static final int WHOLE_CELL = -1;

    private static final String[] PARTS = {"a", "b", "c", "alpha", "beta", "gamma"};

    private CellLimits() {
    }

    /** Turns a violated limit into the reader's exception, with its format, line and field. */
    @FunctionalInterface
    interface Where {
        /**
         * @param part 0, 1, 2 for cell vector a, b, c; 3, 4, 5 for angle alpha, beta, gamma; {@link #WHOLE_CELL}
         * @param message what is wrong, naming the value and the limit
         */
        StructureException at(int part, String message);
    }

    /**
     * Returns the lattice, or throws (through {@code where}) naming the first limit it violates: lengths, angles,
     * flatness, aspect ratio, in that order.
     */
    static Lattice check(Lattice lattice, Where where) {
        double[] lengths = new double[3];
        for (int k = 0; k < 3; k++) {
            double len = lattice.length(k);
            lengths[k] = len;
            if (!(len >= MIN_LENGTH_ANGSTROM)) {
                throw where.at(k, String.format(Locale.ROOT, "cell vector %s is %.3g A long, below %s A: shorter than"
                        + " any bond (check the units and the scale)", PARTS[k], len, MIN_LENGTH_ANGSTROM));
            }
            if (!(len <= MAX_LENGTH_ANGSTROM)) {
                throw where.at(k, String.format(Locale.ROOT, "cell vector %s is %.3g A long, above %,.0f A: no"
                        + " crystal's cell is that long (check the units and the scale)", PARTS[k], len,
                        MAX_LENGTH_ANGSTROM));
            }
        }
        double[] angles = {lattice.alpha(), lattice.beta(), lattice.gamma()};
        for (int k = 0; k < 3; k++) {
            if (!(angles[k] >= MIN_ANGLE_DEGREES && angles[k] <= 180 - MIN_ANGLE_DEGREES)) {
                throw where.at(3 + k, String.format(Locale.ROOT, "cell angle %s = %s degrees is outside [%s, %s]"
                        + " degrees: the cell is degenerate", PARTS[3 + k],
                        new java.math.BigDecimal(angles[k]).round(new java.math.MathContext(4)).stripTrailingZeros()
                                .toPlainString(), MIN_ANGLE_DEGREES, 180 - MIN_ANGLE_DEGREES));
            }
        }
        double volume = lattice.volume();
        double rel = volume / (lengths[0] * lengths[1] * lengths[2]);
        if (!(rel >= MIN_RELATIVE_VOLUME)) {
            throw where.at(WHOLE_CELL, String.format(Locale.ROOT,
                    "degenerate cell: volume %.3g A^3 is %.2g of a*b*c (cell vectors nearly coplanar)", volume, rel));
        }
        double longest = Math.max(lengths[0], Math.max(lengths[1], lengths[2]));
        // the spacing of the planes spanned by vectors j and l is V / |v_j x v_l|
        double[] heights = new double[3];
        for (int k = 0; k < 3; k++) {
            int j = (k + 1) % 3;
            int l = (k + 2) % 3;
            double cx = lattice.get(j, 1) * lattice.get(l, 2) - lattice.get(j, 2) * lattice.get(l, 1);
            double cy = lattice.get(j, 2) * lattice.get(l, 0) - lattice.get(j, 0) * lattice.get(l, 2);
            double cz = lattice.get(j, 0) * lattice.get(l, 1) - lattice.get(j, 1) * lattice.get(l, 0);
            heights[k] = volume / Math.sqrt(cx * cx + cy * cy + cz * cz);
        }
        int thin = 0;
        for (int k = 1; k < 3; k++) {
            if (heights[k] < heights[thin]) {
                thin = k;
            }
        }
        double aspect = longest / heights[thin];
        if (!(aspect <= MAX_ASPECT_RATIO)) {
            throw where.at(WHOLE_CELL, String.format(Locale.ROOT, "cell aspect ratio %.3g is above %s: the longest"
                    + " cell vector is %.3g A but the lattice planes along %s are only %.3g A apart (a needle or sheet"
                    + " no crystal has; check the lattice)", aspect, MAX_ASPECT_RATIO, longest, PARTS[thin],
                    heights[thin]));
        }
        return lattice;
    }

    /**
     * Throws (through {@code where}, as a {@link #WHOLE_CELL} violation) when the cell's volume per atom lies outside
     * [{@link #MIN_VOLUME_PER_ATOM_CUBIC_ANGSTROM}, {@link #MAX_VOLUME_PER_ATOM_CUBIC_ANGSTROM}].
     *
     * @param atoms the number of atoms in the cell, counted by occupancy
     */
    static void checkVolumePerAtom(Lattice lattice, double atoms, Where where) {
        double perAtom = lattice.volume() / atoms;
        if (!(perAtom >= MIN_VOLUME_PER_ATOM_CUBIC_ANGSTROM)) {
            throw where.at(WHOLE_CELL, String.format(Locale.ROOT, "%s atoms in a cell of %.3g A^3: %.3g A^3 per"
                    + " atom is below %s A^3, thousands of times denser than any solid (check the units, the scale and"
                    + " the atom counts)", count(atoms), lattice.volume(), perAtom, MIN_VOLUME_PER_ATOM_CUBIC_ANGSTROM));
        }
        if (!(perAtom <= MAX_VOLUME_PER_ATOM_CUBIC_ANGSTROM)) {
            throw where.at(WHOLE_CELL, String.format(Locale.ROOT, "%s atoms in a cell of %.3g A^3: %.3g A^3 per"
                    + " atom is above %,.0f A^3, emptier than a gas (check the units and the scale)", count(atoms),
                    lattice.volume(), perAtom, MAX_VOLUME_PER_ATOM_CUBIC_ANGSTROM));
        }
    }

    private static String count(double atoms) {
        return atoms == Math.rint(atoms) ? String.format(Locale.ROOT, "%,.0f", atoms)
                : String.format(Locale.ROOT, "%.4g", atoms);
    }
}

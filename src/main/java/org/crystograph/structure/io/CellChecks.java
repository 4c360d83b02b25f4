package org.crystograph.structure.io;

import java.util.Locale;
import org.crystograph.structure.Lattice;
import org.crystograph.structure.StructureException;

/** Checks on cells that every reader applies beyond {@link Lattice}'s own validation. */
final class CellChecks {

    /**
     * Smallest accepted volume relative to the product of the cell lengths, V / (|a| |b| |c|) (1 for a cube, sin of
     * the angle for a flattened cell): below it the vectors are coplanar up to rounding, e.g. angles of 120, 120,
     * 120 degrees, and the absolute {@link Lattice#MIN_VOLUME} would not catch it for ordinary lengths.
     */
    static final double MIN_RELATIVE_VOLUME = 1e-6;

    private CellChecks() {
    }

    /** Returns the lattice, or throws naming the cell when it is flat. */
    static Lattice nonDegenerate(Lattice lattice, String format, int line, String field) {
        double rel = lattice.volume() / (lattice.a() * lattice.b() * lattice.c());
        if (!(rel >= MIN_RELATIVE_VOLUME)) {
            throw new StructureException(format, line, field, String.format(Locale.ROOT,
                    "degenerate cell: volume %.3g A^3 is %.2g of a*b*c (cell vectors nearly coplanar)",
                    lattice.volume(), rel));
        }
        return lattice;
    }
}

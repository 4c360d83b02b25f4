package org.crystograph.graph;

import java.util.Locale;
import java.util.Optional;
import org.crystograph.structure.Site;
import org.crystograph.structure.Structure;

/**
 * Finds atoms closer than any two atoms can be, the mark of a cell in the wrong units (Bohr for Angstrom), a wrong
 * POSCAR scale, or a unit cell that collapses its sites onto their images. A graph is still built (the model accepts
 * it), so this is a warning for the caller, not a refusal.
 *
 * <p>Disordered structures list alternative positions a few tenths of an Angstrom apart, each partly occupied; a pair
 * is only reported when its occupancies sum to more than 1, so both sites would be filled at once.
 */
public final class CloseContacts {

    /** Shortest distance two atoms that are both present can have, Angstrom (H-H in H2 is 0.74 A). */
    public static final double MIN_DISTANCE_ANGSTROM = 0.5;

    /** Distances this close to the shortest count as the same distance when naming a pair. */
    private static final double TIE_ANGSTROM = 1e-9;

    private CloseContacts() {
    }

    /**
     * The warning for a structure's closest impossible contact, if it has one. The closest pair of a crystal is among
     * each site's k nearest neighbours, which are the graph's edges.
     *
     * @param structure the structure the graph was built from
     * @param graph its graph
     * @return e.g. {@code "sites 0 (Na1) and 1 (Cl1) are 0.070 A apart, closer than two atoms can be (0.5 A); check
     *     the cell, its units and the scale"}
     */
    public static Optional<String> warning(Structure structure, CrystalGraph graph) {
        double[] length = graph.edgeLength();
        int closest = -1; // the first such edge in site order at the shortest distance (ties differ by rounding only)
        for (int e = 0; e < graph.numEdges(); e++) {
            double bound = closest < 0 ? MIN_DISTANCE_ANGSTROM : length[closest] - TIE_ANGSTROM;
            if (length[e] < bound && bothPresent(structure, graph.edgeDestination(e), graph.edgeSource()[e])) {
                closest = e;
            }
        }
        if (closest < 0) {
            return Optional.empty();
        }
        int i = Math.min(graph.edgeDestination(closest), graph.edgeSource()[closest]);
        int j = Math.max(graph.edgeDestination(closest), graph.edgeSource()[closest]);
        String which = i == j ? "site " + i + " (" + label(structure, i) + ") and its periodic image are"
                : "sites " + i + " (" + label(structure, i) + ") and " + j + " (" + label(structure, j) + ") are";
        return Optional.of(String.format(Locale.ROOT, "%s %.3f A apart, closer than two atoms can be (%.1f A);"
                + " check the cell, its units and the scale", which, length[closest], MIN_DISTANCE_ANGSTROM));
    }

    /** Whether sites i and j (or site i and its image, i = j) cannot both be partly occupied. */
    private static boolean bothPresent(Structure structure, int i, int j) {
        return structure.site(i).totalOccupancy() + structure.site(j).totalOccupancy() > 1 + Site.OCCUPANCY_TOLERANCE;
    }

    private static String label(Structure structure, int i) {
        String label = structure.site(i).label();
        return label.isEmpty() ? structure.site(i).species().get(0).symbol() : label;
    }
}

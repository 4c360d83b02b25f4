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
        double closest = Double.POSITIVE_INFINITY;
        for (int e = 0; e < graph.numEdges(); e++) {
            if (length[e] < Math.min(closest, MIN_DISTANCE_ANGSTROM) && impossible(structure, graph, e)) {
                closest = length[e];
            }
        }
        if (closest == Double.POSITIVE_INFINITY) {
            return Optional.empty();
        }
        // name the first such pair in site order among those at the closest distance (ties differ by rounding only)
        int e = 0;
        while (length[e] > closest + TIE_ANGSTROM || !impossible(structure, graph, e)) {
            e++;
        }
        int i = Math.min(graph.edgeDestination(e), graph.edgeSource()[e]);
        int j = Math.max(graph.edgeDestination(e), graph.edgeSource()[e]);
        String which = i == j ? "site " + i + " (" + label(structure, i) + ") and its periodic image are"
                : "sites " + i + " (" + label(structure, i) + ") and " + j + " (" + label(structure, j) + ") are";
        return Optional.of(String.format(Locale.ROOT, "%s %.3f A apart, closer than two atoms can be (%.1f A);"
                + " check the cell, its units and the scale", which, closest, MIN_DISTANCE_ANGSTROM));
    }

    /** Whether edge e joins two sites (or a site and its image) whose occupancies cannot both be partial. */
    private static boolean impossible(Structure structure, CrystalGraph graph, int e) {
        return bothPresent(structure, graph.edgeDestination(e), graph.edgeSource()[e]);
    }

    private static boolean bothPresent(Structure structure, int i, int j) {
        double occupancy = i == j ? 2 * structure.site(i).totalOccupancy()
                : structure.site(i).totalOccupancy() + structure.site(j).totalOccupancy();
        return occupancy > 1 + Site.OCCUPANCY_TOLERANCE;
    }

    private static String label(Structure structure, int i) {
        String label = structure.site(i).label();
        return label.isEmpty() ? structure.site(i).species().get(0).symbol() : label;
    }
}

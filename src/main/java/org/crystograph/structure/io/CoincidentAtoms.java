package org.crystograph.structure.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import org.crystograph.structure.ReadOptions;
import org.crystograph.structure.Site;
import org.crystograph.structure.Species;
import org.crystograph.structure.StructureException;

/**
 * The one rule every reader applies to atoms that share a position: atoms closer than the site tolerance
 * ({@link ReadOptions#siteToleranceFractional()}, in every fractional component, periodically) become one disordered
 * site when their occupancies add up to at most 1 (+ {@link Site#OCCUPANCY_TOLERANCE}); otherwise the input is refused
 * ("duplicate atoms?"). The merged site keeps the first atom's position, label and place in the site order; its species
 * are the atoms' species in order of first appearance, occupancies of one element summed. A merge is reported as a
 * warning when the atoms are of one element or their positions differ by more than a tenth of the tolerance.
 *
 * <p>Look-ups go through a hashed {@link FractionalGrid}, so reading n atoms costs O(n) however they cluster: a file
 * with 20,000 atoms on one position is refused at its second atom. Not thread-safe; one instance per structure.
 */
final class CoincidentAtoms {

    /** Merged positions further apart than this fraction of the site tolerance are reported as disagreeing. */
    static final double DISAGREEMENT_FRACTION_OF_TOLERANCE = 0.1;

    /** Turns a refusal of atom {@code atom} into the reader's exception, with its format, line and field. */
    @FunctionalInterface
    interface Refusal {
        StructureException at(int atom, String message);
    }

    private static final int INITIAL_SITES = 16;

    private final double tolerance;
    private final FractionalGrid grid;
    private final IntFunction<String> atomName;
    private final Refusal refusal;
    private final List<List<Species>> species = new ArrayList<>();
    private int[] firstAtom = new int[INITIAL_SITES];
    private double[] occupancy = new double[INITIAL_SITES];

    /**
     * @param expected number of atoms expected (sizes the grid)
     * @param options the site tolerance
     * @param atomName names atom i (as the reader numbers them) in messages, e.g. {@code 'Fe1'} or {@code 3 (Fe)};
     *     asked only for a refusal or a warning
     * @param refusal builds the reader's exception when an atom is refused
     */
    CoincidentAtoms(int expected, ReadOptions options, IntFunction<String> atomName, Refusal refusal) {
        this.tolerance = options.siteToleranceFractional();
        this.grid = new FractionalGrid(expected, tolerance);
        this.atomName = atomName;
        this.refusal = refusal;
    }

    /** Number of sites so far. */
    int size() {
        return grid.size();
    }

    /** The site within the tolerance of wrapped fractional position (x, y, z) (in [0, 1)), or -1. */
    int find(double x, double y, double z) {
        return grid.find(x, y, z);
    }

    /** Largest periodic component difference between site {@code site} and wrapped position (x, y, z). */
    double offset(int site, double x, double y, double z) {
        return grid.distance(site, x, y, z);
    }

    /**
     * Adds a new site at wrapped fractional position (x, y, z) for atom {@code atom}.
     *
     * @return the site's index
     */
    int add(double x, double y, double z, List<Species> atoms, int atom) {
        int site = grid.size();
        if (site == firstAtom.length) {
            firstAtom = Arrays.copyOf(firstAtom, 2 * site);
            occupancy = Arrays.copyOf(occupancy, 2 * site);
        }
        species.add(List.copyOf(atoms));
        firstAtom[site] = atom;
        occupancy[site] = total(atoms);
        return grid.add(x, y, z);
    }

    /**
     * Finds the site of atom {@code atom} at wrapped fractional position (x, y, z) and merges the atom into it, or adds
     * a new site: the whole rule for readers without symmetry operations.
     *
     * @return the site's index (equal to the number of sites before the call when the atom is a new site)
     * @throws StructureException from the refusal when the atom lies on a site and the occupancies exceed 1
     */
    int place(double x, double y, double z, List<Species> atoms, int atom, List<String> warnings) {
        int site = find(x, y, z);
        if (site < 0) {
            return add(x, y, z, atoms, atom);
        }
        merge(site, atoms, atom, offset(site, x, y, z), warnings);
        return site;
    }

    /**
     * Merges atom {@code atom} into site {@code site} (found within the tolerance).
     *
     * @param offset the largest fractional component difference between the atom and the site
     * @throws StructureException from the refusal when the occupancies add up to more than 1
     */
    void merge(int site, List<Species> atoms, int atom, double offset, List<String> warnings) {
        double sum = occupancy[site] + total(atoms);
        if (sum > 1 + Site.OCCUPANCY_TOLERANCE) {
            throw refusal.at(atom, "atom " + atomName.apply(atom) + " lies on atom " + atomName.apply(firstAtom[site])
                    + " (within " + tolerance + " fractional) and their occupancies sum to "
                    + String.format(Locale.ROOT, "%.4g", sum) + " > 1: duplicate atoms?");
        }
        List<Species> merged = new ArrayList<>(species.get(site));
        boolean sameElement = false;
        for (Species s : atoms) {
            int k = indexOf(merged, s.atomicNumber());
            if (k < 0) {
                merged.add(s);
            } else {
                sameElement = true;
                merged.set(k, new Species(s.atomicNumber(), merged.get(k).occupancy() + s.occupancy()));
            }
        }
        species.set(site, List.copyOf(merged));
        occupancy[site] = sum;
        if (offset > tolerance * DISAGREEMENT_FRACTION_OF_TOLERANCE || sameElement) {
            warnings.add("atom " + atomName.apply(atom) + " coincides with atom " + atomName.apply(firstAtom[site])
                    + " (offset " + String.format(Locale.ROOT, "%.2g", offset)
                    + " fractional) and was merged into one disordered site");
        }
    }

    /** The species of site {@code site}, merged. */
    List<Species> species(int site) {
        return species.get(site);
    }

    private static int indexOf(List<Species> list, int z) {
        for (int k = 0; k < list.size(); k++) {
            if (list.get(k).atomicNumber() == z) {
                return k;
            }
        }
        return -1;
    }

    private static double total(List<Species> atoms) {
        double t = 0;
        for (Species s : atoms) {
            t += s.occupancy();
        }
        return t;
    }
}

package org.crystograph.structure.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
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

    private final double tolerance;
    private final FractionalGrid grid;
    private final List<List<Species>> species = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final List<Double> occupancy = new ArrayList<>();

    /**
     * @param expected number of atoms expected (sizes the grid)
     * @param options the site tolerance
     */
    CoincidentAtoms(int expected, ReadOptions options) {
        this.tolerance = options.siteToleranceFractional();
        this.grid = new FractionalGrid(expected, tolerance);
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
     * Adds a new site at wrapped fractional position (x, y, z).
     *
     * @param atoms its species
     * @param name the atom as named in messages, e.g. {@code 'Fe1'} or {@code 3 (Fe)}
     * @return the site's index
     */
    int add(double x, double y, double z, List<Species> atoms, String name) {
        species.add(List.copyOf(atoms));
        names.add(name);
        occupancy.add(total(atoms));
        return grid.add(x, y, z);
    }

    /**
     * Finds the site of an atom at wrapped fractional position (x, y, z), merging the atom into it, or adds a new
     * site: the whole rule for readers without symmetry operations.
     *
     * @param error turns a message into the reader's exception (with its format, line and field)
     * @return the site's index
     * @throws StructureException from {@code error} when the atom lies on a site and the occupancies exceed 1
     */
    int place(double x, double y, double z, List<Species> atoms, String name,
            Function<String, StructureException> error, List<String> warnings) {
        int site = find(x, y, z);
        if (site < 0) {
            return add(x, y, z, atoms, name);
        }
        merge(site, atoms, name, offset(site, x, y, z), error, warnings);
        return site;
    }

    /**
     * Merges an atom into site {@code site} (found within the tolerance).
     *
     * @param offset the largest fractional component difference between the atom and the site
     * @param error turns a message into the reader's exception (with its format, line and field)
     * @throws StructureException from {@code error} when the occupancies add up to more than 1
     */
    void merge(int site, List<Species> atoms, String name, double offset, Function<String, StructureException> error,
            List<String> warnings) {
        double sum = occupancy.get(site) + total(atoms);
        if (sum > 1 + Site.OCCUPANCY_TOLERANCE) {
            throw error.apply("atom " + name + " lies on atom " + names.get(site) + " (within " + tolerance
                    + " fractional) and their occupancies sum to " + String.format(Locale.ROOT, "%.4g", sum)
                    + " > 1: duplicate atoms?");
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
        occupancy.set(site, sum);
        if (offset > tolerance * DISAGREEMENT_FRACTION_OF_TOLERANCE || sameElement) {
            warnings.add("atom " + name + " coincides with atom " + names.get(site) + " (offset "
                    + String.format(Locale.ROOT, "%.2g", offset) + " fractional) and was merged into one disordered site");
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

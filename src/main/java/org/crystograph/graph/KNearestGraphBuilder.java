package org.crystograph.graph;

import java.util.Arrays;
import org.crystograph.structure.Lattice;
import org.crystograph.structure.Structure;
import org.crystograph.structure.StructureException;

/**
 * The k-nearest-neighbour crystal graph of spec section 2: for each centre the k candidates (j, n) that come first by
 * the key {@code (round(d * 1e6), j, n1, n2, n3)}, edges neighbour to centre, laid out as an [N, k] table.
 *
 * <p>The search radius rule of the spec (start at 8 A, grow by 2 A until every site has k candidates, reject above
 * 30 A) decides only the reported radius R and the rejection of isolated sites: the k first candidates by key are the
 * same for any R that holds k of them. The cell-list search ({@link PeriodicNeighborSearch}) therefore looks for each
 * site's k nearest directly, starting from a radius estimated from the density and widening it per site until the
 * selection is provably complete. R is then the smallest radius of the growth rule that holds every site's k-th
 * neighbour.
 *
 * <p>Input errors ({@link StructureException}): distinct sites closer than {@link #COINCIDENT_ANGSTROM} (also a site
 * and its own image), and sites with fewer than k neighbours within the maximum radius.
 *
 * <p>Work bound ({@link GraphBuildException}): the search of one structure may spend at most
 * {@link #WORK_BASE_UNITS} + {@link #WORK_UNITS_PER_SITE} per site units of work (bins visited and candidates
 * examined, see {@link WorkBudget}); a cell whose periodic images cannot be searched within it (a height of 1e-30 A, a
 * pile of thousands of sites within a fraction of an Angstrom) stops with {@code WORK_LIMIT}, and an interrupted thread
 * stops within {@link WorkBudget#CHECK_INTERVAL_UNITS} units with {@code CANCELLED}.
 */
public final class KNearestGraphBuilder {

    /** Distinct sites closer than this (Angstrom) are an input error (spec section 1). */
    public static final double COINCIDENT_ANGSTROM = 1e-4;

    /** The first query radius is this multiple of the mean distance at which k neighbours are expected. */
    private static final double FIRST_RADIUS_FACTOR = 1.15;

    /** Factor by which a site's query radius grows when its selection is not yet complete. */
    private static final double RADIUS_GROWTH = 1.5;

    /** Margin above the maximum radius so that ties quantised at 1e-6 A at the boundary are seen. */
    private static final double BOUNDARY_MARGIN_ANGSTROM = 1e-5;

    /**
     * Work units every structure may spend whatever its size: a million, a few milliseconds. Four times the most any
     * of the 26,831 structures of the project's datasets spends in all (244,452 units, a 1,656-site MOF).
     */
    public static final long WORK_BASE_UNITS = 1_000_000L;

    /**
     * Work units allowed per site on top of {@link #WORK_BASE_UNITS}: 30 times the most any structure of the datasets
     * spends per site (666; the median is 171). A 20,000-site structure may thus spend 4e8 units, about a second.
     */
    public static final long WORK_UNITS_PER_SITE = 20_000L;

    private final GraphSettings settings;

    /** A builder for these settings. */
    public KNearestGraphBuilder(GraphSettings settings) {
        this.settings = settings;
    }

    /**
     * Builds the neighbour list of a structure in the frame given (callers apply the canonical frame first).
     *
     * @throws StructureException for coincident sites or isolated sites (no k neighbours within the maximum radius)
     * @throws GraphBuildException when the search exceeds its work bound or the thread is interrupted
     */
    public NeighborList build(Structure structure) {
        int n = structure.size();
        double[] frac = new double[3 * n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                frac[3 * i + c] = structure.site(i).frac(c);
            }
        }
        return build(structure.lattice(), frac, i -> describeSite(structure, i));
    }

    /**
     * Builds the neighbour list from a lattice and flat fractional coordinates.
     *
     * @param lattice the cell
     * @param frac [N*3] fractional coordinates as stored
     * @param siteName names a site in error messages
     * @throws GraphBuildException when the search exceeds its work bound or the thread is interrupted
     */
    public NeighborList build(Lattice lattice, double[] frac, java.util.function.IntFunction<String> siteName) {
        return build(lattice, frac, siteName, budgetFor(frac.length / 3));
    }

    /**
     * The default work budget of a structure with {@code sites} sites: {@link #WORK_BASE_UNITS} +
     * {@link #WORK_UNITS_PER_SITE} per site.
     */
    public static WorkBudget budgetFor(int sites) {
        return new WorkBudget(WORK_BASE_UNITS + WORK_UNITS_PER_SITE * sites, "neighbour search", () -> String.format(
                java.util.Locale.ROOT, "%,d + %,d per site x %,d sites", WORK_BASE_UNITS, WORK_UNITS_PER_SITE, sites));
    }

    /**
     * {@link #build(Lattice, double[], java.util.function.IntFunction)} within the given work budget.
     *
     * @throws GraphBuildException when the budget is exceeded or the thread is interrupted
     */
    public NeighborList build(Lattice lattice, double[] frac, java.util.function.IntFunction<String> siteName,
            WorkBudget budget) {
        GraphBuildException.throwIfInterrupted("neighbour search");
        int n = frac.length / 3;
        int k = settings.neighbors();
        double maxRadius = settings.maxRadiusAngstrom();
        double cap = maxRadius + BOUNDARY_MARGIN_ANGSTROM;
        double volumePerSite = lattice.volume() / n;
        double expected = Math.cbrt(3.0 * k * volumePerSite / (4.0 * Math.PI));
        double first = Math.min(cap, Math.max(expected * FIRST_RADIUS_FACTOR, 1e-3));
        PeriodicNeighborSearch search = new PeriodicNeighborSearch(lattice, frac, first);
        PeriodicNeighborSearch.Selection sel = new PeriodicNeighborSearch.Selection(k);

        int e = n * k;
        int[] source = new int[e];
        int[] image = new int[3 * e];
        double[] vector = new double[3 * e];
        double[] length = new double[e];
        double[][] m = lattice.matrix();
        long[] key = new long[k];
        Integer[] order = new Integer[k];
        int[] tmpSite = new int[k];
        int[] tmpImage = new int[3 * k];
        double[] tmpVec = new double[3 * k];
        double[] tmpLen = new double[k];
        double farthest = 0;
        for (int i = 0; i < n; i++) {
            double r = first;
            while (!search.nearest(i, r, sel, budget)) {
                if (r >= cap) {
                    throw StructureException.invalid(siteName.apply(i) + " has fewer than " + k
                            + " neighbours within " + maxRadius + " A (isolated site)");
                }
                r = Math.min(cap, r * RADIUS_GROWTH);
            }
            // exact vectors from the stored coordinates: (f_j + n) . M - x_i
            double xi0 = search.cartesian(i, 0);
            double xi1 = search.cartesian(i, 1);
            double xi2 = search.cartesian(i, 2);
            for (int rank = 0; rank < k; rank++) {
                int j = sel.site(rank);
                double p0 = frac[3 * j] + sel.image(rank, 0);
                double p1 = frac[3 * j + 1] + sel.image(rank, 1);
                double p2 = frac[3 * j + 2] + sel.image(rank, 2);
                double vx = p0 * m[0][0] + p1 * m[1][0] + p2 * m[2][0] - xi0;
                double vy = p0 * m[0][1] + p1 * m[1][1] + p2 * m[2][1] - xi1;
                double vz = p0 * m[0][2] + p1 * m[1][2] + p2 * m[2][2] - xi2;
                double d = Math.sqrt(vx * vx + vy * vy + vz * vz);
                if (d < COINCIDENT_ANGSTROM) {
                    String what = j == i ? siteName.apply(i) + " coincides with its own image "
                            + Arrays.toString(new int[] {sel.image(rank, 0), sel.image(rank, 1), sel.image(rank, 2)})
                            : siteName.apply(i) + " and " + siteName.apply(j) + " coincide";
                    throw StructureException.invalid(what + " (distance " + d + " A < " + COINCIDENT_ANGSTROM
                            + " A); merge them into one disordered site");
                }
                tmpSite[rank] = j;
                tmpImage[3 * rank] = sel.image(rank, 0);
                tmpImage[3 * rank + 1] = sel.image(rank, 1);
                tmpImage[3 * rank + 2] = sel.image(rank, 2);
                tmpVec[3 * rank] = vx;
                tmpVec[3 * rank + 1] = vy;
                tmpVec[3 * rank + 2] = vz;
                tmpLen[rank] = d;
                key[rank] = Math.round(d / PeriodicNeighborSearch.KEY_QUANTUM_ANGSTROM);
                order[rank] = rank;
            }
            // re-sort by the key on the exact lengths (the search's lengths differ only by rounding)
            Arrays.sort(order, (a, b) -> compare(key, tmpSite, tmpImage, a, b));
            for (int rank = 0; rank < k; rank++) {
                int src = order[rank];
                int edge = k * i + rank;
                source[edge] = tmpSite[src];
                System.arraycopy(tmpImage, 3 * src, image, 3 * edge, 3);
                System.arraycopy(tmpVec, 3 * src, vector, 3 * edge, 3);
                length[edge] = tmpLen[src];
                farthest = Math.max(farthest, tmpLen[src]);
            }
        }
        double finalRadius = settings.startRadiusAngstrom();
        while (finalRadius < farthest) {
            finalRadius += settings.radiusStepAngstrom();
        }
        if (finalRadius > maxRadius) {
            throw StructureException.invalid("a site's " + k + "th neighbour lies at " + farthest
                    + " A: the search radius would grow to " + finalRadius + " A, above the maximum " + maxRadius
                    + " A (isolated site)");
        }
        return new NeighborList(n, k, source, image, vector, length, finalRadius);
    }

    private static int compare(long[] key, int[] site, int[] image, int a, int b) {
        int c = Long.compare(key[a], key[b]);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(site[a], site[b]);
        for (int t = 0; c == 0 && t < 3; t++) {
            c = Integer.compare(image[3 * a + t], image[3 * b + t]);
        }
        return c;
    }

    private static String describeSite(Structure structure, int i) {
        String label = structure.site(i).label();
        return "site " + i + (label.isEmpty() ? "" : " (" + label + ")");
    }
}

package org.crystograph.graph;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.crystograph.structure.Lattice;

/**
 * The literal neighbour enumeration of spec section 2, for verification and as the benchmark baseline: for each centre,
 * every site j and every image offset n with {@code n_k in [-N_k, N_k]}, {@code N_k = ceil(R |b*_k| + spread_k)}.
 * O(n^2 . images): use {@link KNearestGraphBuilder} for real work. One query examines at most
 * {@link #MAX_CANDIDATES_PER_QUERY} (site, image) pairs ({@link GraphBuildException} WORK_LIMIT before it starts
 * otherwise) and notices an interrupt within one row of images ({@code CANCELLED}).
 */
public final class ReferenceNeighborSearch {

    /** One candidate neighbour (j, n) of a centre at distance d. */
    public record Candidate(int site, int n1, int n2, int n3, double distanceAngstrom) {
        /** The spec's sort key: quantised distance, site, then image offset. */
        public static final Comparator<Candidate> KEY = Comparator
                .comparingLong((Candidate c) -> Math.round(c.distanceAngstrom / PeriodicNeighborSearch.KEY_QUANTUM_ANGSTROM))
                .thenComparingInt(Candidate::site)
                .thenComparingInt(Candidate::n1)
                .thenComparingInt(Candidate::n2)
                .thenComparingInt(Candidate::n3);
    }

    /**
     * Most (site, image) pairs one {@link #within} query may examine: 100 million, about a second. The benchmark's
     * 100-site MOF cells need about 10^5.
     */
    public static final long MAX_CANDIDATES_PER_QUERY = 100_000_000L;

    private final Lattice lattice;
    private final double[] frac;
    private final int n;
    private final double[] spread = new double[3];
    private final double[] reciprocalNorm = new double[3];

    /**
     * Prepares the enumeration for one crystal.
     *
     * @param lattice the cell
     * @param frac [N*3] fractional coordinates as stored
     */
    public ReferenceNeighborSearch(Lattice lattice, double[] frac) {
        this.lattice = lattice;
        this.frac = frac.clone();
        this.n = frac.length / 3;
        double[][] recip = lattice.reciprocalRows();
        for (int k = 0; k < 3; k++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                lo = Math.min(lo, frac[3 * i + k]);
                hi = Math.max(hi, frac[3 * i + k]);
            }
            spread[k] = hi - lo;
            reciprocalNorm[k] = Math.sqrt(recip[k][0] * recip[k][0] + recip[k][1] * recip[k][1]
                    + recip[k][2] * recip[k][2]);
        }
    }

    /** Image range N_k for radius R along axis k. */
    public int imageRange(double radiusAngstrom, int axis) {
        return (int) Math.ceil(radiusAngstrom * reciprocalNorm[axis] + spread[axis]);
    }

    /**
     * All candidates of centre i with 0 &lt; d &lt;= R, excluding (i, 0), sorted by the spec key.
     *
     * @throws GraphBuildException WORK_LIMIT when the enumeration would exceed {@link #MAX_CANDIDATES_PER_QUERY},
     *     CANCELLED when the thread is interrupted
     */
    public List<Candidate> within(int i, double radiusAngstrom) {
        double[][] m = lattice.matrix();
        double pairs = n;
        for (int k = 0; k < 3; k++) {
            pairs *= 2 * Math.ceil(radiusAngstrom * reciprocalNorm[k] + spread[k]) + 1;
        }
        if (!(pairs <= MAX_CANDIDATES_PER_QUERY)) {
            throw new GraphBuildException(GraphBuildException.Reason.WORK_LIMIT, String.format(java.util.Locale.ROOT,
                    "the literal neighbour enumeration of site %d within %.4g A would examine %.3g (site, image) pairs:"
                            + " above the limit of %,d", i, radiusAngstrom, pairs, MAX_CANDIDATES_PER_QUERY));
        }
        int[] range = {imageRange(radiusAngstrom, 0), imageRange(radiusAngstrom, 1), imageRange(radiusAngstrom, 2)};
        double[] xi = lattice.toCartesian(new double[] {frac[3 * i], frac[3 * i + 1], frac[3 * i + 2]});
        List<Candidate> out = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            for (int a = -range[0]; a <= range[0]; a++) {
                GraphBuildException.throwIfInterrupted("literal neighbour enumeration");
                for (int b = -range[1]; b <= range[1]; b++) {
                    for (int c = -range[2]; c <= range[2]; c++) {
                        if (j == i && a == 0 && b == 0 && c == 0) {
                            continue;
                        }
                        double p0 = frac[3 * j] + a;
                        double p1 = frac[3 * j + 1] + b;
                        double p2 = frac[3 * j + 2] + c;
                        double dx = p0 * m[0][0] + p1 * m[1][0] + p2 * m[2][0] - xi[0];
                        double dy = p0 * m[0][1] + p1 * m[1][1] + p2 * m[2][1] - xi[1];
                        double dz = p0 * m[0][2] + p1 * m[1][2] + p2 * m[2][2] - xi[2];
                        double d = Math.sqrt(dx * dx + dy * dy + dz * dz);
                        if (d > 0 && d <= radiusAngstrom) {
                            out.add(new Candidate(j, a, b, c, d));
                        }
                    }
                }
            }
        }
        out.sort(Candidate.KEY);
        return out;
    }

    /**
     * The spec's growth rule literally: R = start, start + step, ... until every centre has k candidates; returns R and
     * fills {@code selected} with each centre's first k candidates by key; R = NaN when R would exceed maxRadius.
     */
    public double kNearest(int k, double start, double step, double maxRadius, List<List<Candidate>> selected) {
        for (double r = start; r <= maxRadius; r += step) {
            List<List<Candidate>> all = new ArrayList<>();
            boolean enough = true;
            for (int i = 0; i < n && enough; i++) {
                List<Candidate> c = within(i, r);
                enough = c.size() >= k;
                all.add(c);
            }
            if (enough) {
                selected.clear();
                for (List<Candidate> c : all) {
                    selected.add(List.copyOf(c.subList(0, k)));
                }
                return r;
            }
        }
        return Double.NaN;
    }
}

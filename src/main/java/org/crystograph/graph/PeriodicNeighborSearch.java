package org.crystograph.graph;

import java.util.Locale;
import org.crystograph.structure.Lattice;

/**
 * Periodic neighbour search with a cell list (linked cells) over the unit cell: cost linear in the number of sites.
 *
 * <p>The cell is divided into {@code c_0 x c_1 x c_2} bins in fractional space; bin widths are measured along the
 * cell's perpendicular heights, so skewed triclinic cells are handled exactly. A query around a centre visits every bin
 * of the infinite periodic grid that meets the fractional bounding box of the query sphere: along axis k the sphere of
 * radius R spans exactly {@code +-R |b*_k|} in fractional coordinate k (b*_k = row k of (M^-1)^T, the inverse of the
 * perpendicular height), so the visited range is complete for any cell shape, for cells smaller than the radius (many
 * images of one bin) and for cells with vacuum. Each (site j, image n) pair lies in exactly one bin of the infinite
 * grid and is therefore seen exactly once.
 *
 * <p>Fractional coordinates are used as stored (not wrapped): internally sites are binned by their wrapped position
 * {@code w = f - floor(f)} and every reported image offset is converted back, so that the neighbour position is
 * {@code (f_j + n) . M}. Self-images (j = i, n != 0) are neighbours; the centre itself (j = i, n = 0) is not.
 *
 * <p>Every query is bounded by a {@link WorkBudget}: a query whose bin range cannot be enumerated within the budget
 * (a cell whose height along some axis is tiny against the radius) stops before it starts, and a query spends one unit
 * per bin visited and per candidate examined, so that the budget stops it and an interrupt is noticed within
 * {@link WorkBudget#CHECK_INTERVAL_UNITS} units ({@link GraphBuildException}).
 *
 * <p>Not thread-safe for concurrent queries on one {@link Selection}; the search itself is immutable after construction.
 */
public final class PeriodicNeighborSearch {

    /** Distance quantum of the tie-break key: distances are compared after rounding to 1e-6 Angstrom (spec section 2). */
    public static final double KEY_QUANTUM_ANGSTROM = 1e-6;

    /** Upper bound on bins per site, so memory stays linear in the number of sites for cells with vacuum. */
    private static final int MAX_BINS_PER_SITE = 4;

    /**
     * Work units of a query made without a budget of the caller's ({@link #forEachWithin(int, double, Visitor)}):
     * 100 million bin visits and distance evaluations, well under a second.
     */
    public static final long DEFAULT_QUERY_WORK_UNITS = 100_000_000L;

    /**
     * Largest number of bins a query may span along one axis, so that bin indices stay far from integer overflow;
     * a wider range is refused whatever the budget.
     */
    private static final double MAX_BIN_SPAN_PER_AXIS = 1 << 30;

    /**
     * Work units gathered locally in a query before they are spent (and the interrupt checked), and the most bins of
     * one row visited between two such points.
     */
    private static final int SPEND_CHUNK_UNITS = 4096;

    private final int n;
    private final double[][] m;
    private final double[] frac;
    private final double[] cart;
    private final int[] shift;
    private final double[] wrappedCart;
    private final double[] wrappedFrac;
    private final double[] reciprocalNorm = new double[3];
    private final int[] bins = new int[3];
    private final int[] binStart;
    private final int[] binSite;
    private final double[] binX;
    private final double[] binY;
    private final double[] binZ;

    /**
     * Builds the cell list.
     *
     * @param lattice the cell (rows a, b, c in Angstrom)
     * @param fracXyz fractional coordinates of the N sites, flat [N*3], as stored
     * @param binWidthAngstrom target bin width along each perpendicular height (bins are at least this wide, except
     *     that a cell thinner than it gets one bin along that axis)
     */
    public PeriodicNeighborSearch(Lattice lattice, double[] fracXyz, double binWidthAngstrom) {
        if (fracXyz.length == 0 || fracXyz.length % 3 != 0) {
            throw new IllegalArgumentException("fractional coordinates must be a non-empty [N*3] array, got length "
                    + fracXyz.length);
        }
        if (!(binWidthAngstrom > 0) || !Double.isFinite(binWidthAngstrom)) {
            throw new IllegalArgumentException("bin width must be positive, got " + binWidthAngstrom);
        }
        this.n = fracXyz.length / 3;
        this.m = lattice.matrix();
        this.frac = fracXyz.clone();
        double[][] recip = lattice.reciprocalRows();
        double[] heights = new double[3];
        for (int k = 0; k < 3; k++) {
            reciprocalNorm[k] = Math.sqrt(recip[k][0] * recip[k][0] + recip[k][1] * recip[k][1]
                    + recip[k][2] * recip[k][2]);
            heights[k] = 1.0 / reciprocalNorm[k];
        }
        double width = binWidthAngstrom;
        long maxBins = (long) MAX_BINS_PER_SITE * n + 1;
        while (true) {
            long total = 1;
            for (int k = 0; k < 3; k++) {
                bins[k] = (int) Math.max(1, Math.min(1 << 20, Math.floor(heights[k] / width)));
                total *= bins[k];
            }
            if (total <= maxBins) {
                break;
            }
            width *= 1.25;
        }
        cart = new double[3 * n];
        wrappedCart = new double[3 * n];
        wrappedFrac = new double[3 * n];
        shift = new int[3 * n];
        int totalBins = bins[0] * bins[1] * bins[2];
        int[] siteBin = new int[n];
        int[] counts = new int[totalBins + 1];
        for (int i = 0; i < n; i++) {
            int[] b = new int[3];
            for (int k = 0; k < 3; k++) {
                double f = frac[3 * i + k];
                double fl = Math.floor(f);
                double w = f - fl;
                if (w >= 1.0) { // f slightly below an integer rounds w up to 1
                    w = 0.0;
                    fl += 1.0;
                }
                shift[3 * i + k] = (int) fl;
                wrappedFrac[3 * i + k] = w;
                b[k] = Math.min(bins[k] - 1, (int) (w * bins[k]));
            }
            for (int c = 0; c < 3; c++) {
                cart[3 * i + c] = frac[3 * i] * m[0][c] + frac[3 * i + 1] * m[1][c] + frac[3 * i + 2] * m[2][c];
                wrappedCart[3 * i + c] = wrappedFrac[3 * i] * m[0][c] + wrappedFrac[3 * i + 1] * m[1][c]
                        + wrappedFrac[3 * i + 2] * m[2][c];
            }
            siteBin[i] = (b[0] * bins[1] + b[1]) * bins[2] + b[2];
            counts[siteBin[i] + 1]++;
        }
        binStart = new int[totalBins + 1];
        for (int b = 0; b < totalBins; b++) {
            binStart[b + 1] = binStart[b] + counts[b + 1];
        }
        int[] fill = new int[totalBins];
        binSite = new int[n];
        binX = new double[n];
        binY = new double[n];
        binZ = new double[n];
        for (int i = 0; i < n; i++) {
            int slot = binStart[siteBin[i]] + fill[siteBin[i]]++;
            binSite[slot] = i;
            binX[slot] = wrappedCart[3 * i];
            binY[slot] = wrappedCart[3 * i + 1];
            binZ[slot] = wrappedCart[3 * i + 2];
        }
    }

    /** Number of sites N. */
    public int size() {
        return n;
    }

    /** Bins along axis k (for tests and diagnostics). */
    public int bins(int axis) {
        return bins[axis];
    }

    /** Cartesian position of site i as stored, {@code f_i . M}, component c (Angstrom). */
    public double cartesian(int i, int c) {
        return cart[3 * i + c];
    }

    /** Receives one neighbour found by {@link #forEachWithin}. */
    @FunctionalInterface
    public interface Visitor {
        /**
         * One neighbour (j, n) of the centre.
         *
         * @param j neighbour site index
         * @param n1 image offset along a
         * @param n2 image offset along b
         * @param n3 image offset along c
         * @param distanceAngstrom distance to the centre
         */
        void accept(int j, int n1, int n2, int n3, double distanceAngstrom);
    }

    /**
     * Visits every pair (j, n) with {@code 0 < |(f_j + n) . M - x_i| <= radius}, excluding the centre itself
     * (j = i, n = 0) but including its other images. Order is unspecified. Bounded by
     * {@link #DEFAULT_QUERY_WORK_UNITS}.
     *
     * @param i centre site index
     * @param radiusAngstrom search radius
     * @param visitor receives each neighbour once
     * @throws GraphBuildException when the query exceeds its work bound or the thread is interrupted
     */
    public void forEachWithin(int i, double radiusAngstrom, Visitor visitor) {
        forEachWithin(i, radiusAngstrom, visitor, new WorkBudget(DEFAULT_QUERY_WORK_UNITS, "neighbour query",
                () -> "the default for one query"));
    }

    /**
     * {@link #forEachWithin(int, double, Visitor)} within the caller's budget.
     *
     * @throws GraphBuildException when the budget is exceeded or the thread is interrupted
     */
    public void forEachWithin(int i, double radiusAngstrom, Visitor visitor, WorkBudget budget) {
        double r2 = radiusAngstrom * radiusAngstrom;
        int[] lo = new int[3];
        int[] hi = new int[3];
        checkRange(i, radiusAngstrom, lo, hi, budget);
        int pending = 0;
        double yx = wrappedCart[3 * i];
        double yy = wrappedCart[3 * i + 1];
        double yz = wrappedCart[3 * i + 2];
        for (int g0 = lo[0]; g0 <= hi[0]; g0++) {
            int m0 = Math.floorDiv(g0, bins[0]);
            int b0 = g0 - m0 * bins[0];
            for (int g1 = lo[1]; g1 <= hi[1]; g1++) {
                int m1 = Math.floorDiv(g1, bins[1]);
                int b1 = g1 - m1 * bins[1];
                for (int c2 = lo[2]; c2 <= hi[2]; c2 += SPEND_CHUNK_UNITS) {
                    int last = Math.min(hi[2], c2 + SPEND_CHUNK_UNITS - 1);
                    pending += last - c2 + 1;
                    for (int g2 = c2; g2 <= last; g2++) {
                        int m2 = Math.floorDiv(g2, bins[2]);
                        int b2 = g2 - m2 * bins[2];
                        double tx = m0 * m[0][0] + m1 * m[1][0] + m2 * m[2][0] - yx;
                        double ty = m0 * m[0][1] + m1 * m[1][1] + m2 * m[2][1] - yy;
                        double tz = m0 * m[0][2] + m1 * m[1][2] + m2 * m[2][2] - yz;
                        int bin = (b0 * bins[1] + b1) * bins[2] + b2;
                        boolean home = m0 == 0 && m1 == 0 && m2 == 0;
                        pending += binStart[bin + 1] - binStart[bin];
                        for (int s = binStart[bin], end = binStart[bin + 1]; s < end; s++) {
                            double dx = binX[s] + tx;
                            double dy = binY[s] + ty;
                            double dz = binZ[s] + tz;
                            double d2 = dx * dx + dy * dy + dz * dz;
                            int j = binSite[s];
                            if (d2 > r2 || (home && j == i)) {
                                continue;
                            }
                            visitor.accept(j, m0 + shift[3 * i] - shift[3 * j], m1 + shift[3 * i + 1]
                                    - shift[3 * j + 1], m2 + shift[3 * i + 2] - shift[3 * j + 2], Math.sqrt(d2));
                        }
                    }
                    if (pending >= SPEND_CHUNK_UNITS) {
                        budget.spend(pending);
                        pending = 0;
                    }
                }
            }
        }
        budget.spend(pending);
    }

    /**
     * Finds the k smallest candidates of centre i by the key {@code (round(d * 1e6), j, n1, n2, n3)} among the
     * neighbours within {@code radius}, and reports whether they are the k smallest over all neighbours at any distance.
     *
     * @param i centre site index
     * @param radiusAngstrom search radius
     * @param out receives the selection (reset first), sorted by key
     * @param budget the build's work budget: one unit per bin visited and per candidate examined
     * @return true when {@code out} holds k candidates and no neighbour outside the radius could precede any of them
     * @throws GraphBuildException when the budget is exceeded or the thread is interrupted
     */
    public boolean nearest(int i, double radiusAngstrom, Selection out, WorkBudget budget) {
        out.reset();
        double r2 = radiusAngstrom * radiusAngstrom;
        double bound2 = r2;
        int[] lo = out.lo;
        int[] hi = out.hi;
        checkRange(i, radiusAngstrom, lo, hi, budget);
        int pending = 0;
        double yx = wrappedCart[3 * i];
        double yy = wrappedCart[3 * i + 1];
        double yz = wrappedCart[3 * i + 2];
        int si0 = shift[3 * i];
        int si1 = shift[3 * i + 1];
        int si2 = shift[3 * i + 2];
        for (int g0 = lo[0]; g0 <= hi[0]; g0++) {
            int m0 = Math.floorDiv(g0, bins[0]);
            int b0 = g0 - m0 * bins[0];
            for (int g1 = lo[1]; g1 <= hi[1]; g1++) {
                int m1 = Math.floorDiv(g1, bins[1]);
                int b1 = g1 - m1 * bins[1];
                int rowBin = (b0 * bins[1] + b1) * bins[2];
                // a row of bins in chunks, so that work is spent (and the interrupt checked) at bounded intervals
                for (int c2 = lo[2]; c2 <= hi[2]; c2 += SPEND_CHUNK_UNITS) {
                    int last = Math.min(hi[2], c2 + SPEND_CHUNK_UNITS - 1);
                    pending += last - c2 + 1;
                    for (int g2 = c2; g2 <= last; g2++) {
                        int m2 = Math.floorDiv(g2, bins[2]);
                        int bin = rowBin + g2 - m2 * bins[2];
                        int s = binStart[bin];
                        int end = binStart[bin + 1];
                        if (s == end) {
                            continue;
                        }
                        pending += end - s;
                        double tx = m0 * m[0][0] + m1 * m[1][0] + m2 * m[2][0] - yx;
                        double ty = m0 * m[0][1] + m1 * m[1][1] + m2 * m[2][1] - yy;
                        double tz = m0 * m[0][2] + m1 * m[1][2] + m2 * m[2][2] - yz;
                        boolean home = m0 == 0 && m1 == 0 && m2 == 0;
                        for (; s < end; s++) {
                            double dx = binX[s] + tx;
                            double dy = binY[s] + ty;
                            double dz = binZ[s] + tz;
                            double d2 = dx * dx + dy * dy + dz * dz;
                            if (d2 > bound2) {
                                continue;
                            }
                            int j = binSite[s];
                            if (home && j == i) {
                                continue;
                            }
                            int sj = 3 * j;
                            if (out.offer(Math.sqrt(d2), j, m0 + si0 - shift[sj], m1 + si1 - shift[sj + 1],
                                    m2 + si2 - shift[sj + 2])) {
                                double b = out.bound();
                                bound2 = Math.min(r2, b * b);
                            }
                        }
                    }
                    if (pending >= SPEND_CHUNK_UNITS) {
                        budget.spend(pending);
                        pending = 0;
                    }
                }
            }
        }
        budget.spend(pending);
        return out.count == out.k && out.bound() <= radiusAngstrom;
    }

    /**
     * The bin range [lo, hi] of the periodic grid that a query of centre i visits; stops before the loop when the range
     * could not be visited within the budget (or along one axis at all).
     */
    private void checkRange(int i, double radius, int[] lo, int[] hi, WorkBudget budget) {
        double visits = 1;
        for (int k = 0; k < 3; k++) {
            double ext = radius * reciprocalNorm[k];
            if (!(ext * bins[k] <= MAX_BIN_SPAN_PER_AXIS)) {
                visits = Double.POSITIVE_INFINITY;
                continue;
            }
            double w = wrappedFrac[3 * i + k];
            lo[k] = (int) Math.floor((w - ext) * bins[k]);
            hi[k] = (int) Math.floor((w + ext) * bins[k]);
            visits *= (double) hi[k] - lo[k] + 1;
        }
        if (!budget.allows(visits)) {
            throw budget.exceeded(String.format(Locale.ROOT, "the neighbour query of site %d within %.4g A would"
                    + " visit %s cell-list bins (cell heights %.3g, %.3g, %.3g A)", i, radius,
                    Double.isInfinite(visits) ? String.format(Locale.ROOT, "more than %.3g", MAX_BIN_SPAN_PER_AXIS)
                            : String.format(Locale.ROOT, "%.3g", visits),
                    1 / reciprocalNorm[0], 1 / reciprocalNorm[1], 1 / reciprocalNorm[2]));
        }
    }

    /**
     * The k best candidates of one centre, kept sorted by the key {@code (round(d * 1e6), j, n1, n2, n3)}. Reusable
     * scratch space: one instance per thread.
     */
    public static final class Selection {
        final int k;
        int count;
        final long[] quantized;
        final double[] distance;
        final int[] site;
        final int[] image;
        final int[] lo = new int[3];
        final int[] hi = new int[3];

        /** Scratch for k candidates. */
        public Selection(int k) {
            if (k < 1) {
                throw new IllegalArgumentException("k must be >= 1, got " + k);
            }
            this.k = k;
            quantized = new long[k];
            distance = new double[k];
            site = new int[k];
            image = new int[3 * k];
        }

        void reset() {
            count = 0;
        }

        /** Number of candidates held (at most k). */
        public int count() {
            return count;
        }

        /** Neighbour site of candidate r (0 = best). */
        public int site(int r) {
            return site[r];
        }

        /** Image offset component c of candidate r. */
        public int image(int r, int c) {
            return image[3 * r + c];
        }

        /** Distance of candidate r in Angstrom, as found by the search. */
        public double distance(int r) {
            return distance[r];
        }

        /**
         * Distance below which a new candidate could still enter: infinite until k are held, then just above the
         * quantised distance of the worst one.
         */
        double bound() {
            if (count < k) {
                return Double.POSITIVE_INFINITY;
            }
            return (quantized[k - 1] + 1) * KEY_QUANTUM_ANGSTROM;
        }

        /** Inserts a candidate if it beats the worst held one; returns true when the selection changed. */
        boolean offer(double d, int j, int n1, int n2, int n3) {
            long q = Math.round(d / KEY_QUANTUM_ANGSTROM);
            int pos = count;
            while (pos > 0 && less(q, j, n1, n2, n3, pos - 1)) {
                pos--;
            }
            if (pos >= k) {
                return false;
            }
            int last = Math.min(count, k - 1);
            for (int r = last; r > pos; r--) {
                quantized[r] = quantized[r - 1];
                distance[r] = distance[r - 1];
                site[r] = site[r - 1];
                image[3 * r] = image[3 * r - 3];
                image[3 * r + 1] = image[3 * r - 2];
                image[3 * r + 2] = image[3 * r - 1];
            }
            quantized[pos] = q;
            distance[pos] = d;
            site[pos] = j;
            image[3 * pos] = n1;
            image[3 * pos + 1] = n2;
            image[3 * pos + 2] = n3;
            if (count < k) {
                count++;
            }
            return true;
        }

        private boolean less(long q, int j, int n1, int n2, int n3, int r) {
            if (q != quantized[r]) {
                return q < quantized[r];
            }
            if (j != site[r]) {
                return j < site[r];
            }
            if (n1 != image[3 * r]) {
                return n1 < image[3 * r];
            }
            if (n2 != image[3 * r + 1]) {
                return n2 < image[3 * r + 1];
            }
            return n3 < image[3 * r + 2];
        }
    }
}

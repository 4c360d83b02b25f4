package org.crystograph.graph.featurize;

import java.util.Locale;
import org.crystograph.graph.GraphBuildException;
import org.crystograph.graph.GraphSettings;
import org.crystograph.graph.NeighborList;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Positional encodings of spec section 5, once per crystal: {@code [LapPE | RWPE]} per site.
 *
 * <p>A is the n x n edge-count matrix, {@code A[j][i]} = number of edges j -> i (self-images on the diagonal).
 * <ul>
 *   <li><b>RWPE</b>: with {@code P = A / (row sum + 1e-30)}, {@code RWPE_i = (P^1_ii, ..., P^s_ii)}. Computed row
 *       block by row block: the running power of each row e_i^T P^t is multiplied by the sparse P (12 n non-zeros) as a
 *       gather over the [N, k] incoming-edge table. Time about 2 k s n^2, memory linear in n.</li>
 *   <li><b>LapPE</b> (deterministic variant): {@code W = A + A^T}, {@code D = diag(max(1, row sums of W))},
 *       {@code L = I - D^-1/2 W D^-1/2}; EJML's symmetric eigensolver (version pinned by the build); eigenvalues
 *       ascending; drop the first eigenvector, keep the next {@code min(n-1, m)}; flip each so its largest-magnitude
 *       component (ties within 1e-9: lowest index) is positive; zero-pad to m columns. Dense: O(n^2) memory and
 *       O(n^3) time.</li>
 * </ul>
 * Everything in float64, stored as float32.
 *
 * <p>Bounds ({@link GraphBuildException}): at most {@link #MAX_SITES} sites ({@code WORK_LIMIT} above); the loops check
 * the thread's interrupt flag at least every few milliseconds ({@code CANCELLED}), except inside EJML's
 * eigendecomposition, which runs to its end (1.5 s at 1,000 sites, 16 s at 2,000 on the reference machine) and is
 * followed by a check.
 */
public final class PositionalEncoding {

    /** Added to row sums before dividing, as in the reference. */
    public static final double ROW_SUM_EPSILON = 1e-30;

    /** Components whose magnitudes differ by less than this tie in the sign rule; the lowest index wins. */
    public static final double SIGN_TIE_TOLERANCE = 1e-9;

    /** Rows of the running power processed together in RWPE. */
    private static final int ROW_BLOCK = 32;

    /**
     * Largest structure encoded, in sites. LapPE is a dense O(n^3) eigendecomposition with O(n^2) memory: 16 s at
     * 2,000 sites on the reference machine (docs/performance.md), so 20,000 sites would take hours and gigabytes.
     * Every structure of the project's datasets (at most 1,656 sites) and the graph benchmark's 2,000-atom cells fit.
     */
    public static final int MAX_SITES = 2_000;

    /** Rows of the Laplacian filled between two checks of the interrupt flag. */
    private static final int INTERRUPT_CHECK_ROWS = 64;

    private final GraphSettings settings;

    /** Encodings for these settings. */
    public PositionalEncoding(GraphSettings settings) {
        this.settings = settings;
    }

    /** Encoding width (40 by default). */
    public int width() {
        return settings.positionalEncodingWidth();
    }

    /**
     * {@code [LapPE | RWPE]} for every site: [N * width].
     *
     * @throws GraphBuildException WORK_LIMIT above {@link #MAX_SITES} sites, CANCELLED when the thread is interrupted
     */
    public float[] encode(NeighborList neighbors) {
        checkSize(neighbors);
        int n = neighbors.numSites();
        int lap = settings.laplacianEncodingSize();
        int rw = settings.randomWalkEncodingSize();
        int w = lap + rw;
        float[] out = new float[n * w];
        double[] l = laplacian(neighbors);
        double[] r = randomWalk(neighbors);
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < lap; c++) {
                out[i * w + c] = (float) l[i * lap + c];
            }
            for (int c = 0; c < rw; c++) {
                out[i * w + lap + c] = (float) r[i * rw + c];
            }
        }
        return out;
    }

    /**
     * RWPE in float64: [N * s], row i = (P^1_ii, ..., P^s_ii).
     *
     * @throws GraphBuildException WORK_LIMIT above {@link #MAX_SITES} sites, CANCELLED when the thread is interrupted
     */
    public double[] randomWalk(NeighborList neighbors) {
        checkSize(neighbors);
        int n = neighbors.numSites();
        int k = neighbors.k();
        int steps = settings.randomWalkEncodingSize();
        int[] src = neighbors.source();
        double[] invOut = new double[n];
        for (int s : src) {
            invOut[s] += 1;
        }
        for (int j = 0; j < n; j++) {
            invOut[j] = 1.0 / (invOut[j] + ROW_SUM_EPSILON);
        }
        double[] out = new double[n * steps];
        int block = Math.min(ROW_BLOCK, n);
        // x[b][t]: row (i0 + b) of the running power, stored t-major (x[t * block + b]) so the gather reads a run
        double[] x = new double[n * block];
        double[] y = new double[n * block];
        for (int i0 = 0; i0 < n; i0 += block) {
            int rows = Math.min(block, n - i0);
            java.util.Arrays.fill(x, 0.0);
            for (int b = 0; b < rows; b++) {
                x[(i0 + b) * block + b] = 1.0;
            }
            for (int step = 0; step < steps; step++) {
                GraphBuildException.throwIfInterrupted("random-walk positional encoding");
                // scale by 1/outdeg of the source row, then y[t] = sum over incoming edges of t of x[src]
                for (int j = 0; j < n; j++) {
                    double f = invOut[j];
                    int o = j * block;
                    for (int b = 0; b < rows; b++) {
                        x[o + b] *= f;
                    }
                }
                for (int t = 0; t < n; t++) {
                    int o = t * block;
                    for (int b = 0; b < rows; b++) {
                        y[o + b] = 0.0;
                    }
                    for (int rho = 0; rho < k; rho++) {
                        int so = src[k * t + rho] * block;
                        for (int b = 0; b < rows; b++) {
                            y[o + b] += x[so + b];
                        }
                    }
                }
                for (int b = 0; b < rows; b++) {
                    out[(i0 + b) * steps + step] = y[(i0 + b) * block + b];
                }
                double[] tmp = x;
                x = y;
                y = tmp;
            }
        }
        return out;
    }

    /**
     * LapPE in float64: [N * m], zero-padded beyond min(n - 1, m) columns.
     *
     * @throws GraphBuildException WORK_LIMIT above {@link #MAX_SITES} sites, CANCELLED when the thread is interrupted
     */
    public double[] laplacian(NeighborList neighbors) {
        checkSize(neighbors);
        int n = neighbors.numSites();
        int m = settings.laplacianEncodingSize();
        double[] out = new double[n * m];
        int keep = Math.min(n - 1, m);
        if (keep <= 0) {
            return out;
        }
        DMatrixRMaj lap = normalizedLaplacian(neighbors);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        if (!eig.decompose(lap)) {
            throw new IllegalStateException("symmetric eigen-decomposition of the " + n + "-site Laplacian failed");
        }
        GraphBuildException.throwIfInterrupted("Laplacian positional encoding");
        Integer[] order = new Integer[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            values[i] = eig.getEigenvalue(i).real;
        }
        java.util.Arrays.sort(order, (p, q) -> {
            int c = Double.compare(values[p], values[q]);
            return c != 0 ? c : Integer.compare(p, q);
        });
        for (int c = 0; c < keep; c++) {
            DMatrixRMaj vec = eig.getEigenVector(order[c + 1]);
            double[] v = vec.data;
            double norm = 0;
            for (int i = 0; i < n; i++) {
                norm += v[i] * v[i];
            }
            norm = Math.sqrt(norm);
            int pivot = 0;
            double best = -1;
            for (int i = 0; i < n; i++) {
                double mag = Math.abs(v[i]) / norm;
                if (mag > best + SIGN_TIE_TOLERANCE) {
                    best = mag;
                    pivot = i;
                }
            }
            double sign = v[pivot] < 0 ? -1.0 : 1.0;
            for (int i = 0; i < n; i++) {
                out[i * m + c] = sign * v[i] / norm;
            }
        }
        return out;
    }

    /**
     * Eigenvalues of the normalised Laplacian, ascending (for tests and diagnostics).
     *
     * @throws GraphBuildException WORK_LIMIT above {@link #MAX_SITES} sites, CANCELLED when the thread is interrupted
     */
    public double[] laplacianEigenvalues(NeighborList neighbors) {
        checkSize(neighbors);
        int n = neighbors.numSites();
        DMatrixRMaj lap = normalizedLaplacian(neighbors);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false, true);
        if (!eig.decompose(lap)) {
            throw new IllegalStateException("symmetric eigen-decomposition of the " + n + "-site Laplacian failed");
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = eig.getEigenvalue(i).real;
        }
        java.util.Arrays.sort(values);
        return values;
    }

    /** {@code L = I - D^-1/2 W D^-1/2} with {@code W = A + A^T} and {@code D = diag(max(1, row sums of W))}. */
    static DMatrixRMaj normalizedLaplacian(NeighborList neighbors) {
        int n = neighbors.numSites();
        int k = neighbors.k();
        int[] src = neighbors.source();
        DMatrixRMaj lap = new DMatrixRMaj(n, n);
        double[] a = lap.data;
        for (int e = 0; e < n * k; e++) {
            int j = src[e];
            int i = e / k;
            a[j * n + i] += 1;
            a[i * n + j] += 1;
        }
        double[] invSqrtDeg = new double[n];
        for (int i = 0; i < n; i++) {
            if (i % INTERRUPT_CHECK_ROWS == 0) {
                GraphBuildException.throwIfInterrupted("Laplacian positional encoding");
            }
            double sum = 0;
            for (int j = 0; j < n; j++) {
                sum += a[i * n + j];
            }
            invSqrtDeg[i] = 1.0 / Math.sqrt(Math.max(1.0, sum));
        }
        for (int i = 0; i < n; i++) {
            if (i % INTERRUPT_CHECK_ROWS == 0) {
                GraphBuildException.throwIfInterrupted("Laplacian positional encoding");
            }
            for (int j = 0; j < n; j++) {
                a[i * n + j] = (i == j ? 1.0 : 0.0) - a[i * n + j] * invSqrtDeg[i] * invSqrtDeg[j];
            }
        }
        return lap;
    }

    private static void checkSize(NeighborList neighbors) {
        if (neighbors.numSites() > MAX_SITES) {
            throw new GraphBuildException(GraphBuildException.Reason.WORK_LIMIT, String.format(Locale.ROOT,
                    "positional encodings of %,d sites: above the limit of %,d sites (the Laplacian encoding is a dense"
                            + " O(n^3) eigendecomposition, 16 s at 2,000 sites)", neighbors.numSites(), MAX_SITES));
        }
    }
}

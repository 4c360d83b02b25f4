package org.crystograph.graph.featurize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.crystograph.graph.Crystals;
import org.crystograph.graph.GraphSettings;
import org.crystograph.graph.KNearestGraphBuilder;
import org.crystograph.graph.NeighborList;
import org.crystograph.structure.Site;
import org.crystograph.structure.Structure;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** Positional encodings (spec section 5): worked checks, eigen-equation, degenerate blocks by projector. */
class PositionalEncodingTest {

    private static final double TOL = 1e-6;
    private final GraphSettings settings = GraphSettings.defaults();
    private final PositionalEncoding pe = new PositionalEncoding(settings);
    private final KNearestGraphBuilder knn = new KNearestGraphBuilder(settings);

    @Test
    void oneSiteCell_lapPeZeroAndRwpeOne() {
        NeighborList nl = knn.build(Crystals.simpleCubic("Po", 3.0));
        float[] enc = pe.encode(nl);
        assertThat(enc).hasSize(40);
        for (int c = 0; c < 20; c++) {
            assertThat(enc[c]).isZero();
            assertThat((double) enc[20 + c]).isCloseTo(1.0, within(TOL));
        }
    }

    @Test
    void cesiumChloride_rwpeAlternatesAndLapPeFollowsTieRule() {
        NeighborList nl = knn.build(Crystals.cesiumChloride(4.12));
        double[] rw = pe.randomWalk(nl);
        for (int i = 0; i < 2; i++) {
            for (int k = 1; k <= 20; k++) {
                assertThat(rw[i * 20 + k - 1]).isCloseTo((1 + Math.pow(-1.0 / 3, k)) / 2, within(TOL));
            }
        }
        assertThat(rw[1]).isCloseTo(0.555556, within(TOL));
        double[] values = pe.laplacianEigenvalues(nl);
        assertThat(values[0]).isCloseTo(0.0, within(TOL));
        assertThat(values[1]).isCloseTo(4.0 / 3, within(TOL));
        double[] lap = pe.laplacian(nl);
        assertThat(lap[0]).isCloseTo(0.707107, within(TOL));
        assertThat(lap[20]).isCloseTo(-0.707107, within(TOL));
        for (int c = 1; c < 20; c++) {
            assertThat(lap[c]).isZero();
            assertThat(lap[20 + c]).isZero();
        }
        float[] enc = pe.encode(nl);
        assertThat((double) enc[0]).isCloseTo(0.707107, within(TOL));
        assertThat((double) enc[20]).isCloseTo(1.0 / 3, within(TOL));
    }

    @Test
    void lowSymmetryCrystal_lapPeColumnsAreSignedUnitEigenvectors() {
        Structure s = Crystals.random(org.crystograph.structure.Lattice.fromParameters(7.1, 7.9, 8.3, 83, 95, 101), 30,
                1.2, 5);
        NeighborList nl = knn.build(s);
        double[] lap = pe.laplacian(nl);
        double[] values = pe.laplacianEigenvalues(nl);
        DMatrixRMaj l = PositionalEncoding.normalizedLaplacian(nl);
        int n = s.size();
        for (int c = 0; c < 20; c++) {
            double norm = 0;
            int pivot = 0;
            for (int i = 0; i < n; i++) {
                double v = lap[i * 20 + c];
                norm += v * v;
                if (Math.abs(v) > Math.abs(lap[pivot * 20 + c]) + 1e-9) {
                    pivot = i;
                }
                double lv = 0;
                for (int j = 0; j < n; j++) {
                    lv += l.get(i, j) * lap[j * 20 + c];
                }
                assertThat(lv).isCloseTo(values[c + 1] * v, within(1e-9));
            }
            assertThat(norm).isCloseTo(1.0, within(1e-9));
            assertThat(lap[pivot * 20 + c]).isPositive();
        }
    }

    @Test
    void rockSalt_degenerateEigenspaces_sameProjectorUnderSitePermutation() {
        Structure s = Crystals.rockSalt(5.64);
        int n = s.size();
        int[] perm = {5, 2, 7, 0, 3, 6, 1, 4}; // new index of old site i
        Site[] permuted = new Site[n];
        for (int i = 0; i < n; i++) {
            permuted[perm[i]] = s.site(i);
        }
        // k = 18 closes the 6 + 12 shell: no 12th-neighbour ties, so the graphs differ only by the permutation
        KNearestGraphBuilder shell = new KNearestGraphBuilder(Crystals.withNeighbors(18));
        NeighborList a = shell.build(s);
        NeighborList b = shell.build(new Structure(s.lattice(), List.of(permuted)));
        double[] va = pe.laplacian(a);
        double[] vb = pe.laplacian(b);
        double[] values = pe.laplacianEigenvalues(a);
        assertThat(pe.laplacianEigenvalues(b)).containsExactly(values, within(1e-9));
        int cols = n - 1;
        int start = 0;
        int blocks = 0;
        while (start < cols) {
            int end = start + 1;
            while (end < cols && Math.abs(values[end + 1] - values[start + 1]) < 1e-8) {
                end++;
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double pa = 0;
                    double pb = 0;
                    for (int c = start; c < end; c++) {
                        pa += va[i * 20 + c] * va[j * 20 + c];
                        pb += vb[perm[i] * 20 + c] * vb[perm[j] * 20 + c];
                    }
                    assertThat(pb).as("block [%d, %d) entry %d,%d", start, end, i, j).isCloseTo(pa, within(1e-9));
                }
            }
            blocks++;
            start = end;
        }
        assertThat(blocks).isLessThan(cols); // rock salt does have repeated eigenvalues
    }
}

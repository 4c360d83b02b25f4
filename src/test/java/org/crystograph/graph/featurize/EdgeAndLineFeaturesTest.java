package org.crystograph.graph.featurize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.crystograph.graph.Crystals;
import org.crystograph.graph.GraphSettings;
import org.crystograph.graph.KNearestGraphBuilder;
import org.crystograph.graph.NeighborList;
import org.junit.jupiter.api.Test;

/** Edge (spec section 3) and line-graph (section 4) features against the worked checks, to 1e-6. */
class EdgeAndLineFeaturesTest {

    private static final double TOL = 1e-6;
    private final GraphSettings settings = GraphSettings.defaults();

    @Test
    void distanceGaussians_at2point5_matchWorkedCheck() {
        float[] out = new float[41];
        settings.distanceBasis().expand(2.5, out, 0);
        assertThat((double) out[12]).isCloseTo(0.778801, within(TOL));
        assertThat((double) out[13]).isCloseTo(0.778801, within(TOL));
        assertThat((double) out[11]).isCloseTo(0.105399, within(TOL));
        assertThat((double) out[14]).isCloseTo(0.105399, within(TOL));
    }

    @Test
    void gaussianRecurrence_equalsDirectEvaluationEverywhere() {
        GaussianBasis[] bases = {settings.distanceBasis(), settings.polarBasis(), settings.azimuthBasis(),
            settings.angleBasis()};
        for (GaussianBasis b : bases) {
            float[] out = new float[b.count()];
            for (double v = b.start() - 3; v < b.centre(b.count() - 1) + 3; v += 0.00731) {
                b.expand(v, out, 0);
                for (int k = 0; k < b.count(); k++) {
                    assertThat((double) out[k]).isCloseTo((float) b.value(k, v), within(1e-7));
                }
            }
        }
    }

    @Test
    void cesiumChlorideEdge0_sphericalCoordinatesAndFeaturePeaks() {
        NeighborList nl = new KNearestGraphBuilder(settings).build(Crystals.cesiumChloride(4.12));
        float[] f = new EdgeFeaturizer(settings).features(nl);
        assertThat(f).hasSize(24 * 76);
        double x = nl.vector()[0];
        double y = nl.vector()[1];
        double z = nl.vector()[2];
        double r = nl.length()[0];
        assertThat(r).isCloseTo(3.568025, within(TOL));
        assertThat(Math.acos(z / r)).isCloseTo(2.186276, within(TOL));
        assertThat(Math.atan2(y, x)).isCloseTo(-2.356194, within(TOL));
        assertThat(argmax(f, 0, 41)).isEqualTo(18);
        assertThat((double) f[18]).isCloseTo(0.974763, within(TOL));
        assertThat(argmax(f, 41, 58)).isEqualTo(52);
        assertThat((double) f[52]).isCloseTo(0.995302, within(TOL));
        assertThat(argmax(f, 58, 75)).isEqualTo(60);
        assertThat((double) f[60]).isCloseTo(0.988078, within(TOL));
        assertThat(f[75]).isZero();
    }

    @Test
    void zeroXComponent_usesReferenceQuirkAndLongEdgeSetsFlag() {
        // simple cubic a = 9: the +-y and +-z face neighbours have x exactly 0; all edges exceed 8 A
        NeighborList nl = new KNearestGraphBuilder(settings).build(Crystals.simpleCubic("Xe", 9.0));
        float[] f = new EdgeFeaturizer(settings).features(nl);
        for (int e = 0; e < 12; e++) {
            assertThat(f[76 * e + 75]).isEqualTo(1f);
            double x = nl.vector()[3 * e];
            double y = nl.vector()[3 * e + 1];
            float[] phi = new float[17];
            settings.azimuthBasis().expand(Math.atan2(y, x == 0 ? 0.001 : x), phi, 0);
            for (int c = 0; c < 17; c++) {
                assertThat(f[76 * e + 58 + c]).isEqualTo(phi[c]);
            }
        }
        // the (0, -1, 0) neighbour: x = 0 -> atan2(-9, 0.001) = -pi/2 + tiny, not -pi/2 exactly from atan2(-9, 0)
        int e = findEdge(nl, 0, -1, 0);
        assertThat(nl.vector()[3 * e]).isEqualTo(0.0);
    }

    @Test
    void angleGaussians_atZeroAndOne_matchWorkedCheck() {
        float[] out = new float[30];
        settings.angleBasis().expand(0.0, out, 0);
        assertThat((double) out[14]).isCloseTo(1.0, within(TOL));
        assertThat((double) out[13]).isCloseTo(0.367879, within(TOL));
        assertThat((double) out[15]).isCloseTo(0.367879, within(TOL));
        assertThat((double) out[12]).isCloseTo(0.018316, within(TOL));
        assertThat((double) out[16]).isCloseTo(0.018316, within(TOL));
        settings.angleBasis().expand(1.0, out, 0);
        assertThat(argmax(out, 0, 30)).isEqualTo(24);
    }

    @Test
    void cesiumChlorideEdge12_incomingLineCosinesInRhoOrder() {
        NeighborList nl = new KNearestGraphBuilder(settings).build(Crystals.cesiumChloride(4.12));
        int e2 = 12;
        assertThat(nl.source()[e2]).isZero();
        assertThat(new int[] {nl.image()[36], nl.image()[37], nl.image()[38]}).containsExactly(0, 0, 0);
        double s = 1.0 / Math.sqrt(3);
        double[] expected = {-1, -1.0 / 3, -1.0 / 3, 1.0 / 3, -1.0 / 3, 1.0 / 3, 1.0 / 3, 1, -s, -s, -s, s};
        float[] f = new LineGraphFeaturizer(settings).features(nl);
        assertThat(f).hasSize(24 * 12 * 30);
        for (int rho = 0; rho < 12; rho++) {
            int e1 = 12 * nl.source()[e2] + rho;
            double c = LineGraphFeaturizer.cosine(nl.vector(), nl.length(), e1, e2);
            assertThat(c).as("rho %d", rho).isCloseTo(expected[rho], within(TOL));
            float[] g = new float[30];
            settings.angleBasis().expand(expected[rho], g, 0);
            for (int col = 0; col < 30; col++) {
                assertThat((double) f[(12 * e2 + rho) * 30 + col]).isCloseTo(g[col], within(TOL));
            }
        }
    }

    private static int findEdge(NeighborList nl, int a, int b, int c) {
        for (int e = 0; e < nl.numEdges(); e++) {
            if (nl.image()[3 * e] == a && nl.image()[3 * e + 1] == b && nl.image()[3 * e + 2] == c) {
                return e;
            }
        }
        throw new AssertionError("no edge with image " + a + "," + b + "," + c);
    }

    private static int argmax(float[] v, int from, int to) {
        int best = from;
        for (int i = from; i < to; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}

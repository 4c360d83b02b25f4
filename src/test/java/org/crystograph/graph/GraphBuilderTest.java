package org.crystograph.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.crystograph.structure.Lattice;
import org.crystograph.structure.Site;
import org.crystograph.structure.Structure;
import org.junit.jupiter.api.Test;

/** The assembled {@link CrystalGraph}: widths, layout, frame and permutation behaviour. */
class GraphBuilderTest {

    private final GraphBuilder builder = GraphBuilder.withDefaults();

    @Test
    void defaultSettings_featureWidths76_30_40() {
        GraphSettings s = GraphSettings.defaults();
        assertThat(s.edgeFeatureWidth()).isEqualTo(76)
                .isEqualTo(s.distanceBasis().count() + s.polarBasis().count() + s.azimuthBasis().count() + 1)
                .isEqualTo(41 + 17 + 17 + 1);
        assertThat(s.lineFeatureWidth()).isEqualTo(30);
        assertThat(s.positionalEncodingWidth()).isEqualTo(40);
    }

    @Test
    void lowSymmetryCrystal_inDegree12And144LineEdgesPerSite() {
        Structure s = Crystals.random(Lattice.fromParameters(6.3, 7.0, 7.7, 78, 99, 107), 17, 1.3, 4);
        CrystalGraph g = builder.build(s);
        assertThat(g.numEdges()).isEqualTo(12 * 17);
        assertThat(g.numLineEdges()).isEqualTo(144 * 17);
        assertThat(g.lineFeatures()).hasSize(144 * 17 * 30);
        assertThat(g.edgeFeatures()).hasSize(12 * 17 * 76);
        assertThat(g.positionalEncoding()).hasSize(17 * 40);
        for (int e = 0; e < g.numEdges(); e++) {
            assertThat(g.edgeDestination(e)).isEqualTo(e / 12);
        }
        assertThat(g.speciesZ()).hasSize(17);
    }

    @Test
    void compactGraph_lineFeaturesRestoredBitIdentical() {
        Structure s = Crystals.random(Lattice.fromParameters(6.3, 7.0, 7.7, 78, 99, 107), 17, 1.3, 4);
        CrystalGraph full = builder.build(s);
        CrystalGraph compact = full.compact();
        assertThat(compact.hasLineFeatures()).isFalse();
        assertThat(compact.lineFeatures()).isEmpty();
        CrystalGraph restored = builder.withLineFeatures(compact);
        assertThat(restored.hasLineFeatures()).isTrue();
        assertThat(restored.lineFeatures()).containsExactly(full.lineFeatures());
        assertThat(restored.edgeFeatures()).isSameAs(full.edgeFeatures());
        assertThat(builder.withLineFeatures(full)).isSameAs(full);
    }

    @Test
    void canonicalFrame_rotatedInputGivesSameEdgeFeatures() {
        Structure s = Crystals.random(Lattice.fromParameters(5.2, 6.1, 6.6, 80, 96, 110), 8, 1.3, 12);
        double[][] m = s.lattice().matrix();
        double t = 0.7;
        double[][] rot = {{Math.cos(t), -Math.sin(t), 0}, {Math.sin(t), Math.cos(t), 0}, {0, 0, 1}};
        double[][] rotated = new double[3][3];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                for (int q = 0; q < 3; q++) {
                    rotated[r][c] += m[r][q] * rot[c][q];
                }
            }
        }
        CrystalGraph a = builder.build(s);
        CrystalGraph b = builder.build(new Structure(new Lattice(rotated), s.sites()));
        assertThat(b.edgeSource()).containsExactly(a.edgeSource());
        for (int i = 0; i < a.edgeFeatures().length; i++) {
            assertThat((double) b.edgeFeatures()[i]).isCloseTo(a.edgeFeatures()[i], within(1e-5));
        }
    }

    @Test
    void permutedSites_permuteAllOutputs() {
        Structure s = Crystals.random(Lattice.fromParameters(6.1, 6.7, 7.3, 81, 97, 104), 12, 1.3, 99);
        int n = s.size();
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = (i * 7 + 5) % n;
        }
        Site[] permuted = new Site[n];
        for (int i = 0; i < n; i++) {
            permuted[perm[i]] = s.site(i);
        }
        CrystalGraph a = builder.build(s);
        CrystalGraph b = builder.build(new Structure(s.lattice(), List.of(permuted)));
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < 12; r++) {
                int ea = 12 * i + r;
                int eb = 12 * perm[i] + r;
                assertThat(b.edgeSource()[eb]).isEqualTo(perm[a.edgeSource()[ea]]);
                for (int c = 0; c < 76; c++) {
                    assertThat(b.edgeFeatures()[76 * eb + c]).isEqualTo(a.edgeFeatures()[76 * ea + c]);
                }
                for (int rho = 0; rho < 12; rho++) {
                    for (int c = 0; c < 30; c++) {
                        assertThat(b.lineFeatures()[(12 * eb + rho) * 30 + c])
                                .isEqualTo(a.lineFeatures()[(12 * ea + rho) * 30 + c]);
                    }
                }
            }
            for (int c = 0; c < 40; c++) {
                assertThat((double) b.positionalEncoding()[40 * perm[i] + c])
                        .as("site %d column %d", i, c).isCloseTo(a.positionalEncoding()[40 * i + c], within(1e-5));
            }
            assertThat(b.speciesZ()[perm[i]]).isEqualTo(a.speciesZ()[i]);
        }
    }
}

package org.crystograph.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.crystograph.structure.Lattice;
import org.crystograph.structure.Site;
import org.crystograph.structure.Structure;
import org.crystograph.structure.StructureException;
import org.junit.jupiter.api.Test;

/** Neighbour selection (spec section 2) against worked checks, textbook geometry and a brute-force enumeration. */
class KNearestGraphBuilderTest {

    private static final double TOL = 1e-6;

    private final KNearestGraphBuilder builder = new KNearestGraphBuilder(GraphSettings.defaults());

    @Test
    void simpleCubic_oneSite_sixFacesThenSixDiagonalsInKeyOrder() {
        NeighborList nl = builder.build(Crystals.simpleCubic("Po", 3.0));
        assertThat(nl.radiusAngstrom()).isEqualTo(8.0);
        assertThat(nl.source()).containsOnly(0);
        for (int r = 0; r < 6; r++) {
            assertThat(nl.length()[r]).isCloseTo(3.0, within(TOL));
        }
        int[][] diagonals = {{-1, -1, 0}, {-1, 0, -1}, {-1, 0, 1}, {-1, 1, 0}, {0, -1, -1}, {0, -1, 1}};
        for (int r = 6; r < 12; r++) {
            assertThat(nl.length()[r]).isCloseTo(4.242641, within(TOL));
            assertThat(image(nl, r)).containsExactly(diagonals[r - 6]);
        }
        int[][] faces = {{-1, 0, 0}, {0, -1, 0}, {0, 0, -1}, {0, 0, 1}, {0, 1, 0}, {1, 0, 0}};
        for (int r = 0; r < 6; r++) {
            assertThat(image(nl, r)).containsExactly(faces[r]);
        }
    }

    @Test
    void cesiumChloride_caesiumCentre_eightChlorideThenFourCaesiumImages() {
        NeighborList nl = builder.build(Crystals.cesiumChloride(4.12));
        assertThat(nl.numEdges()).isEqualTo(24);
        int r = 0;
        for (int a = -1; a <= 0; a++) {
            for (int b = -1; b <= 0; b++) {
                for (int c = -1; c <= 0; c++, r++) {
                    assertThat(nl.source()[r]).isEqualTo(1);
                    assertThat(image(nl, r)).containsExactly(a, b, c);
                    assertThat(nl.length()[r]).isCloseTo(3.568025, within(TOL));
                }
            }
        }
        int[][] cs = {{-1, 0, 0}, {0, -1, 0}, {0, 0, -1}, {0, 0, 1}};
        for (int t = 0; t < 4; t++) {
            assertThat(nl.source()[8 + t]).isZero();
            assertThat(image(nl, 8 + t)).containsExactly(cs[t]);
            assertThat(nl.length()[8 + t]).isCloseTo(4.12, within(TOL));
        }
        // edge vectors are neighbour minus centre
        assertThat(nl.vector()[0]).isCloseTo(-2.06, within(TOL));
        assertThat(nl.vector()[2]).isCloseTo(-2.06, within(TOL));
    }

    @Test
    void rockSalt_a564_sixAt282ThenTwelveAt399() {
        NeighborList nl = new KNearestGraphBuilder(Crystals.withNeighbors(18)).build(Crystals.rockSalt(5.64));
        for (int i = 0; i < 8; i++) {
            for (int r = 0; r < 18; r++) {
                double expected = r < 6 ? 2.82 : 5.64 / Math.sqrt(2);
                assertThat(nl.length()[18 * i + r]).as("site %d rank %d", i, r).isCloseTo(expected, within(TOL));
                boolean sameSpecies = (nl.source()[18 * i + r] < 4) == (i < 4);
                assertThat(sameSpecies).isEqualTo(r >= 6);
            }
        }
    }

    @Test
    void bccIron_eightAtHalfBodyDiagonalThenSixAtA() {
        double a = 2.8665;
        NeighborList nl = new KNearestGraphBuilder(Crystals.withNeighbors(14)).build(Crystals.bcc("Fe", a));
        for (int i = 0; i < 2; i++) {
            for (int r = 0; r < 14; r++) {
                double expected = r < 8 ? Math.sqrt(3) * a / 2 : a;
                assertThat(nl.length()[14 * i + r]).isCloseTo(expected, within(TOL));
            }
        }
    }

    @Test
    void oneAtomCubicCell_allNeighboursAreSelfImages() {
        NeighborList nl = builder.build(Crystals.simpleCubic("Cu", 2.2));
        assertThat(nl.source()).hasSize(12).containsOnly(0);
        for (int r = 0; r < 12; r++) {
            assertThat(image(nl, r)).isNotEqualTo(new int[] {0, 0, 0});
        }
    }

    @Test
    void simpleCubicA6_twelfthNeighbourBeyond8_radiusGrowsTo10() {
        NeighborList nl = builder.build(Crystals.simpleCubic("Po", 6.0));
        assertThat(nl.radiusAngstrom()).isEqualTo(10.0);
        assertThat(nl.length()[11]).isCloseTo(6 * Math.sqrt(2), within(TOL));
    }

    @Test
    void isolatedSite_beyondMaxRadius_isRejected() {
        assertThatThrownBy(() -> builder.build(Crystals.simpleCubic("Ar", 31.0)))
                .isInstanceOf(StructureException.class)
                .hasMessageContaining("site 0")
                .hasMessageContaining("isolated");
    }

    @Test
    void coincidentDistinctSites_areAnInputError() {
        Structure s = new Structure(Lattice.cubic(4.0),
                List.of(Site.of("Na", 0.1, 0.1, 0.1), Site.of("Cl", 0.5, 0.5, 0.5), Site.of("K", 1.1, 0.1, 0.1)));
        assertThatThrownBy(() -> builder.build(s))
                .isInstanceOf(StructureException.class)
                .hasMessageContaining("coincide");
    }

    @Test
    void triclinicSkewedCell_matchesBruteForce() {
        Lattice skewed = Lattice.fromParameters(4.1, 5.3, 6.2, 62, 118, 61);
        assertMatchesBruteForce(Crystals.random(skewed, 9, 1.2, 7), 12);
        Lattice verySkewed = Lattice.fromParameters(3.0, 3.2, 9.5, 120, 60, 118);
        assertMatchesBruteForce(Crystals.random(verySkewed, 5, 1.0, 11), 12);
    }

    @Test
    void cellSmallerThanNeighbourShell_matchesBruteForce() {
        Lattice tiny = Lattice.fromParameters(1.7, 2.1, 1.9, 75, 100, 65);
        assertMatchesBruteForce(Crystals.random(tiny, 2, 0.8, 3), 12);
        assertMatchesBruteForce(Crystals.random(tiny, 1, 0.8, 5), 30);
    }

    @Test
    void grapheneSheetWith20AngstromVacuum_inPlaneNeighboursOnly() {
        Structure sheet = Crystals.grapheneSheet(20.0);
        NeighborList nl = new KNearestGraphBuilder(Crystals.withNeighbors(12)).build(sheet);
        for (int e = 0; e < nl.numEdges(); e++) {
            assertThat(nl.vector()[3 * e + 2]).isCloseTo(0.0, within(1e-9));
            assertThat(nl.image()[3 * e + 2]).isZero();
        }
        double cc = 2.46 / Math.sqrt(3);
        assertThat(nl.length()[0]).isCloseTo(cc, within(TOL));
        assertThat(nl.length()[3]).isCloseTo(2.46, within(TOL));
        assertThat(nl.length()[11]).isCloseTo(2 * cc, within(TOL));
        assertMatchesBruteForce(sheet, 12);
        // a random 3 A thick layer of 6 sites in a 28 A cell: 25 A of vacuum between layers
        Structure layer = Crystals.random(Lattice.fromParameters(5.0, 5.5, 3.0, 90, 90, 100), 6, 1.5, 1);
        List<Site> slab = new ArrayList<>();
        for (Site site : layer.sites()) {
            double z = site.frac(2) - Math.floor(site.frac(2));
            slab.add(new Site(site.species(), new double[] {site.frac(0), site.frac(1), 0.4 + z * 3.0 / 28.0},
                    site.label()));
        }
        assertMatchesBruteForce(new Structure(Lattice.fromParameters(5.0, 5.5, 28.0, 90, 90, 100), slab), 12);
    }

    @Test
    void forEachWithin_returnsExactlyTheBruteForceCandidates() {
        Structure s = Crystals.random(Lattice.fromParameters(4.4, 3.9, 5.1, 70, 112, 58), 6, 1.0, 21);
        double[] f = Crystals.fractional(s);
        ReferenceNeighborSearch ref = new ReferenceNeighborSearch(s.lattice(), f);
        for (double bin : new double[] {0.7, 2.0, 9.0}) {
            PeriodicNeighborSearch search = new PeriodicNeighborSearch(s.lattice(), f, bin);
            for (int i = 0; i < s.size(); i++) {
                List<ReferenceNeighborSearch.Candidate> found = new ArrayList<>();
                search.forEachWithin(i, 8.0, (j, a, b, c, d) -> found.add(new ReferenceNeighborSearch.Candidate(j, a, b,
                        c, d)));
                found.sort(ReferenceNeighborSearch.Candidate.KEY);
                List<ReferenceNeighborSearch.Candidate> expected = ref.within(i, 8.0);
                assertThat(found).hasSameSizeAs(expected);
                for (int t = 0; t < found.size(); t++) {
                    assertThat(found.get(t).site()).isEqualTo(expected.get(t).site());
                    assertThat(found.get(t).n1()).isEqualTo(expected.get(t).n1());
                    assertThat(found.get(t).n2()).isEqualTo(expected.get(t).n2());
                    assertThat(found.get(t).n3()).isEqualTo(expected.get(t).n3());
                    assertThat(found.get(t).distanceAngstrom()).isCloseTo(expected.get(t).distanceAngstrom(),
                            within(1e-9));
                }
            }
        }
    }

    @Test
    void permutedSites_permuteTheNeighbourLists() {
        Structure s = Crystals.random(Lattice.fromParameters(6.1, 6.7, 7.3, 81, 97, 104), 12, 1.3, 99);
        int n = s.size();
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = (i * 5 + 3) % n; // new index of old site i
        }
        Site[] permuted = new Site[n];
        for (int i = 0; i < n; i++) {
            permuted[perm[i]] = s.site(i);
        }
        NeighborList a = builder.build(s);
        NeighborList b = builder.build(new Structure(s.lattice(), List.of(permuted)));
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < 12; r++) {
                int ea = 12 * i + r;
                int eb = 12 * perm[i] + r;
                assertThat(b.source()[eb]).isEqualTo(perm[a.source()[ea]]);
                assertThat(b.length()[eb]).isCloseTo(a.length()[ea], within(1e-12));
                assertThat(image(b, eb)).containsExactly(image(a, ea));
            }
        }
    }

    private static int[] image(NeighborList nl, int e) {
        return new int[] {nl.image()[3 * e], nl.image()[3 * e + 1], nl.image()[3 * e + 2]};
    }

    private static void assertMatchesBruteForce(Structure s, int k) {
        GraphSettings settings = Crystals.withNeighbors(k);
        NeighborList nl = new KNearestGraphBuilder(settings).build(s);
        ReferenceNeighborSearch ref = new ReferenceNeighborSearch(s.lattice(), Crystals.fractional(s));
        List<List<ReferenceNeighborSearch.Candidate>> expected = new ArrayList<>();
        double r = ref.kNearest(k, settings.startRadiusAngstrom(), settings.radiusStepAngstrom(),
                settings.maxRadiusAngstrom(), expected);
        assertThat(nl.radiusAngstrom()).isEqualTo(r);
        for (int i = 0; i < s.size(); i++) {
            for (int rank = 0; rank < k; rank++) {
                ReferenceNeighborSearch.Candidate c = expected.get(i).get(rank);
                int e = k * i + rank;
                assertThat(nl.source()[e]).as("site %d rank %d", i, rank).isEqualTo(c.site());
                assertThat(image(nl, e)).as("site %d rank %d", i, rank).containsExactly(c.n1(), c.n2(), c.n3());
                assertThat(nl.length()[e]).isCloseTo(c.distanceAngstrom(), within(1e-9));
            }
        }
    }
}

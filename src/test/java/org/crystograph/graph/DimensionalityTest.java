package org.crystograph.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.crystograph.structure.Lattice;
import org.crystograph.structure.Site;
import org.crystograph.structure.Structure;
import org.crystograph.testing.DatasetStructures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Larsen dimensionality on textbook crystals (one of each class) and on the datasets' monolayers and bulk crystals.
 */
class DimensionalityTest {

    private static Structure cubic(double a, Site... sites) {
        return new Structure(Lattice.fromParameters(a, a, a, 90, 90, 90), List.of(sites));
    }

    @Test
    void siliconDiamond_isBulk() {
        Structure si = new Structure(Lattice.fromParameters(3.8401, 3.8401, 3.8401, 60, 60, 60),
                List.of(Site.of("Si", 0, 0, 0), Site.of("Si", 0.25, 0.25, 0.25)));
        assertThat(Dimensionality.of(si)).isEqualTo(3);
    }

    @Test
    void bccIron_oneSiteBondedToItsOwnImages_isBulk() {
        assertThat(Dimensionality.of(cubic(2.87, Site.of("Fe", 0, 0, 0), Site.of("Fe", 0.5, 0.5, 0.5)))).isEqualTo(3);
    }

    @Test
    void graphite_isLayered() {
        // AB stacking, interlayer spacing 3.35 A: no covalent bond between layers
        Structure graphite = new Structure(Lattice.fromParameters(2.464, 2.464, 6.711, 90, 90, 120), List.of(
                Site.of("C", 0, 0, 0.25), Site.of("C", 0, 0, 0.75),
                Site.of("C", 1.0 / 3, 2.0 / 3, 0.25), Site.of("C", 2.0 / 3, 1.0 / 3, 0.75)));
        assertThat(Dimensionality.of(graphite)).isEqualTo(2);
    }

    @Test
    void grapheneWithVacuum_isTwoDimensional() {
        Structure graphene = new Structure(Lattice.fromParameters(2.464, 2.464, 20, 90, 90, 120), List.of(
                Site.of("C", 0, 0, 0.5), Site.of("C", 1.0 / 3, 2.0 / 3, 0.5)));
        assertThat(Dimensionality.of(graphene)).isEqualTo(2);
    }

    @Test
    void atomicChainAlongC_isOneDimensional() {
        Structure chain = new Structure(Lattice.fromParameters(10, 10, 2.5, 90, 90, 90),
                List.of(Site.of("Se", 0.5, 0.5, 0)));
        assertThat(Dimensionality.of(chain)).isEqualTo(1);
    }

    @Test
    void isolatedMolecule_isZeroDimensional() {
        // an N2 molecule (1.10 A) in a 10 A box
        Structure n2 = cubic(10, Site.of("N", 0.5, 0.5, 0.445), Site.of("N", 0.5, 0.5, 0.555));
        assertThat(Dimensionality.of(n2)).isZero();
    }

    @Test
    void rockSalt_isBulk() {
        Structure nacl = cubic(5.64, Site.of("Na", 0, 0, 0), Site.of("Na", 0.5, 0.5, 0), Site.of("Na", 0.5, 0, 0.5),
                Site.of("Na", 0, 0.5, 0.5), Site.of("Cl", 0.5, 0, 0), Site.of("Cl", 0, 0.5, 0),
                Site.of("Cl", 0, 0, 0.5), Site.of("Cl", 0.5, 0.5, 0.5));
        assertThat(Dimensionality.of(nacl)).isEqualTo(3);
    }

    /** Every MC2D monolayer is 2D; every perovskite and every sampled MOF is bulk. */
    @ParameterizedTest
    @CsvSource({"mc2d-mounet2018, 1, 2", "perov5-castelli, 1, 3", "coremof2019-asr-le200, 30, 3"})
    void datasetStructures_allHaveTheirDataset_sDimensionality(String folder, int stride, int expected)
            throws Exception {
        TreeMap<Integer, List<String>> byDimension = survey(folder, stride);
        assertThat(byDimension.keySet()).as("%s: %s", folder, byDimension).containsExactly(expected);
    }

    /**
     * 2DMatPedia's monolayers are never bulk, and at least 80% are 2D (measured: 1,038 of 1,224); the rest are
     * bottom-up hypothetical layers held together by metal-metal contacts longer than 1.5 covalent sums (AlCl: Al-Al
     * 3.47 A), which a covalent-radius rule reads as chains or molecules.
     */
    @Test
    void twoDMatPediaMonolayers_neverBulk_mostlyTwoDimensional() throws Exception {
        TreeMap<Integer, List<String>> byDimension = survey("2dmatpedia-subset1224", 1);
        int total = byDimension.values().stream().mapToInt(List::size).sum();
        assertThat(byDimension).doesNotContainKey(3);
        assertThat(byDimension.get(2).size()).as("%s", byDimension).isGreaterThanOrEqualTo((int) (0.8 * total));
    }

    static TreeMap<Integer, List<String>> survey(String folder, int stride) throws Exception {
        TreeMap<Integer, List<String>> byDimension = new TreeMap<>();
        DatasetStructures.forEach(folder, stride, (entry, s) ->
                byDimension.computeIfAbsent(Dimensionality.of(s), k -> new ArrayList<>()).add(entry));
        return byDimension;
    }
}

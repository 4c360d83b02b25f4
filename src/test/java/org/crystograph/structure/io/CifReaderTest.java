package org.crystograph.structure.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.crystograph.structure.Site;
import org.crystograph.structure.Structure;
import org.junit.jupiter.api.Test;

/**
 * Symmetrised prototype CIFs (operations + asymmetric unit) against what pymatgen's CifParser gives for them:
 * site counts and species amounts are exact crystallographic facts (Wyckoff multiplicities), volumes follow from the
 * cell parameters; volume tolerance 1e-4 relative.
 */
class CifReaderTest {

    private static final double VOLUME_REL = 1e-4;

    private static ParsedStructure read(String fixture) {
        List<ParsedStructure> all = StructureReaders.read(Fixtures.text(fixture), Optional.empty(), fixture,
                org.crystograph.structure.ReadOptions.defaults());
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private static void assertVolume(Structure s, double expected) {
        assertThat(s.volume()).isCloseTo(expected, within(expected * VOLUME_REL));
    }

    @Test
    void naclRockSalt_fromAsymmetricUnit_hasEightSites() {
        ParsedStructure p = read("nacl_fm-3m.cif");
        Structure s = p.structure();
        assertThat(p.format()).isEqualTo(Format.CIF);
        assertThat(p.block()).isEqualTo("NaCl");
        assertThat(s.size()).isEqualTo(8);
        assertThat(s.composition()).isEqualTo(Map.of("Cl", 4.0, "Na", 4.0));
        assertVolume(s, Math.pow(5.6402, 3));
        assertThat(p.warnings()).isEmpty();
    }

    @Test
    void diamondSilicon_withUncertainties_hasEightSites() {
        Structure s = read("si_diamond_fd-3m.cif").structure();
        assertThat(s.size()).isEqualTo(8);
        assertThat(s.composition()).isEqualTo(Map.of("Si", 8.0));
        assertVolume(s, Math.pow(5.4307, 3));
        assertThat(s.lattice().a()).isCloseTo(5.4307, offset(1e-12));
    }

    @Test
    void fluorite_caf2_hasTwelveSites() {
        Structure s = read("caf2_fluorite_fm-3m.cif").structure();
        assertThat(s.composition()).isEqualTo(Map.of("Ca", 4.0, "F", 8.0));
        assertThat(s.size()).isEqualTo(12);
    }

    @Test
    void wurtzite_zno_hasFourSitesAndHexagonalVolume() {
        Structure s = read("zno_wurtzite_p63mc.cif").structure();
        assertThat(s.size()).isEqualTo(4);
        assertThat(s.composition()).isEqualTo(Map.of("O", 2.0, "Zn", 2.0));
        assertVolume(s, 3.2498 * 3.2498 * 5.2066 * Math.sqrt(3) / 2);
        // 0.33333 is within pymatgen's frac_tolerance of 1/3 and is set to it
        assertThat(s.sites()).anySatisfy(site -> assertThat(site.frac(0)).isEqualTo(1.0 / 3.0));
    }

    @Test
    void hcpMagnesium_hexagonalCell_hasTwoSitesAndGamma120() {
        Structure s = read("mg_hcp_p63mmc.cif").structure();
        assertThat(s.size()).isEqualTo(2);
        assertThat(s.lattice().gamma()).isCloseTo(120.0, offset(1e-9));
        assertThat(s.lattice().c()).isCloseTo(5.2108, offset(1e-12));
        assertVolume(s, 3.2094 * 3.2094 * 5.2108 * Math.sqrt(3) / 2);
    }

    @Test
    void baddeleyite_monoclinicBeta_hasTwelveSitesAndSinBetaVolume() {
        Structure s = read("zro2_baddeleyite_p21c.cif").structure();
        assertThat(s.size()).isEqualTo(12);
        assertThat(s.composition()).isEqualTo(Map.of("O", 8.0, "Zr", 4.0));
        assertThat(s.lattice().beta()).isCloseTo(99.23, offset(1e-9));
        assertVolume(s, 5.1505 * 5.2116 * 5.3173 * Math.sin(Math.toRadians(99.23)));
    }

    @Test
    void rutile_specialPositionXX0_hasSixSites() {
        Structure s = read("tio2_rutile_p42mnm.cif").structure();
        assertThat(s.size()).isEqualTo(6);
        assertThat(s.composition()).isEqualTo(Map.of("O", 4.0, "Ti", 2.0));
    }

    @Test
    void disorderedCu3Au_partialOccupancy_mergesIntoFourMixedSites() {
        ParsedStructure p = read("cu3au_disordered_fm-3m.cif");
        Structure s = p.structure();
        assertThat(s.size()).isEqualTo(4);
        for (Site site : s.sites()) {
            assertThat(site.species()).hasSize(2);
            assertThat(site.totalOccupancy()).isCloseTo(1.0, offset(1e-12));
        }
        assertThat(s.composition().get("Cu")).isCloseTo(3.0, offset(1e-12));
        assertThat(s.composition().get("Au")).isCloseTo(1.0, offset(1e-12));
        // two different elements sharing a site exactly is ordinary disorder, not a disagreement
        assertThat(p.warnings()).isEmpty();
    }

    @Test
    void allSites_areWrappedIntoUnitInterval() {
        for (String f : List.of("nacl_fm-3m.cif", "si_diamond_fd-3m.cif", "zno_wurtzite_p63mc.cif",
                "zro2_baddeleyite_p21c.cif", "tio2_rutile_p42mnm.cif")) {
            for (Site site : read(f).structure().sites()) {
                for (int k = 0; k < 3; k++) {
                    assertThat(site.frac(k)).as(f).isGreaterThanOrEqualTo(0.0).isLessThan(1.0);
                }
            }
        }
    }
}

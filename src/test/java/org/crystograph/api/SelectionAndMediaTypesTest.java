package org.crystograph.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.crystograph.structure.Lattice;
import org.crystograph.structure.Site;
import org.crystograph.structure.Species;
import org.crystograph.structure.Structure;
import org.junit.jupiter.api.Test;

class SelectionAndMediaTypesTest {

    @Test
    void properties_repeatedAndCommaSeparated_areSplitTrimmedAndDeduplicated() {
        Selection s = Selection.of(" perovskite ", Arrays.asList("band_gap, formation_energy", "band_gap", null, " "));
        assertThat(s.model()).isEqualTo("perovskite");
        assertThat(s.properties()).containsExactly("band_gap", "formation_energy");
    }

    @Test
    void blankModel_meansDefault() {
        assertThat(Selection.of("  ", null).model()).isNull();
        assertThat(Selection.of(null, List.of()).properties()).isEmpty();
    }

    @Test
    void mediaTypes_selectFormats_ignoringParametersAndCase() {
        assertThat(StructureMediaTypes.format("chemical/x-cif; charset=UTF-8")).contains("cif");
        assertThat(StructureMediaTypes.format("Chemical/X-VASP")).contains("poscar");
        assertThat(StructureMediaTypes.format("application/vnd.optimade+json")).contains("optimade");
        assertThat(StructureMediaTypes.format("text/plain")).isEmpty();
        assertThat(StructureMediaTypes.format(null)).isEmpty();
    }

    @Test
    void uploadFileNames_giveFormats() {
        assertThat(StructureMediaTypes.formatOfFileName("NaCl.cif")).contains("cif");
        assertThat(StructureMediaTypes.formatOfFileName("runs/POSCAR")).contains("poscar");
        assertThat(StructureMediaTypes.formatOfFileName("notes.txt")).isEmpty();
    }

    @Test
    void naclRockSalt_formula_ordersByElectronegativity() {
        Structure nacl = new Structure(Lattice.cubic(5.64), List.of(
                Site.of("Cl", 0.5, 0, 0), Site.of("Na", 0, 0, 0), Site.of("Cl", 0, 0.5, 0), Site.of("Na", 0.5, 0.5, 0)));
        assertThat(PredictionService.formula(nacl)).isEqualTo("Na2 Cl2");
    }

    @Test
    void partialOccupancy_formula_keepsFractionalAmounts() {
        Structure doped = new Structure(Lattice.cubic(3.9), List.of(
                Site.of("Sr", 0, 0, 0),
                new Site(List.of(Species.of("Ti", 0.5), Species.of("Fe", 0.5)), new double[] {0.5, 0.5, 0.5}, "B"),
                Site.of("O", 0.5, 0.5, 0), Site.of("O", 0.5, 0, 0.5), Site.of("O", 0, 0.5, 0.5)));
        assertThat(PredictionService.formula(doped)).isEqualTo("Sr1 Ti0.5 Fe0.5 O3");
    }
}

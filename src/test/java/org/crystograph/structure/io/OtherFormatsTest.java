package org.crystograph.structure.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.crystograph.structure.Site;
import org.crystograph.structure.Structure;
import org.junit.jupiter.api.Test;

/** Extended XYZ, pymatgen JSON and OPTIMADE JSON, and recognising each by content. */
class OtherFormatsTest {

    private static final String CSCL_XYZ = """
            2
            Lattice="4.12 0.0 0.0 0.0 4.12 0.0 0.0 0.0 4.12" Properties=species:S:1:pos:R:3:forces:R:3 pbc="T T T" energy=-3.2
            Cs 0.0 0.0 0.0 0.1 0.0 0.0
            Cl 2.06 2.06 2.06 -0.1 0.0 0.0
            """;

    @Test
    void extxyz_csCl_readsSpeciesAndFractionalPositions() {
        ParsedStructure p = StructureReaders.read(CSCL_XYZ, Optional.empty()).get(0);
        assertThat(p.format()).isEqualTo(Format.EXTXYZ);
        assertThat(p.structure().composition()).isEqualTo(Map.of("Cl", 1.0, "Cs", 1.0));
        assertThat(p.structure().site(1).frac()).containsExactly(new double[] {0.5, 0.5, 0.5}, offset(1e-12));
        assertThat(p.warnings()).isEmpty();
    }

    @Test
    void extxyz_twoFrames_giveTwoStructures_andNonPeriodicPbcWarns() {
        String two = CSCL_XYZ + CSCL_XYZ.replace("pbc=\"T T T\"", "pbc=\"T T F\"");
        List<ParsedStructure> all = StructureReaders.read(two, Optional.of(Format.EXTXYZ));
        assertThat(all).extracting(ParsedStructure::block).containsExactly("frame 0", "frame 1");
        assertThat(all.get(1).warnings()).singleElement().asString().contains("pbc");
    }

    @Test
    void pymatgenJson_partialOccupancy_abcAuthoritative_xyzMismatchWarns() {
        String json = """
                {"@module": "pymatgen.core.structure", "@class": "Structure", "charge": 0,
                 "lattice": {"matrix": [[3.0, 0.0, 0.0], [0.0, 3.0, 0.0], [0.0, 0.0, 5.0]], "a": 3.0},
                 "sites": [
                   {"species": [{"element": "Fe", "occu": 0.5, "oxidation_state": 2},
                                {"element": "Co", "occu": 0.5}], "abc": [0.0, 0.0, 0.0], "xyz": [0.0, 0.0, 0.0],
                    "label": "Fe", "properties": {"magmom": 2.0}},
                   {"species": [{"element": "O", "occu": 1}], "abc": [0.5, 0.5, 0.5], "xyz": [1.5, 1.5, 2.6]}
                 ]}
                """;
        ParsedStructure p = StructureReaders.read(json, Optional.empty()).get(0);
        assertThat(p.format()).isEqualTo(Format.PYMATGEN_JSON);
        Structure s = p.structure();
        assertThat(s.composition()).isEqualTo(Map.of("Co", 0.5, "Fe", 0.5, "O", 1.0));
        assertThat(s.site(1).frac(2)).isEqualTo(0.5);
        assertThat(p.warnings()).singleElement().asString().contains("0.1").contains("abc used");
    }

    @Test
    void optimadeResponse_withDisorderAndVacancy_readsConcentrations() {
        String json = """
                {"data": {"id": "example-1", "type": "structures", "attributes": {
                  "lattice_vectors": [[4.0, 0.0, 0.0], [0.0, 4.0, 0.0], [0.0, 0.0, 4.0]],
                  "dimension_types": [1, 1, 1],
                  "cartesian_site_positions": [[0, 0, 0], [2, 2, 2]],
                  "species_at_sites": ["SrBa", "Ti"],
                  "species": [
                    {"name": "SrBa", "chemical_symbols": ["Sr", "Ba", "vacancy"], "concentration": [0.6, 0.3, 0.1]},
                    {"name": "Ti", "chemical_symbols": ["Ti"], "concentration": [1.0]}]}}}
                """;
        ParsedStructure p = StructureReaders.read(json, Optional.empty()).get(0);
        assertThat(p.format()).isEqualTo(Format.OPTIMADE_JSON);
        assertThat(p.block()).isEqualTo("example-1");
        Site first = p.structure().site(0);
        assertThat(first.totalOccupancy()).isCloseTo(0.9, offset(1e-12));
        assertThat(p.structure().site(1).frac()).containsExactly(0.5, 0.5, 0.5);
    }

    @Test
    void optimadeAttributes_withoutSpeciesList_useElementNames() {
        String json = """
                {"lattice_vectors": [[0, 2.7, 2.7], [2.7, 0, 2.7], [2.7, 2.7, 0]],
                 "cartesian_site_positions": [[0, 0, 0], [1.35, 1.35, 1.35]], "species_at_sites": ["Si", "Si"]}
                """;
        Structure s = StructureReaders.readOne(json, Optional.empty());
        assertThat(s.volume()).isCloseTo(2 * Math.pow(2.7, 3), offset(1e-9));
        assertThat(s.site(1).frac()).containsExactly(new double[] {0.25, 0.25, 0.25}, offset(1e-12));
    }

    @Test
    void sniff_recognisesEachFormat() {
        assertThat(StructureReaders.sniff("# comment\ndata_x\n")).isEqualTo(Format.CIF);
        assertThat(StructureReaders.sniff(CSCL_XYZ)).isEqualTo(Format.EXTXYZ);
        assertThat(StructureReaders.sniff("c\n1.0\n1 0 0\n0 1 0\n0 0 1\nNa\n1\nDirect\n0 0 0\n")).isEqualTo(Format.POSCAR);
        assertThat(StructureReaders.sniff("{\"lattice\": {}, \"sites\": []}")).isEqualTo(Format.PYMATGEN_JSON);
        assertThat(StructureReaders.sniff("{\"data\": [{\"attributes\": {\"lattice_vectors\": []}}]}"))
                .isEqualTo(Format.OPTIMADE_JSON);
    }

    @Test
    void formatNames_andFileNames_resolve() {
        assertThat(Format.fromName("CONTCAR")).contains(Format.POSCAR);
        assertThat(Format.fromName("optimade")).contains(Format.OPTIMADE_JSON);
        assertThat(Format.fromName("pdb")).isEmpty();
        assertThat(Format.fromFileName("dir/POSCAR_relaxed")).contains(Format.POSCAR);
        assertThat(Format.fromFileName("x.CIF")).contains(Format.CIF);
    }
}

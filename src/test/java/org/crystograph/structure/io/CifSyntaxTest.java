package org.crystograph.structure.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.crystograph.structure.Structure;
import org.junit.jupiter.api.Test;

/** CIF 1.1 syntax and the reading rules beyond the prototype fixtures. */
class CifSyntaxTest {

    private static final String CELL = """
            _cell_length_a 4.0
            _cell_length_b 4.0
            _cell_length_c 4.0
            _cell_angle_alpha 90
            _cell_angle_beta 90
            _cell_angle_gamma 90
            """;

    private static final String P1 = "_symmetry_space_group_name_H-M 'P 1'\n";

    private static List<ParsedStructure> read(String text) {
        return StructureReaders.read(text, Optional.empty());
    }

    @Test
    void textFieldsQuotesCommentsAndDdl2Tags_areTokenised() {
        String cif = """
                # leading comment
                data_syntax
                _publ_section_title
                ;
                A title with 'quotes', a # hash and
                data_not_a_block on a continuation line
                ;
                _chemical_name_common "it's quoted"
                """ + CELL + """
                _space_group_name_H-M_alt 'P 1'
                loop_
                _atom_site.label
                _atom_site.type_symbol
                _atom_site.fract_x
                _atom_site.fract_y
                _atom_site.fract_z
                'Fe 1' Fe2+ 0.0 0.0 0.0   # comment after a row
                O1 O2- 0.5(1) 0.5 0.5
                """;
        List<ParsedStructure> all = read(cif);
        assertThat(all).hasSize(1);
        Structure s = all.get(0).structure();
        assertThat(s.composition()).isEqualTo(Map.of("Fe", 1.0, "O", 1.0));
        assertThat(s.site(0).label()).isEqualTo("Fe 1");
        assertThat(s.site(1).frac(0)).isEqualTo(0.5);
    }

    @Test
    void severalDataBlocks_giveSeveralStructures_andBlocksWithoutAtomsAreSkipped() {
        String one = "data_first\n" + CELL + "loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n"
                + "_atom_site_fract_z\nNa1 0 0 0\n";
        String meta = "data_publication\n_journal_name_full 'Some journal'\n";
        String two = one.replace("data_first", "data_second").replace("Na1", "K1");
        List<ParsedStructure> all = read(one + meta + two);
        assertThat(all).extracting(ParsedStructure::block).containsExactly("first", "second");
        assertThat(all.get(1).structure().composition()).isEqualTo(Map.of("K", 1.0));
    }

    @Test
    void repeatedUnusedTag_keepsFirstValueWithWarning() {
        String cif = "data_r\n" + P1 + "_journal_year 1999\n_journal_year 2000\n" + CELL
                + "loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\nNa1 0 0 0\n";
        assertThat(read(cif).get(0).warnings()).singleElement().asString().contains("_journal_year");
    }

    @Test
    void labelsWithoutTypeSymbol_giveElementsAsPymatgenReadsThem() {
        String cif = "data_l\n" + CELL + "loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n"
                + "_atom_site_fract_z\nCL1 0 0 0\nC12 0.5 0 0\nCa3A 0 0.5 0\nD1 0 0 0.5\nWat1 0.5 0.5 0.5\n";
        ParsedStructure p = read(cif).get(0);
        assertThat(p.structure().sites()).extracting(site -> site.species().get(0).symbol())
                .containsExactly("Cl", "C", "Ca", "H", "O");
        // the two that are not the element their letters spell are said
        assertThat(p.warnings()).contains("'D1' (atom 'D1' and any others) read as hydrogen: deuterium",
                "'Wat1' (atom 'Wat1' and any others) read as oxygen: a water molecule's");
    }

    @Test
    void p1ByNameOrNumberWithoutOperations_expands_andMissingSymmetryWarns() {
        String atoms = "loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\nNa1 0 0 0\n";
        assertThat(read("data_a\n_symmetry_space_group_name_H-M 'P 1'\n" + CELL + atoms).get(0).warnings()).isEmpty();
        assertThat(read("data_a\n_space_group_IT_number 1\n" + CELL + atoms).get(0).warnings()).isEmpty();
        assertThat(read("data_a\n" + CELL + atoms).get(0).warnings()).singleElement().asString().contains("read as P1");
    }

    @Test
    void cartesianCoordinates_convertToFractional() {
        String cif = "data_c\n" + P1 + CELL.replace("gamma 90", "gamma 120")
                + "loop_\n_atom_site_label\n_atom_site_Cartn_x\n_atom_site_Cartn_y\n_atom_site_Cartn_z\n"
                + "Si1 0 0 0\nSi2 2.0 0 2.0\nSi3 -1.0 1.7320508075688772 0\n";
        ParsedStructure p = read(cif).get(0);
        assertPeriodicallyEqual(p.structure().site(1).frac(), new double[] {0.5, 0, 0.5});
        assertPeriodicallyEqual(p.structure().site(2).frac(), new double[] {0, 0.5, 0});
        assertThat(p.warnings()).singleElement().asString().contains("a along x");
    }

    /** Equal modulo lattice translations within 1e-12 (a wrapped -1e-17 is 0.9999999999999999). */
    private static void assertPeriodicallyEqual(double[] actual, double[] expected) {
        for (int k = 0; k < 3; k++) {
            double d = actual[k] - expected[k];
            assertThat(Math.abs(d - Math.rint(d))).as("component " + k + " of " + java.util.Arrays.toString(actual))
                    .isLessThan(1e-12);
        }
    }

    @Test
    void nearlyCoincidentImages_mergeWithWarning_asPymatgenSiteTolerance() {
        // x = 0.50003 and its inversion image 0.49997 differ by 6e-5 < 1e-4: one site, reported
        String cif = "data_m\n" + CELL + "loop_\n_symmetry_equiv_pos_as_xyz\nx,y,z\n-x,-y,-z\n"
                + "loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\n"
                + "Na1 0.50003 0 0\nCl1 0.25 0.25 0.25\n";
        ParsedStructure p = read(cif).get(0);
        assertThat(p.structure().size()).isEqualTo(3);
        assertThat(p.warnings()).singleElement().asString().contains("Na1").contains("merged");
    }

    @Test
    void distinctAtomsOnOnePosition_withRoomForBoth_mergeIntoOneDisorderedSite() {
        String cif = "data_d\n" + P1 + CELL + "loop_\n_atom_site_label\n_atom_site_type_symbol\n_atom_site_fract_x\n"
                + "_atom_site_fract_y\n_atom_site_fract_z\n_atom_site_occupancy\n"
                + "Sr1 Sr 0 0 0 0.7\nLa1 La 0.00002 0 0 0.3\nO1 O 0.5 0.5 0.5 1\n";
        ParsedStructure p = read(cif).get(0);
        assertThat(p.structure().size()).isEqualTo(2);
        assertThat(p.structure().site(0).species()).hasSize(2);
        assertThat(p.warnings()).singleElement().asString().contains("La1").contains("Sr1");
    }

    @Test
    void zeroOccupancyAndDummyAtoms_areSkippedWithWarnings() {
        String cif = "data_z\n" + P1 + CELL + "loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n"
                + "_atom_site_fract_z\n_atom_site_occupancy\n_atom_site_calc_flag\n"
                + "Na1 0 0 0 1 d\nCl1 0.5 0.5 0.5 0 d\nQ1 0.2 0.2 0.2 1 dum\n";
        ParsedStructure p = read(cif).get(0);
        assertThat(p.structure().size()).isEqualTo(1);
        assertThat(p.warnings()).hasSize(2);
    }

    @Test
    void symmetryOperation_parsesFractionsDecimalsAndCoefficients() {
        SymmetryOperation op = SymmetryOperation.parse(" -x+1/2 , Y-X, 3/4+z ");
        assertThat(op.rotation()).containsExactly(-1, 0, 0, -1, 1, 0, 0, 0, 1);
        assertThat(op.translation()).containsExactly(0.5, 0, 0.75);
        assertThat(SymmetryOperation.parse("y+0.5,-x,z").translation()).containsExactly(0.5, 0, 0);
        assertThat(SymmetryOperation.parse("x,y,z").isIdentity()).isTrue();
    }
}

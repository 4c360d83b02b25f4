package org.crystograph.structure.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.crystograph.structure.ReadOptions;
import org.crystograph.structure.StructureException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Broken inputs, each of which must give a {@link StructureException} (never another exception, a hang or a
 * structure) whose message names the problem. Each case runs under a 20 s preemptive timeout (the 50 MB case
 * needs well under 2 s).
 */
class BadInputCatalogueTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final int FIFTY_MEGABYTES = 50 * 1024 * 1024;

    private static final String CELL = """
            _cell_length_a 4.0
            _cell_length_b 4.0
            _cell_length_c 4.0
            _cell_angle_alpha 90
            _cell_angle_beta 90
            _cell_angle_gamma 90
            """;
    private static final String ATOMS_HEADER = """
            loop_
            _atom_site_label
            _atom_site_type_symbol
            _atom_site_fract_x
            _atom_site_fract_y
            _atom_site_fract_z
            _atom_site_occupancy
            """;

    private static String cif(String cell, String extra, String atoms) {
        return "data_bad\n" + cell + extra + ATOMS_HEADER + atoms;
    }

    private static String poscar(String lattice, String species, String counts, String positions) {
        return "bad\n1.0\n" + lattice + species + "\n" + counts + "\nDirect\n" + positions;
    }

    private static final String CUBIC = "4 0 0\n0 4 0\n0 0 4\n";

    static Stream<Arguments> catalogue() {
        return Stream.of(
                text("cif: truncated loop", cif(CELL, "", "Na1 Na 0 0 0 1\nCl1 Cl 0.5 0.5\n"), "truncated loop"),
                text("cif: missing cell", "data_bad\n_cell_length_b 4\n" + ATOMS_HEADER + "Na1 Na 0 0 0 1\n",
                        "missing _cell_length_a"),
                text("cif: zero volume (angles 120/120/120)", cif(CELL.replace("alpha 90", "alpha 120")
                        .replace("beta 90", "beta 120").replace("gamma 90", "gamma 120"), "", "Na1 Na 0 0 0 1\n"),
                        "volume"),
                text("cif: negative cell length", cif(CELL.replace("_a 4.0", "_a -4.0"), "", "Na1 Na 0 0 0 1\n"),
                        "must be positive"),
                text("cif: cell angle 180", cif(CELL.replace("gamma 90", "gamma 180"), "", "Na1 Na 0 0 0 1\n"),
                        "gamma"),
                text("cif: unknown cell length '?'", cif(CELL.replace("_c 4.0", "_c ?"), "", "Na1 Na 0 0 0 1\n"),
                        "_cell_length_c"),
                text("cif: NaN coordinate", cif(CELL, "", "Na1 Na NaN 0 0 1\n"), "'NaN' is not a number"),
                text("cif: coordinate far outside the cell", cif(CELL, "", "Na1 Na 1e300 0 0 1\n"),
                        "more than 1000000 cells from the origin"),
                text("extxyz: position far outside the cell",
                        "1\nLattice=\"4 0 0 0 4 0 0 0 4\" Properties=species:S:1:pos:R:3\nNa 0 4e7 0\n",
                        "more than 1000000 cells"),
                text("cif: bad uncertainty", cif(CELL.replace("_a 4.0", "_a 4.0(x)"), "", "Na1 Na 0 0 0 1\n"),
                        "'4.0(x)'"),
                text("cif: unknown element", cif(CELL, "", "Xx1 Xx 0 0 0 1\n"), "unknown element 'Xx'"),
                text("cif: element beyond Z=100 (Md)", cif(CELL, "", "Md1 Md 0 0 0 1\n"),
                        "element 'Md' (Z = 101) is beyond the supported Z = 1..100"),
                text("cif: oganesson is not read as oxygen", cif(CELL, "", "Og1 Og 0 0 0 1\n"), "'Og' (Z = 118)"),
                text("cif: label No1 is nobelium, not nitrogen", "data_bad\n" + CELL
                        + "loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\n"
                        + "No1 0 0 0\n", "'No1' (Z = 102)"),
                text("cif: symmetry operation garbage", cif(CELL, "loop_\n_symmetry_equiv_pos_as_xyz\nx,y,z\n'x,y,w'\n",
                        "Na1 Na 0 0 0 1\n"), "x,y,w"),
                text("cif: symmetry operation not an isometry", cif(CELL, "loop_\n_symmetry_equiv_pos_as_xyz\n'x,x,z'\n",
                        "Na1 Na 0 0 0 1\n"), "not an isometry"),
                text("cif: symmetry operation with two components", cif(CELL,
                        "loop_\n_space_group_symop_operation_xyz\n'x,y'\n", "Na1 Na 0 0 0 1\n"), "3 components"),
                text("cif: unknown space-group symbol without operations", cif(CELL,
                        "_symmetry_space_group_name_H-M 'P 7'\n", "Na1 Na 0 0 0 1\n"), "'P 7' is not a Hermann-Mauguin"),
                text("cif: space group with two origin choices, none named", cif(CELL,
                        "_symmetry_space_group_name_H-M 'F d -3 m'\n", "Na1 Na 0 0 0 1\n"), "F d -3 m:1, F d -3 m:2"),
                text("cif: occupancy 1.5", cif(CELL, "", "Na1 Na 0 0 0 1.5\n"), "occupancy 1.5"),
                text("cif: negative occupancy", cif(CELL, "", "Na1 Na 0 0 0 -0.2\n"), "occupancy -0.2"),
                text("cif: duplicate atoms on top of each other", cif(CELL, "", "Na1 Na 0 0 0 1\nNa2 Na 0 0 0 1\n"),
                        "duplicate atoms"),
                text("cif: atoms coinciding through symmetry", cif(CELL, "loop_\n_symmetry_equiv_pos_as_xyz\nx,y,z\n-x,-y,-z\n",
                        "Na1 Na 0.1 0.2 0.3 1\nCl1 Cl 0.9 0.8 0.7 1\n"), "sum to 2"),
                text("cif: operations that are not a group put an image of Na on Cl", cif(CELL,
                        "loop_\n_symmetry_equiv_pos_as_xyz\nx,y,z\n-y,x,z\n",
                        "Na1 Na 0.1 0.2 0 1\nCl1 Cl 0.8 0.1 0 1\n"), "do not form a group"),
                text("cif: cell length given twice", cif(CELL + "_cell_length_a 5.0\n", "", "Na1 Na 0 0 0 1\n"),
                        "appears twice"),
                text("cif: unterminated quote", "data_bad\n_chemical_name 'open\n" + CELL, "unterminated"),
                text("cif: unterminated text field", "data_bad\n_publ_section_title\n;\nno end\n", "not closed"),
                text("cif: tag without value", "data_bad\n" + CELL + "_cell_volume\n", "has no value"),
                text("cif: no atoms in any block", "data_bad\n" + CELL, "no data block has atom sites"),
                text("cif: coordinates split over loops", "data_bad\n" + CELL
                        + "loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\nNa1 0 0\n"
                        + "loop_\n_atom_site_fract_z\n0\n", "not in the same loop"),
                text("cif: symmetry expansion beyond the site limit", cif(CELL, """
                        loop_
                        _symmetry_equiv_pos_as_xyz
                        x,y,z
                        -x,-y,-z
                        """, "Na1 Na 0.1 0.2 0.3 1\nNa2 Na 0.11 0.2 0.3 1\nNa3 Na 0.12 0.2 0.3 1\n"), "limit of 5", new ReadOptions(5, 1e-4)),
                text("poscar: zero volume (coplanar vectors)", poscar("4 0 0\n0 4 0\n4 4 0\n", "Na", "1", "0 0 0\n"),
                        "volume"),
                text("poscar: NaN position", poscar(CUBIC, "Na", "1", "nan 0 0\n"), "'nan' is not a number"),
                text("poscar: unknown element", poscar(CUBIC, "Qq", "1", "0 0 0\n"), "unknown element 'Qq'"),
                text("poscar: element beyond Z=100", poscar(CUBIC, "Og", "1", "0 0 0\n"), "'Og' (Z = 118)"),
                text("poscar: counts do not match species", poscar(CUBIC, "Na Cl", "1", "0 0 0\n"), "1 counts for 2"),
                text("poscar: negative count", poscar(CUBIC, "Na", "-1", "0 0 0\n"), "'-1'"),
                text("poscar: missing coordinate mode", "bad\n1.0\n" + CUBIC + "Na\n1\n", "file ends"),
                text("extxyz: no Lattice", "1\nProperties=species:S:1:pos:R:3\nNa 0 0 0\n", "Lattice"),
                text("extxyz: truncated atoms", "2\nLattice=\"4 0 0 0 4 0 0 0 4\"\nNa 0 0 0\n", "1 of 2 atoms"),
                text("pymatgen json: occupancy 1.5", """
                        {"lattice": {"matrix": [[4,0,0],[0,4,0],[0,0,4]]},
                         "sites": [{"species": [{"element": "Na", "occu": 1.5}], "abc": [0,0,0]}]}
                        """, "occupancy 1.5"),
                text("pymatgen json: NaN literal", """
                        {"lattice": {"matrix": [[4,0,0],[0,4,0],[0,0,4]]},
                         "sites": [{"species": [{"element": "Na", "occu": 1}], "abc": [NaN,0,0]}]}
                        """, "invalid JSON"),
                text("pymatgen json: missing abc", """
                        {"lattice": {"matrix": [[4,0,0],[0,4,0],[0,0,4]]},
                         "sites": [{"species": [{"element": "Na", "occu": 1}], "xyz": [0,0,0]}]}
                        """, "sites[0].abc"),
                text("optimade json: positions and species differ in length", """
                        {"lattice_vectors": [[4,0,0],[0,4,0],[0,0,4]], "species_at_sites": ["Na", "Cl"],
                         "cartesian_site_positions": [[0,0,0]]}
                        """, "equal length"),
                text("optimade json: non-periodic direction", """
                        {"lattice_vectors": [[4,0,0],[0,4,0],[null,null,null]], "species_at_sites": ["Na"],
                         "cartesian_site_positions": [[0,0,0]], "dimension_types": [1,1,0]}
                        """, "non-periodic"),
                text("plain text that is no structure", "hello world\nthis is not a crystal\n", "cannot recognise"),
                bytes("0-byte file", () -> new byte[0], "empty input"),
                bytes("binary garbage", BadInputCatalogueTest::garbage, "binary content"),
                bytes("50 MB CIF generated at test time (too many atoms)", BadInputCatalogueTest::fiftyMegabyteCif,
                        "exceed the limit"),
                bytes("50 MB of one unterminated quoted value", BadInputCatalogueTest::fiftyMegabyteQuote,
                        "unterminated"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void brokenInput_givesStructureException(String name, Supplier<byte[]> input, String expected, ReadOptions options) {
        assertTimeoutPreemptively(TIMEOUT, () -> {
            byte[] bytes = input.get();
            Throwable t = catchThrowable(() -> StructureReaders.read(bytes, Optional.empty(), name, options));
            assertThat(t).as(name).isExactlyInstanceOf(StructureException.class);
            StructureException e = (StructureException) t;
            assertThat(e.describe()).as(name).contains(expected);
            assertThat(e.format()).isNotBlank();
        });
    }

    private static Arguments text(String name, String text, String expected) {
        return text(name, text, expected, ReadOptions.defaults());
    }

    private static Arguments text(String name, String text, String expected, ReadOptions options) {
        Supplier<byte[]> s = () -> text.getBytes(StandardCharsets.UTF_8);
        return Arguments.of(name, s, expected, options);
    }

    private static Arguments bytes(String name, Supplier<byte[]> input, String expected) {
        return Arguments.of(name, input, expected, ReadOptions.defaults());
    }

    private static byte[] garbage() {
        byte[] b = new byte[64 * 1024];
        new Random(42).nextBytes(b);
        return b;
    }

    private static byte[] fiftyMegabyteCif() {
        StringBuilder s = new StringBuilder(FIFTY_MEGABYTES + 100).append(cif(CELL, "", ""));
        Random r = new Random(7);
        int i = 0;
        while (s.length() < FIFTY_MEGABYTES) {
            s.append("C").append(i++).append(" C ").append(r.nextInt(1000) / 1000.0).append(' ')
                    .append(r.nextInt(1000) / 1000.0).append(' ').append(r.nextInt(1000) / 1000.0).append(" 1\n");
        }
        return s.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] fiftyMegabyteQuote() {
        byte[] b = new byte[FIFTY_MEGABYTES];
        java.util.Arrays.fill(b, (byte) 'a');
        byte[] head = "data_x\n_title '".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, b, 0, head.length);
        return b;
    }
}

package org.crystograph.structure.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.crystograph.structure.Lattice;
import org.crystograph.structure.StructureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every reader refuses cells no material has ({@link CellLimits}), naming the field and line, and still reads the
 * odd cells real files have (2D vacuum, big MOF cells, a cell in nanometres).
 */
class CellLimitsTest {

    private static final List<Written.Atom> ONE_NA = List.of(Written.Atom.of("Na", 0, 0, 0));

    /** The cell of issue 28: rows 1e-30 / 1e30 / 1e8, volume 1e8 A^3; graph building never finished on it. */
    private static final String ISSUE_POSCAR = """
            hostile
            1.0
            1e-30 0 0
            0 1e30 0
            0 0 1e8
            Na
            1
            Direct
            0 0 0
            """;

    @Test
    void issuePoscar_tinyFirstVector_isRefusedAtItsLine() {
        StructureException e = catchThrowableOfType(StructureException.class,
                () -> StructureReaders.read(ISSUE_POSCAR, Optional.empty()));
        assertThat(e).isNotNull();
        assertThat(e.format()).isEqualTo("poscar");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.field()).isEqualTo("lattice");
        assertThat(e.getMessage()).contains("cell vector a is 1.00e-30 A long, below 0.1 A");
    }

    @Test
    void poscar_vectorTooLong_isRefusedAtTheLineOfThatVector() {
        String text = ISSUE_POSCAR.replace("1e-30 0 0", "5 0 0").replace("0 1e30 0", "0 5e3 0").replace("0 0 1e8",
                "0 0 5");
        StructureException e = catchThrowableOfType(StructureException.class,
                () -> StructureReaders.read(text, Optional.empty()));
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.getMessage()).contains("cell vector b is 5.00e+03 A long, above 1,000 A");
    }

    @Test
    void cif_angleBelowOneDegree_isRefusedAtItsTag() {
        String cif = Written.cif(Lattice.fromParameters(5, 5, 5, 90, 90, 0.5).matrix(), ONE_NA);
        StructureException e = catchThrowableOfType(StructureException.class,
                () -> StructureReaders.read(cif, Optional.empty()));
        assertThat(e.field()).isEqualTo("_cell_angle_gamma");
        assertThat(e.line()).isEqualTo(8);
        assertThat(e.getMessage()).contains("cell angle gamma = 0.5 degrees is outside [1.0, 179.0]");
    }

    /** A cell and atoms that break one limit, with a fragment of the expected message. */
    private record Case(String name, double[][] rows, List<Written.Atom> atoms, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static List<Written.Atom> row(int n, double spacing) {
        List<Written.Atom> atoms = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            atoms.add(Written.Atom.of("C", i * spacing, 0, 0));
        }
        return atoms;
    }

    static Stream<Arguments> hostileCells() {
        List<Case> cases = List.of(
                new Case("vector of 0.05 A", new double[][] {{0.05, 0, 0}, {0, 5, 0}, {0, 0, 5}}, ONE_NA,
                        "cell vector a is 0.0500 A long, below 0.1 A"),
                new Case("vector of 2,000 A", new double[][] {{2000, 0, 0}, {0, 30, 0}, {0, 0, 30}}, ONE_NA,
                        "cell vector a is 2.00e+03 A long, above 1,000 A"),
                new Case("angle of 0.5 degrees", Lattice.fromParameters(5, 5, 5, 0.5, 90, 90).matrix(), ONE_NA,
                        "cell angle alpha = 0.5"),
                new Case("needle 1 x 1 x 200 A", new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 200}}, ONE_NA,
                        "cell aspect ratio 200 is above 100"),
                new Case("one atom in 60 A cube", new double[][] {{60, 0, 0}, {0, 60, 0}, {0, 0, 60}}, ONE_NA,
                        "2.16e+05 A^3 per atom is above 100,000 A^3"),
                new Case("200 atoms in a 0.5 A cube", new double[][] {{0.5, 0, 0}, {0, 0.5, 0}, {0, 0, 0.5}},
                        row(200, 0.004), "0.000625 A^3 per atom is below 0.001 A^3"));
        List<Arguments> out = new ArrayList<>();
        for (Case c : cases) {
            for (Format f : Format.values()) {
                out.add(Arguments.of(c, f));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("hostileCells")
    void hostileCell_isRefusedByEveryReader_withTheLimitNamed(Case c, Format format) {
        String text = Written.as(format, c.rows(), c.atoms());
        StructureException e = catchThrowableOfType(StructureException.class,
                () -> StructureReaders.read(text, Optional.of(format)));
        assertThat(e).as("refused").isNotNull();
        assertThat(e.getMessage()).contains(c.message());
        assertThat(e.format()).isEqualTo(format.id());
        assertThat(e.field()).as("field").isNotNull();
        if (format == Format.CIF || format == Format.POSCAR || format == Format.EXTXYZ) {
            assertThat(e.line()).as("line").isPositive();
        }
    }

    static Stream<Arguments> realOddCells() {
        List<Case> cases = List.of(
                new Case("graphene with 30 A of vacuum",
                        Lattice.fromParameters(2.46, 2.46, 30, 90, 90, 120).matrix(),
                        List.of(Written.Atom.of("C", 1.0 / 3, 2.0 / 3, 0.5), Written.Atom.of("C", 2.0 / 3, 1.0 / 3, 0.5)),
                        null),
                new Case("rock salt in nanometres", new double[][] {{0.564, 0, 0}, {0, 0.564, 0}, {0, 0, 0.564}},
                        List.of(Written.Atom.of("Na", 0, 0, 0), Written.Atom.of("Cl", 0.5, 0.5, 0.5)), null),
                new Case("isolated atom in a 20 A box", new double[][] {{20, 0, 0}, {0, 20, 0}, {0, 0, 20}},
                        List.of(Written.Atom.of("Si", 0, 0, 0)), null),
                new Case("rhombohedral 33R-SiC primitive cell (6.4 degrees)",
                        Lattice.fromParameters(27.7, 27.7, 27.7, 6.4, 6.4, 6.4).matrix(),
                        List.of(Written.Atom.of("Si", 0, 0, 0), Written.Atom.of("C", 0.01, 0.01, 0.01)), null),
                new Case("large MOF-like cell", new double[][] {{60, 0, 0}, {0, 60, 0}, {0, 0, 60}}, row(50, 0.02),
                        null));
        List<Arguments> out = new ArrayList<>();
        for (Case c : cases) {
            for (Format f : Format.values()) {
                out.add(Arguments.of(c, f));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("realOddCells")
    void oddButRealCell_isReadByEveryReader(Case c, Format format) {
        String text = Written.as(format, c.rows(), c.atoms());
        assertThat(StructureReaders.read(text, Optional.of(format))).singleElement()
                .satisfies(p -> assertThat(p.structure().size()).isEqualTo(c.atoms().size()));
    }
}

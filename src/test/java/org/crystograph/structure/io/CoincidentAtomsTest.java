package org.crystograph.structure.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.crystograph.structure.Species;
import org.crystograph.structure.Structure;
import org.crystograph.structure.StructureException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Atoms on one position follow one rule in every format ({@link CoincidentAtoms}): one disordered site when their
 * occupancies add up to at most 1, otherwise refused as duplicates; in time linear in the number of atoms.
 */
class CoincidentAtomsTest {

    private static final double[][] CUBE_6 = {{6, 0, 0}, {0, 6, 0}, {0, 0, 6}};
    private static final double[][] CUBE_60 = {{60, 0, 0}, {0, 60, 0}, {0, 0, 60}};
    /** Far more than reading 20,000 atoms takes (well under a second), far less than a quadratic pile-up. */
    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final int TWENTY_THOUSAND = 20_000;

    @Test
    void poscar_twentyThousandAtomsOnOnePosition_isRefusedAtTheSecondAtom() {
        List<Written.Atom> pile = new ArrayList<>();
        for (int i = 0; i < TWENTY_THOUSAND; i++) {
            pile.add(Written.Atom.of("Na", 0.5, 0.5, 0.5));
        }
        String text = Written.poscar(CUBE_60, pile);
        StructureException e = assertTimeoutPreemptively(BOUND, () -> catchThrowableOfType(StructureException.class,
                () -> StructureReaders.read(text, Optional.empty())));
        assertThat(e).as("refused").isNotNull();
        assertThat(e.format()).isEqualTo("poscar");
        assertThat(e.line()).isEqualTo(10);
        assertThat(e.field()).isEqualTo("positions");
        assertThat(e.getMessage()).isEqualTo("atom 2 (Na) lies on atom 1 (Na) (within 1.0E-4 fractional) and their"
                + " occupancies sum to 2.000 > 1: duplicate atoms?");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void twoFullAtomsOnOnePosition_areRefusedAsDuplicates(Format format) {
        String text = Written.as(format, CUBE_6, List.of(Written.Atom.of("Na", 0.25, 0.25, 0.25),
                Written.Atom.of("Cl", 0.75, 0.75, 0.75), Written.Atom.of("Na", 0.25, 0.25 + 5e-5, 0.25)));
        StructureException e = catchThrowableOfType(StructureException.class,
                () -> StructureReaders.read(text, Optional.of(format)));
        assertThat(e).as("refused").isNotNull();
        assertThat(e.format()).isEqualTo(format.id());
        assertThat(e.getMessage()).contains("lies on atom").contains("occupancies sum to 2.000 > 1: duplicate atoms?");
        assertThat(e.field()).isNotNull();
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"CIF", "PYMATGEN_JSON", "OPTIMADE_JSON"})
    void twoHalfAtomsOnOnePosition_becomeOneDisorderedSite_asInCif(Format format) {
        List<Written.Atom> atoms = List.of(new Written.Atom("Fe", 0.5, 0.25, 0.25, 0.25),
                Written.Atom.of("O", 0.75, 0.75, 0.75), new Written.Atom("Ni", 0.5, 0.25, 0.25, 0.25));
        Structure s = StructureReaders.read(Written.as(format, CUBE_6, atoms), Optional.of(format)).get(0).structure();
        assertThat(s.size()).isEqualTo(2);
        assertThat(s.site(0).species()).containsExactly(Species.of("Fe", 0.5), Species.of("Ni", 0.5));
        assertThat(s.site(0).frac()).containsExactly(0.25, 0.25, 0.25);
        assertThat(s.site(1).species()).containsExactly(Species.of("O"));
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"CIF", "PYMATGEN_JSON", "OPTIMADE_JSON"})
    void partialAtomsOverfillingOnePosition_areRefused(Format format) {
        List<Written.Atom> atoms = List.of(new Written.Atom("Fe", 0.6, 0.25, 0.25, 0.25),
                new Written.Atom("Ni", 0.6, 0.25, 0.25, 0.25));
        StructureException e = catchThrowableOfType(StructureException.class,
                () -> StructureReaders.read(Written.as(format, CUBE_6, atoms), Optional.of(format)));
        assertThat(e).as("refused").isNotNull();
        assertThat(e.getMessage()).contains("occupancies sum to 1.200 > 1");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void twentyThousandAtomsPiledInATenthOfAnAngstrom_butDistinct_areReadInLinearTime(Format format) {
        // a 27^3 grid of atoms 2e-4 apart (fractional, just above the 1e-4 merge tolerance) in a 100 A cell
        int side = 27;
        double spacing = 2e-4;
        List<Written.Atom> cluster = new ArrayList<>();
        for (int i = 0; i < side; i++) {
            for (int j = 0; j < side; j++) {
                for (int k = 0; k < side; k++) {
                    cluster.add(Written.Atom.of("C", 0.5 + i * spacing, 0.5 + j * spacing, 0.5 + k * spacing));
                }
            }
        }
        String text = Written.as(format, new double[][] {{100, 0, 0}, {0, 100, 0}, {0, 0, 100}}, cluster);
        Structure s = assertTimeoutPreemptively(BOUND,
                () -> StructureReaders.read(text, Optional.of(format)).get(0).structure());
        assertThat(s.size()).isEqualTo(side * side * side);
    }
}

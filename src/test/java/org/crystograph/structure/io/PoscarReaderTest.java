package org.crystograph.structure.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.crystograph.structure.Structure;
import org.crystograph.structure.StructureException;
import org.junit.jupiter.api.Test;

class PoscarReaderTest {

    private static final String SI_DIRECT = """
            Si8 diamond
            1.0
              5.4307 0.0 0.0
              0.0 5.4307 0.0
              0.0 0.0 5.4307
            Si
            8
            Direct
              0.00 0.00 0.00
              0.00 0.50 0.50
              0.50 0.00 0.50
              0.50 0.50 0.00
              0.25 0.25 0.25
              0.25 0.75 0.75
              0.75 0.25 0.75
              0.75 0.75 0.25
            """;

    @Test
    void siliconDiamond_directCoordinates_hasEightSites() {
        ParsedStructure p = StructureReaders.read(SI_DIRECT, Optional.empty()).get(0);
        assertThat(p.format()).isEqualTo(Format.POSCAR);
        assertThat(p.structure().size()).isEqualTo(8);
        assertThat(p.structure().volume()).isCloseTo(Math.pow(5.4307, 3), offset(1e-9));
        assertThat(p.structure().site(4).frac()).containsExactly(0.25, 0.25, 0.25);
    }

    @Test
    void negativeScale_isTargetVolume() {
        String text = SI_DIRECT.replace("\n1.0\n", "\n-1000.0\n");
        Structure s = StructureReaders.readOne(text, Optional.of(Format.POSCAR));
        assertThat(s.volume()).isCloseTo(1000.0, offset(1e-9));
        assertThat(s.lattice().a()).isCloseTo(10.0, offset(1e-12));
        assertThat(s.site(4).frac(0)).isCloseTo(0.25, offset(1e-15));
    }

    @Test
    void nacl_cartesianScaledWithSelectiveDynamics_readsFractions() {
        String text = """
                NaCl rock salt conventional cell, Cartesian
                2.0
                  2.82 0 0
                  0 2.82 0
                  0 0 2.82
                Na_pv Cl
                4 4
                Selective dynamics
                Cartesian
                  0.00 0.00 0.00 T T T
                  0.00 1.41 1.41 T T F
                  1.41 0.00 1.41 F F F
                  1.41 1.41 0.00 T T T
                  1.41 0.00 0.00 T T T
                  0.00 1.41 0.00 T T T
                  0.00 0.00 1.41 T T T
                  1.41 1.41 1.41 T T T
                """;
        Structure s = StructureReaders.readOne(text, Optional.empty());
        assertThat(s.composition()).isEqualTo(Map.of("Cl", 4.0, "Na", 4.0));
        assertThat(s.lattice().a()).isCloseTo(5.64, offset(1e-12));
        assertThat(s.site(1).frac(1)).isCloseTo(0.5, offset(1e-12));
        assertThat(s.site(7).frac(2)).isCloseTo(0.5, offset(1e-12));
    }

    @Test
    void vasp4_withoutSpeciesLine_takesSpeciesFromCommentWithWarning() {
        String text = """
                Na Cl
                5.64
                1 0 0
                0 1 0
                0 0 1
                1 1
                Direct
                0 0 0
                0.5 0.5 0.5
                """;
        ParsedStructure p = StructureReaders.read(text, Optional.of(Format.POSCAR)).get(0);
        assertThat(p.structure().composition()).isEqualTo(Map.of("Cl", 1.0, "Na", 1.0));
        assertThat(p.warnings()).singleElement().asString().contains("VASP 4");
    }

    @Test
    void badSelectiveDynamicsFlag_isRejectedWithLine() {
        String text = SI_DIRECT.replace("Direct", "Selective dynamics\nDirect").replace("0.00 0.00 0.00\n",
                "0.00 0.00 0.00 T X T\n");
        assertThatThrownBy(() -> StructureReaders.read(text, Optional.of(Format.POSCAR)))
                .isInstanceOf(StructureException.class)
                .satisfies(e -> assertThat(((StructureException) e).line()).isEqualTo(10))
                .hasMessageContaining("'X'");
    }

    @Test
    void truncatedPositions_nameTheMissingAtom() {
        List<String> lines = SI_DIRECT.lines().toList();
        String text = String.join("\n", lines.subList(0, lines.size() - 2));
        assertThatThrownBy(() -> StructureReaders.read(text, Optional.empty()))
                .isInstanceOf(StructureException.class)
                .hasMessageContaining("position of atom 7 of 8");
    }
}

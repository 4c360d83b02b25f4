package org.crystograph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.crystograph.structure.Structure;
import org.crystograph.structure.io.Format;
import org.crystograph.structure.io.StructureReaders;
import org.junit.jupiter.api.Test;

/** The request mix of {@code bench soak} is what it claims to be. */
class SoakInputsTest {

    private static final int MAX_SITES = 1000;

    @Test
    void mix_drawsEveryKindRoughlyByItsWeight() {
        SoakInputs inputs = new SoakInputs(MAX_SITES, 1);
        int draws = 5000;
        Map<SoakInputs.Kind, Integer> counts = new EnumMap<>(SoakInputs.Kind.class);
        for (int i = 0; i < draws; i++) {
            counts.merge(inputs.next().kind(), 1, Integer::sum);
        }
        int total = 0;
        for (SoakInputs.Kind k : SoakInputs.Kind.values()) {
            total += k.weight;
        }
        for (SoakInputs.Kind k : SoakInputs.Kind.values()) {
            double expected = (double) draws * k.weight / total;
            assertThat(counts.getOrDefault(k, 0)).as(k.name()).isBetween((int) (0.7 * expected),
                    (int) (1.3 * expected) + 1);
        }
    }

    @Test
    void validCif_andThePoscarMadeFromIt_areTheSameCrystal() {
        SoakInputs inputs = new SoakInputs(MAX_SITES, 2);
        for (int i = 0; i < 20; i++) {
            SoakInputs.Request r = inputs.of(SoakInputs.Kind.VALID);
            if (!r.contentType().equals("chemical/x-cif")) {
                continue;
            }
            String cif = new String(r.body(), StandardCharsets.UTF_8);
            Structure fromCif = StructureReaders.readOne(cif, Optional.of(Format.CIF));
            Structure fromPoscar = StructureReaders.readOne(SoakInputs.poscarOf(cif), Optional.of(Format.POSCAR));
            assertThat(fromPoscar.size()).isEqualTo(fromCif.size());
            assertThat(fromPoscar.composition()).isEqualTo(fromCif.composition());
            assertThat(fromPoscar.lattice().volume()).isCloseTo(fromCif.lattice().volume(),
                    org.assertj.core.data.Offset.offset(1e-3));
        }
    }
}

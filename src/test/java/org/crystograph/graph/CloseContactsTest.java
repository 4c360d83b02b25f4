package org.crystograph.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.crystograph.structure.Lattice;
import org.crystograph.structure.Site;
import org.crystograph.structure.Species;
import org.crystograph.structure.Structure;
import org.junit.jupiter.api.Test;

class CloseContactsTest {

    private final GraphBuilder builder = GraphBuilder.withDefaults();

    private java.util.Optional<String> warning(Structure s) {
        return CloseContacts.warning(s, builder.build(s));
    }

    @Test
    void rockSalt_hasNoCloseContact() {
        assertThat(warning(Crystals.rockSalt(5.64))).isEmpty();
    }

    @Test
    void rockSalt_withItsCellTenTimesTooSmall_isReportedWithTheClosestPair() {
        // Na-Cl at a/2 = 0.282 A (Na-Na at 0.399 A is close too); site 0 is Na, sites 4-7 are Cl
        assertThat(warning(Crystals.rockSalt(0.564))).hasValueSatisfying(w -> assertThat(w)
                .matches("sites 0 \\(Na\\) and [4-7] \\(Cl\\) are 0\\.282 A apart, closer than two atoms can be"
                        + " \\(0\\.5 A\\); check the cell, its units and the scale"));
    }

    @Test
    void siteCloseToItsOwnImage_isReported() {
        Structure s = new Structure(Lattice.fromParameters(0.4, 4, 4, 90, 90, 90), List.of(Site.of("Fe", 0, 0, 0)));
        assertThat(warning(s)).hasValue(
                "site 0 (Fe) and its periodic image are 0.400 A apart, closer than two atoms can be (0.5 A); check the"
                        + " cell, its units and the scale");
    }

    @Test
    void disorderedAlternativePositions_whoseOccupanciesSumToOne_areNotReported() {
        Structure s = new Structure(Lattice.cubic(5.0), List.of(
                new Site(List.of(Species.of("O", 0.5)), new double[] {0.10, 0.2, 0.3}, "O1a"),
                new Site(List.of(Species.of("O", 0.5)), new double[] {0.16, 0.2, 0.3}, "O1b"),
                Site.of("Ti", 0.5, 0.5, 0.5)));
        assertThat(warning(s)).isEmpty();
    }

    @Test
    void twoFullAtomsAFifthOfAnAngstromApart_areReportedByLabel() {
        Structure s = new Structure(Lattice.cubic(5.0), List.of(
                new Site(List.of(Species.of("O")), new double[] {0.10, 0.2, 0.3}, "O1"),
                new Site(List.of(Species.of("O")), new double[] {0.14, 0.2, 0.3}, "O2"),
                Site.of("Ti", 0.5, 0.5, 0.5)));
        assertThat(warning(s)).hasValue(
                "sites 0 (O1) and 1 (O2) are 0.200 A apart, closer than two atoms can be (0.5 A); check the cell, its"
                        + " units and the scale");
    }
}

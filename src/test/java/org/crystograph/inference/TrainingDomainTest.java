package org.crystograph.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.crystograph.graph.Crystals;
import org.crystograph.graph.GraphBuilder;
import org.crystograph.structure.Lattice;
import org.crystograph.structure.Site;
import org.crystograph.structure.Structure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingDomainTest {

    private static final Structure SRTIO3 = new Structure(Lattice.cubic(3.905), List.of(Site.of("Sr", 0, 0, 0),
            Site.of("Ti", 0.5, 0.5, 0.5), Site.of("O", 0.5, 0.5, 0), Site.of("O", 0.5, 0, 0.5),
            Site.of("O", 0, 0.5, 0.5)));
    private static final Structure BATIO3 = new Structure(Lattice.cubic(4.0), List.of(Site.of("Ba", 0, 0, 0),
            Site.of("Ti", 0.5, 0.5, 0.5), Site.of("O", 0.5, 0.5, 0), Site.of("O", 0.5, 0, 0.5),
            Site.of("O", 0, 0.5, 0.5)));

    private final GraphBuilder builder = GraphBuilder.withDefaults();

    private TrainingDomain perovskites() {
        return TrainingDomain.of(List.of(builder.build(SRTIO3), builder.build(BATIO3)), "two perovskites");
    }

    @Test
    void twoPerovskites_coverTheirFourElementsInOrderOfZ_andFiveSites() {
        TrainingDomain d = perovskites();
        assertThat(d.elements()).containsExactly("O", "Ti", "Sr", "Ba");
        assertThat(d.minSites()).isEqualTo(5);
        assertThat(d.maxSites()).isEqualTo(5);
        assertThat(d.structures()).isEqualTo(2);
    }

    @Test
    void structureInsideTheDomain_hasNoWarning() {
        Structure caTiO3Like = new Structure(Lattice.cubic(3.9), List.of(Site.of("Ba", 0, 0, 0),
                Site.of("Ti", 0.5, 0.5, 0.5), Site.of("O", 0.5, 0.5, 0), Site.of("O", 0.5, 0, 0.5),
                Site.of("O", 0, 0.5, 0.5)));
        assertThat(perovskites().warning(caTiO3Like, "m")).isEmpty();
    }

    @Test
    void rockSalt_namesItsUnseenElementsAndItsSiteCount() {
        assertThat(perovskites().warning(Crystals.rockSalt(5.64), "perov")).hasValue(
                "outside the training data of model 'perov' (2 structures): Na, Cl never occur in it; 8 sites, it has 5");
    }

    @Test
    void knownElementsInALargerCell_nameOnlyTheSiteCount() {
        assertThat(perovskites().warning(Crystals.simpleCubic("O", 3.0), "perov")).hasValue(
                "outside the training data of model 'perov' (2 structures): 1 site, it has 5");
    }

    @Test
    void domainFile_roundTripsThroughTheModelDirectory(@TempDir Path dir) throws IOException {
        assertThat(TrainingDomain.read(dir)).isEmpty();
        TrainingDomain d = perovskites();
        Files.writeString(dir.resolve(TrainingDomain.FILE), d.toJson());
        assertThat(TrainingDomain.read(dir)).hasValue(d);
        assertThat(d.toJson()).contains("\"min_sites\" : 5");
    }
}

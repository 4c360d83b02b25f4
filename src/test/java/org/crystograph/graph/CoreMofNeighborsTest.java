package org.crystograph.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.crystograph.config.DataPaths;
import org.crystograph.structure.ReadOptions;
import org.crystograph.structure.Structure;
import org.crystograph.structure.io.StructureReaders;
import org.junit.jupiter.api.Test;
import org.crystograph.testing.Prerequisites;

/**
 * Real metal-organic frameworks (CoRE MOF 2019, read from the dataset directory): the cell-list k-NN equals the
 * literal enumeration of spec section 2 on a fast subset (every 300th CIF); {@code -Dcrystograph.coremof.all=true}
 * checks every 10th.
 */
class CoreMofNeighborsTest {

    @Test
    void coreMofSubset_cellListEqualsBruteForceEnumeration() throws Exception {
        Path zip = DataPaths.dataDirectory().map(d -> d.resolve("coremof2019-asr-le200").resolve("cifs.zip"))
                .filter(Files::isRegularFile).orElse(null);
        Prerequisites.require(zip != null, "CoRE MOF cifs.zip not found under the dataset directory; skipping");
        int stride = Boolean.getBoolean("crystograph.coremof.all") ? 10 : 300;
        GraphSettings settings = GraphSettings.defaults();
        GraphBuilder builder = new GraphBuilder(settings);
        int checked = 0;
        try (ZipFile z = new ZipFile(zip.toFile())) {
            List<ZipEntry> entries = new ArrayList<>(Collections.list(z.entries()));
            entries.sort((a, b) -> a.getName().compareTo(b.getName()));
            for (int t = 0; t < entries.size(); t += stride) {
                Structure s = StructureReaders.readZipEntry(z, entries.get(t), Optional.empty(), ReadOptions.defaults())
                        .get(0).structure();
                Structure framed = builder.frame(s);
                CrystalGraph g = builder.build(s);
                assertThat(g.numLineEdges()).isEqualTo(144 * s.size());
                double[] frac = new double[3 * s.size()];
                for (int i = 0; i < s.size(); i++) {
                    for (int c = 0; c < 3; c++) {
                        frac[3 * i + c] = framed.site(i).frac(c);
                    }
                }
                List<List<ReferenceNeighborSearch.Candidate>> expected = new ArrayList<>();
                double r = new ReferenceNeighborSearch(framed.lattice(), frac).kNearest(12,
                        settings.startRadiusAngstrom(), settings.radiusStepAngstrom(), settings.maxRadiusAngstrom(),
                        expected);
                assertThat(g.radiusAngstrom()).as(entries.get(t).getName()).isEqualTo(r);
                for (int i = 0; i < s.size(); i++) {
                    for (int rank = 0; rank < 12; rank++) {
                        ReferenceNeighborSearch.Candidate c = expected.get(i).get(rank);
                        int e = 12 * i + rank;
                        assertThat(g.edgeSource()[e]).as("%s site %d rank %d", entries.get(t).getName(), i, rank)
                                .isEqualTo(c.site());
                        assertThat(g.edgeLength()[e]).isCloseTo(c.distanceAngstrom(), within(1e-9));
                    }
                }
                checked++;
            }
        }
        assertThat(checked).isPositive();
    }
}

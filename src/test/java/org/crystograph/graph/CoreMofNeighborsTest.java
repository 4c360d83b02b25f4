package org.crystograph.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.crystograph.structure.Structure;
import org.crystograph.testing.DatasetStructures;
import org.junit.jupiter.api.Test;

/**
 * Real metal-organic frameworks (CoRE MOF 2019, read from the dataset directory): the cell-list k-NN equals the
 * literal enumeration of spec section 2 on a fast subset (every 300th CIF); {@code -Dcrystograph.coremof.all=true}
 * checks every 10th.
 */
class CoreMofNeighborsTest {

    @Test
    void coreMofSubset_cellListEqualsBruteForceEnumeration() throws Exception {
        int stride = Boolean.getBoolean("crystograph.coremof.all") ? 10 : 300;
        GraphSettings settings = GraphSettings.defaults();
        GraphBuilder builder = new GraphBuilder(settings);
        int[] checked = {0};
        DatasetStructures.forEach("coremof2019-asr-le200", stride, (entry, s) -> {
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
            assertThat(g.radiusAngstrom()).as(entry).isEqualTo(r);
            for (int i = 0; i < s.size(); i++) {
                for (int rank = 0; rank < 12; rank++) {
                    ReferenceNeighborSearch.Candidate c = expected.get(i).get(rank);
                    int e = 12 * i + rank;
                    assertThat(g.edgeSource()[e]).as("%s site %d rank %d", entry, i, rank)
                            .isEqualTo(c.site());
                    assertThat(g.edgeLength()[e]).isCloseTo(c.distanceAngstrom(), within(1e-9));
                }
            }
            checked[0]++;
        });
        assertThat(checked[0]).isPositive();
    }
}

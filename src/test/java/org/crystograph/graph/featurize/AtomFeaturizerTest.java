package org.crystograph.graph.featurize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import org.crystograph.config.DataPaths;
import org.crystograph.graph.CrystalGraph;
import org.crystograph.graph.GraphBuilder;
import org.crystograph.graph.GraphSettings;
import org.crystograph.structure.Lattice;
import org.crystograph.structure.Site;
import org.crystograph.structure.Species;
import org.crystograph.structure.Structure;
import org.crystograph.structure.StructureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.crystograph.testing.Prerequisites;

/** Atom descriptors (spec section 6): the CDK one-hot descriptor and the JSON table (CGCNN checks). */
class AtomFeaturizerTest {

    @Test
    void cdkDescriptor_widthDerivedFromBlocks() {
        assertThat(CdkDescriptorFeaturizer.WIDTH).isEqualTo(19 + 7 + 4 * 11).isEqualTo(70);
        assertThat(GraphSettings.cdkDescriptorWidth()).isEqualTo(new CdkDescriptorFeaturizer().width());
    }

    @Test
    void cdkDescriptor_everyElement1to100_hasExactlyOneHotPerBlock() {
        CdkDescriptorFeaturizer f = new CdkDescriptorFeaturizer();
        int[] blocks = {19, 7, 11, 11, 11, 11};
        for (int z = 1; z <= 100; z++) {
            float[] v = f.features(z);
            assertThat(v).hasSize(70);
            int offset = 0;
            for (int width : blocks) {
                double sum = 0;
                for (int c = offset; c < offset + width; c++) {
                    assertThat(v[c]).isIn(0f, 1f);
                    sum += v[c];
                }
                assertThat(sum).as("Z=%d block at %d", z, offset).isEqualTo(1.0);
                offset += width;
            }
        }
    }

    @Test
    void cdkDescriptor_ironAndCerium_columnsFromCdkTable() {
        CdkDescriptorFeaturizer f = new CdkDescriptorFeaturizer();
        // Fe: group 8, period 4, EN 1.83 -> bin 3, covalent 1.25 A -> bin 4, vdW 2.05 A -> bin 4, mass 55.85 -> bin 2
        assertThat(ones(f.features(26))).containsExactly(8, 19 + 3, 26 + 3, 37 + 4, 48 + 4, 59 + 2);
        // Ce: no group (column 0), period 6, no covalent radius in CDK -> the missing column 37 + 10
        assertThat(ones(f.features(58))).contains(0, 19 + 5, 37 + 10);
        assertThatThrownBy(() -> f.features(101)).isInstanceOf(StructureException.class).hasMessageContaining("101");
    }

    @Test
    void cgcnnTable_rowsMatchPublishedColumnsAndShaIsRecorded() throws Exception {
        Path file = DataPaths.dataDirectory().map(d -> d.resolve("cgcnn-sample").resolve("atom_init.json"))
                .filter(Files::isRegularFile).orElse(null);
        Prerequisites.require(file != null, "CGCNN atom_init.json not found under the dataset directory; skipping");
        TableFeaturizer t = TableFeaturizer.load(file);
        assertThat(t.width()).isEqualTo(92);
        assertThat(t.id()).isEqualTo("TABLE");
        assertThat(ones(t.features(1))).containsExactly(1, 19, 30, 36, 46, 64, 73, 78, 86);
        assertThat(ones(t.features(6))).containsExactly(14, 20, 31, 38, 49, 63, 74, 79, 82);
        assertThat(ones(t.features(8))).containsExactly(16, 20, 34, 37, 51, 64, 74, 79, 86);
        assertThat(ones(t.features(26))).containsExactly(8, 22, 29, 40, 53, 61, 72, 80, 83);
        assertThat(t.sourceSha256()).isEqualTo(
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
    }

    @Test
    void table_missingElement_errorNamesIt(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("small.json");
        Files.writeString(file, "{\"1\": [1, 0, 0.5], \"8\": [0, 1, 0.25]}");
        TableFeaturizer t = TableFeaturizer.load(file);
        assertThat(t.width()).isEqualTo(3);
        assertThat(t.features(8)).containsExactly(0f, 1f, 0.25f);
        assertThatThrownBy(() -> t.features(26)).isInstanceOf(StructureException.class)
                .hasMessageContaining("Fe").hasMessageContaining("small.json");
    }

    @Test
    void table_ragged_isRejected(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("ragged.json");
        Files.writeString(file, "{\"1\": [1, 0], \"2\": [1]}");
        assertThatThrownBy(() -> TableFeaturizer.load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entry 2");
    }

    @Test
    void disorderedSite_nodeFeaturesAreOccupancyWeightedSums(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("t.json");
        Files.writeString(file, "{\"26\": [1, 0], \"28\": [0, 2], \"8\": [3, 3]}");
        TableFeaturizer t = TableFeaturizer.load(file);
        Structure s = new Structure(Lattice.cubic(4.2), List.of(
                new Site(List.of(new Species(26, 0.5), new Species(28, 0.3)), new double[] {0, 0, 0}, "M"),
                Site.of("O", 0.5, 0.5, 0.5)));
        CrystalGraph g = GraphBuilder.withDefaults().build(s);
        float[] x = t.nodeFeatures(g);
        assertThat(x[0]).isEqualTo(0.5f);
        assertThat((double) x[1]).isCloseTo(0.6, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(x[2]).isEqualTo(3f);
    }

    private static int[] ones(float[] v) {
        return IntStream.range(0, v.length).filter(i -> v[i] == 1f).toArray();
    }
}

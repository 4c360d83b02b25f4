package org.crystograph.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The default network's trainable parameter counts equal the spec's section 10 "ours" column. */
class ParameterCountTest {

    /** Width of the CGCNN one-hot table the spec's figures assume. */
    private static final int CGCNN_WIDTH = 92;

    private static NDManager manager;
    private static CrysToGraphBlock block;

    @BeforeAll
    static void build() {
        manager = NDManager.newBaseManager();
        block = new CrysToGraphBlock(CrysToGraphConfig.defaults(CGCNN_WIDTH, TestGraphs.SETTINGS));
        block.initialize(manager, DataType.FLOAT32);
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    private static long count(String child) {
        Block b = Layers.child(block, child);
        return Layers.trainableParameters(b);
    }

    @Test
    void defaultConfig_withCgcnnTable_hasSpecTotal() {
        assertThat(Layers.trainableParameters(block)).isEqualTo(5_795_123L);
    }

    @Test
    void nodeEtgc_hasSpecBreakdown() {
        EtgcBlock node = (EtgcBlock) Layers.child(block, "node0");
        assertThat(Layers.trainableParameters(node)).isEqualTo(881_848L);
        assertThat(Layers.trainableParameters(node.attention())).isEqualTo(309_028L);
        assertThat(Layers.trainableParameters(node.nodeFfn())).isEqualTo(526_080L);
        assertThat(Layers.trainableParameters(node.edgeFfn())).isEqualTo(46_740L);
        for (int l = 1; l < 5; l++) {
            assertThat(count("node" + l)).isEqualTo(881_848L);
        }
    }

    @Test
    void lineEtgc_hasSpecBreakdown() {
        EtgcBlock line = (EtgcBlock) Layers.child(block, "line0");
        assertThat(Layers.trainableParameters(line)).isEqualTo(128_436L);
        assertThat(Layers.trainableParameters(line.attention())).isEqualTo(74_286L);
        assertThat(Layers.trainableParameters(line.nodeFfn())).isEqualTo(46_740L);
        assertThat(Layers.trainableParameters(line.edgeFfn())).isEqualTo(7_410L);
        for (int l = 1; l < 5; l++) {
            assertThat(count("line" + l)).isEqualTo(128_436L);
        }
    }

    @Test
    void graphTransformer_hasSpecCount() {
        assertThat(count("gwt0")).isEqualTo(546_816L);
        Block gwt = Layers.child(block, "gwt0");
        assertThat(Layers.trainableParameters(Layers.child(gwt, "edgeProjection"))).isEqualTo(19_712L);
        assertThat(Layers.trainableParameters(Layers.child(gwt, "key"))).isEqualTo(65_536L);
        assertThat(Layers.trainableParameters(Layers.child(gwt, "expand"))).isEqualTo(131_584L);
        assertThat(Layers.trainableParameters(Layers.child(gwt, "contract"))).isEqualTo(131_328L);
    }

    @Test
    void inputProjections_normsHeadAndEmbedding_haveSpecCounts() {
        Block input = Layers.child(block, "input");
        assertThat(Layers.trainableParameters(input)).isEqualTo(57_470L);
        assertThat(Layers.trainableParameters(Layers.child(input, "atom"))).isEqualTo(40_192L);
        assertThat(Layers.trainableParameters(Layers.child(input, "edge"))).isEqualTo(5_852L);
        assertThat(Layers.trainableParameters(Layers.child(input, "line"))).isEqualTo(930L);
        assertThat(Layers.trainableParameters(Layers.child(input, "pe"))).isEqualTo(10_496L);
        assertThat(count("nodeNorm") + count("edgeNorm")).isEqualTo(664L);
        assertThat(count("head")).isEqualTo(132_353L);
        assertThat(count("embedding")).isEqualTo(6_400L);
    }

    @Test
    void noEmbedding_withCgcnnTable_hasSpecTotal() {
        try (NDManager m = NDManager.newBaseManager()) {
            CrysToGraphBlock b = new CrysToGraphBlock(CrysToGraphConfig.defaults(CGCNN_WIDTH, TestGraphs.SETTINGS)
                    .withAtomEmbedding(CrysToGraphConfig.AtomEmbedding.NONE));
            b.initialize(m, DataType.FLOAT32);
            assertThat(Layers.trainableParameters(b)).isEqualTo(5_772_339L);
        }
    }

    @Test
    void gwtModeAndAngleUpdate_doNotChangeCount() {
        try (NDManager m = NDManager.newBaseManager()) {
            CrysToGraphBlock b = new CrysToGraphBlock(CrysToGraphConfig.defaults(CGCNN_WIDTH, TestGraphs.SETTINGS)
                    .withGwtMode(CrysToGraphConfig.GwtMode.SUM)
                    .withAngleUpdate(CrysToGraphConfig.AngleUpdate.FROZEN));
            b.initialize(m, DataType.FLOAT32);
            assertThat(Layers.trainableParameters(b)).isEqualTo(5_795_123L);
        }
    }
}

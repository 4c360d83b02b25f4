package org.crystograph.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.crystograph.graph.CrystalGraph;
import org.crystograph.graph.GraphBuilder;
import org.crystograph.graph.GraphSettings;
import org.crystograph.graph.featurize.CdkDescriptorFeaturizer;
import org.crystograph.structure.Lattice;
import org.crystograph.structure.Site;
import org.crystograph.structure.Structure;
import org.junit.jupiter.api.Test;

/**
 * Spec section 13 item 4: with {@code frame = CANONICAL}, a random rotation of the input lattice (same fractional
 * coordinates) leaves predictions unchanged to 1e-5; spec item 5 on a real graph: permuting sites does not change the
 * prediction.
 */
class RotationInvarianceTest {

    /** A low-symmetry triclinic cell with four sites of three elements. */
    private static Structure triclinic(double[][] matrix) {
        return new Structure(new Lattice(matrix), List.of(
                Site.of("Ba", 0.02, 0.01, 0.03),
                Site.of("Ti", 0.51, 0.47, 0.55),
                Site.of("O", 0.49, 0.05, 0.52),
                Site.of("O", 0.03, 0.46, 0.57)));
    }

    private static double[][] rotate(double[][] m, double[][] r) {
        double[][] out = new double[3][3];
        for (int row = 0; row < 3; row++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    out[row][j] += m[row][k] * r[j][k]; // rows are vectors: v' = R v
                }
            }
        }
        return out;
    }

    /** A random rotation matrix from a random unit quaternion. */
    private static double[][] randomRotation(Random rnd) {
        double a = rnd.nextGaussian();
        double b = rnd.nextGaussian();
        double c = rnd.nextGaussian();
        double d = rnd.nextGaussian();
        double n = Math.sqrt(a * a + b * b + c * c + d * d);
        a /= n;
        b /= n;
        c /= n;
        d /= n;
        return new double[][] {
            {a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c)},
            {2 * (b * c + a * d), a * a - b * b + c * c - d * d, 2 * (c * d - a * b)},
            {2 * (b * d - a * c), 2 * (c * d + a * b), a * a - b * b - c * c + d * d}
        };
    }

    private static float predict(CrysToGraphBlock block, NDManager m, CdkDescriptorFeaturizer f, CrystalGraph g) {
        try (NDManager sub = m.newSubManager()) {
            return block.forward(new ParameterStore(sub, false),
                    GraphBatch.of(List.of(g), f).toNDList(sub, DataType.FLOAT32), false).singletonOrThrow()
                    .getFloat(0);
        }
    }

    @Test
    void canonicalFrame_randomRotationOfLattice_leavesPredictionUnchanged() {
        double[][] matrix = {{5.1, 0.2, 0.1}, {0.7, 5.6, -0.3}, {0.4, 0.9, 6.2}};
        GraphBuilder builder = new GraphBuilder(GraphSettings.defaults());
        CdkDescriptorFeaturizer f = new CdkDescriptorFeaturizer();
        Random rnd = new Random(2024);
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(5);
            CrysToGraphBlock block = new CrysToGraphBlock(CrysToGraphConfig.small(f.width(), GraphSettings.defaults()));
            block.initialize(m, DataType.FLOAT32);
            float reference = predict(block, m, f, builder.build(triclinic(matrix)));
            for (int trial = 0; trial < 3; trial++) {
                float rotated = predict(block, m, f, builder.build(triclinic(rotate(matrix, randomRotation(rnd)))));
                assertThat((double) rotated).isCloseTo(reference, Offset.offset(1e-5));
            }
        }
    }

    @Test
    void asGivenFrame_rotationChangesPrediction() {
        double[][] matrix = {{5.1, 0.2, 0.1}, {0.7, 5.6, -0.3}, {0.4, 0.9, 6.2}};
        GraphSettings d = GraphSettings.defaults();
        GraphSettings asGiven = new GraphSettings(d.neighbors(), d.startRadiusAngstrom(), d.radiusStepAngstrom(),
                d.maxRadiusAngstrom(), d.distanceBasis(), d.polarBasis(), d.azimuthBasis(), d.longEdgeFlagAngstrom(),
                d.angleBasis(), d.laplacianEncodingSize(), d.randomWalkEncodingSize(), false);
        GraphBuilder builder = new GraphBuilder(asGiven);
        CdkDescriptorFeaturizer f = new CdkDescriptorFeaturizer();
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(5);
            CrysToGraphBlock block = new CrysToGraphBlock(CrysToGraphConfig.small(f.width(), d));
            block.initialize(m, DataType.FLOAT32);
            float reference = predict(block, m, f, builder.build(triclinic(matrix)));
            float rotated = predict(block, m, f,
                    builder.build(triclinic(rotate(matrix, randomRotation(new Random(7))))));
            assertThat(Math.abs(rotated - reference)).isGreaterThan(1e-4f);
        }
    }

    @Test
    void lowSymmetryCell_sitePermutation_leavesPredictionUnchanged() {
        double[][] matrix = {{5.1, 0.2, 0.1}, {0.7, 5.6, -0.3}, {0.4, 0.9, 6.2}};
        Structure s = triclinic(matrix);
        Structure permuted = new Structure(s.lattice(), List.of(s.site(2), s.site(0), s.site(3), s.site(1)));
        GraphBuilder builder = new GraphBuilder(GraphSettings.defaults());
        CdkDescriptorFeaturizer f = new CdkDescriptorFeaturizer();
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(6);
            CrysToGraphBlock block = new CrysToGraphBlock(CrysToGraphConfig.small(f.width(), GraphSettings.defaults()));
            block.initialize(m, DataType.FLOAT32);
            float a = predict(block, m, f, builder.build(s));
            float b = predict(block, m, f, builder.build(permuted));
            assertThat((double) b).isCloseTo(a, Offset.offset(1e-5));
        }
    }
}

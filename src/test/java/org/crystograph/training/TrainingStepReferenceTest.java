package org.crystograph.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.crystograph.graph.CrystalGraph;
import org.crystograph.graph.GraphSettings;
import org.crystograph.graph.featurize.CdkDescriptorFeaturizer;
import org.crystograph.inference.CheckpointModel;
import org.crystograph.model.AtomDescriptors;
import org.crystograph.model.CrysToGraphBlock;
import org.crystograph.model.CrysToGraphConfig;
import org.crystograph.model.GraphBatch;
import org.crystograph.structure.Structure;
import org.crystograph.structure.io.StructureReaders;
import org.junit.jupiter.api.Test;

/**
 * Pins the numbers of the training step and the forward pass to values recorded before any speed work on them
 * (resource {@value #REFERENCE}): a few AdamW steps of a small network whose eTGC layers use both forms of the folded
 * edge update, with the gradient of every parameter on the first step, the loss of every step and the predictions
 * after the last; and the bundled model's predictions for the fixture crystals. A change made for speed may move
 * these by float32 rounding, not more.
 *
 * <p>The reference was written by this test with {@code -Dcrystograph.writeTrainingReference=FILE} on the commit
 * before the speed changes; rewriting it is a change of results and needs its own reason.
 */
class TrainingStepReferenceTest {

    static final String REFERENCE = "training-step-reference.txt";
    private static final String WRITE_PROPERTY = "crystograph.writeTrainingReference";

    /** float32 agreement of one forward evaluated in another order, relative. */
    private static final double FORWARD_TOLERANCE = 1e-5;
    /**
     * Agreement of a gradient's sum of squares, relative: a gradient that is a small difference of large terms keeps
     * fewer correct digits than the forward.
     */
    private static final double GRADIENT_TOLERANCE = 1e-4;
    /**
     * Sums of squares below this are rounding noise of a gradient that is zero in exact arithmetic (a bias followed by
     * a batch norm, the score terms that cancel in a softmax).
     */
    private static final double GRADIENT_NOISE = 1e-10;
    /**
     * Agreement after several AdamW steps, absolute: its first steps move every weight by about lr whatever the size
     * of the gradient, so a rounding difference in a small gradient becomes a difference of up to lr in that weight.
     */
    private static final double TRAINED_TOLERANCE = 1e-4;
    private static final int STEPS = 4;
    private static final int BATCH = 8;
    private static final double LEARNING_RATE = 1e-3;
    private static final double WEIGHT_DECAY = 0.01;
    private static final String[] FIXTURES = {
        "nacl_fm-3m.cif", "si_diamond_fd-3m.cif", "tio2_rutile_p42mnm.cif", "zno_wurtzite_p63mc.cif",
        "caf2_fluorite_fm-3m.cif"
    };

    /**
     * Small widths, two conv layers with propagated angles: the line eTGC's edge update runs in its (a outer y) G
     * form (30 < 2 x 16) and the atom eTGC's in its projected form (76 >= 2 x 16).
     */
    static CrysToGraphConfig config(CdkDescriptorFeaturizer f) {
        return new CrysToGraphConfig(f.width(), CrysToGraphConfig.AtomEmbedding.LEARNED_64, 100, 76, 30, 40, 32, 2, 1,
                2, 2, 16, 2, 16, 2, 2, 16, 64, CrysToGraphConfig.GwtMode.SOFTMAX,
                CrysToGraphConfig.AngleUpdate.PROPAGATE, 0f);
    }

    /** The values this test pins, by key in file order. */
    private static Map<String, Double> measure() throws IOException {
        Map<String, Double> values = new LinkedHashMap<>();
        CdkDescriptorFeaturizer f = new CdkDescriptorFeaturizer();
        AtomDescriptors descriptors = AtomDescriptors.of(f);
        List<LabelledGraph> samples = TrainingRunTest.samples(2 * BATCH);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            Engine.getInstance().setRandomSeed(5);
            CrysToGraphBlock block = new CrysToGraphBlock(config(f));
            block.initialize(manager, DataType.FLOAT32);
            AdamW optimizer = new AdamW(block, manager, 0.9, 0.99, 1e-8, WEIGHT_DECAY);
            for (int step = 0; step < STEPS; step++) {
                List<LabelledGraph> batch = samples.subList((step % 2) * BATCH, (step % 2 + 1) * BATCH);
                try (NDManager sub = manager.newSubManager()) {
                    double loss = TrainingStep.backward(block, sub, descriptors, graphs(batch), targets(batch),
                            Loss.MSE);
                    if (step == 0) {
                        gradients(block, values);
                    }
                    optimizer.step(LEARNING_RATE);
                    values.put("loss." + step, loss);
                }
            }
            List<CrystalGraph> all = graphs(samples);
            try (NDManager sub = manager.newSubManager()) {
                NDList inputs = GraphBatch.of(all, descriptors).toNDList(sub, DataType.FLOAT32);
                float[] p = block.forward(new ParameterStore(sub, false), inputs, false).singletonOrThrow()
                        .toFloatArray();
                for (int i = 0; i < p.length; i++) {
                    values.put("trained.prediction." + i, (double) p[i]);
                }
            }
        }
        try (CheckpointModel bundled = CheckpointModel.loadBundled(Device.cpu())) {
            List<Structure> structures = new ArrayList<>();
            for (String fixture : FIXTURES) {
                structures.add(StructureReaders.readOne(fixtureText(fixture), java.util.Optional.empty()));
            }
            double[] p = bundled.predictStructures(structures);
            for (int i = 0; i < p.length; i++) {
                values.put("bundled." + FIXTURES[i], p[i]);
            }
        }
        return values;
    }

    private static void gradients(CrysToGraphBlock block, Map<String, Double> values) {
        for (var entry : block.getParameters()) {
            Parameter p = entry.getValue();
            if (p.requiresGradient()) {
                NDArray g = p.getArray().getGradient();
                values.put("gradient." + entry.getKey(), (double) g.square().sum().getFloat());
            }
        }
    }

    private static List<CrystalGraph> graphs(List<LabelledGraph> samples) {
        org.crystograph.graph.GraphBuilder builder = new org.crystograph.graph.GraphBuilder(GraphSettings.defaults());
        return samples.stream().map(s -> builder.withLineFeatures(s.graph())).toList();
    }

    private static float[] targets(List<LabelledGraph> samples) {
        float[] y = new float[samples.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) samples.get(i).label();
        }
        return y;
    }

    private static String fixtureText(String name) throws IOException {
        try (InputStream in = TrainingStepReferenceTest.class.getResourceAsStream("/structures/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Map<String, Double> reference() throws IOException {
        Map<String, Double> values = new LinkedHashMap<>();
        try (InputStream in = TrainingStepReferenceTest.class.getResourceAsStream(REFERENCE)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] kv = line.trim().split("\\s+");
                    values.put(kv[0], Double.parseDouble(kv[1]));
                }
            }
        }
        return values;
    }

    @Test
    void trainingStepsAndBundledPredictions_equalTheRecordedReference() throws IOException {
        Map<String, Double> actual = measure();
        String write = System.getProperty(WRITE_PROPERTY);
        if (write != null) {
            StringBuilder text = new StringBuilder("# key value (written by TrainingStepReferenceTest)\n");
            actual.forEach((k, v) -> text.append(k).append(' ').append(Double.toString(v)).append('\n'));
            Files.writeString(Path.of(write), text);
        }
        Map<String, Double> expected = reference();
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        for (var e : expected.entrySet()) {
            String key = e.getKey();
            double value = e.getValue();
            double tolerance;
            if (key.startsWith("gradient.")) {
                tolerance = GRADIENT_TOLERANCE * Math.abs(value) + GRADIENT_NOISE;
            } else if (key.startsWith("trained.") || key.startsWith("loss.") && !key.equals("loss.0")) {
                tolerance = TRAINED_TOLERANCE;
            } else {
                tolerance = FORWARD_TOLERANCE * Math.abs(value);
            }
            assertThat(actual.get(key)).as(key).isCloseTo(value, Offset.offset(tolerance));
        }
    }
}

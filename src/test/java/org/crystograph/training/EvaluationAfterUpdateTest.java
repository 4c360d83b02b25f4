package org.crystograph.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.List;
import org.crystograph.graph.CrystalGraph;
import org.crystograph.graph.GraphBuilder;
import org.crystograph.graph.GraphSettings;
import org.crystograph.graph.featurize.CdkDescriptorFeaturizer;
import org.crystograph.model.AtomDescriptors;
import org.crystograph.model.CrysToGraphBlock;
import org.crystograph.model.CrysToGraphConfig;
import org.crystograph.model.GraphBatch;
import org.crystograph.model.Layers;
import org.junit.jupiter.api.Test;

/**
 * Evaluation reuses arrays derived from the weights between calls; after the weights change it must give what a
 * network freshly loaded with the new weights gives, to the last bit.
 */
class EvaluationAfterUpdateTest {

    private static final CdkDescriptorFeaturizer FEATURIZER = new CdkDescriptorFeaturizer();
    private static final AtomDescriptors DESCRIPTORS = AtomDescriptors.of(FEATURIZER);

    private static float[] evaluate(CrysToGraphBlock block, NDManager manager, List<CrystalGraph> graphs) {
        try (NDManager sub = manager.newSubManager()) {
            NDList inputs = GraphBatch.of(graphs, DESCRIPTORS).toNDList(sub, DataType.FLOAT32);
            return block.forward(new ParameterStore(sub, false), inputs, false).singletonOrThrow().toFloatArray();
        }
    }

    private static float[] evaluateCopy(CrysToGraphBlock block, CrysToGraphConfig config, NDManager manager,
            List<CrystalGraph> graphs) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        block.saveParameters(new DataOutputStream(bytes));
        CrysToGraphBlock copy = new CrysToGraphBlock(config);
        copy.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        return evaluate(copy, manager, graphs);
    }

    private static List<CrystalGraph> graphs(List<LabelledGraph> samples) {
        GraphBuilder builder = new GraphBuilder(GraphSettings.defaults());
        return samples.stream().map(s -> builder.withLineFeatures(s.graph())).toList();
    }

    @Test
    void evaluationBetweenAdamWSteps_equalsAFreshCopyOfTheCurrentWeights() throws Exception {
        CrysToGraphConfig config = TrainingStepReferenceTest.config(FEATURIZER);
        List<LabelledGraph> samples = TrainingRunTest.samples(8);
        List<CrystalGraph> graphs = graphs(samples);
        float[] targets = new float[samples.size()];
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            Engine.getInstance().setRandomSeed(3);
            CrysToGraphBlock block = new CrysToGraphBlock(config);
            block.initialize(manager, DataType.FLOAT32);
            AdamW optimizer = new AdamW(block, manager, 0.9, 0.99, 1e-8, 0.01);
            float[] first = evaluate(block, manager, graphs);
            assertThat(evaluate(block, manager, graphs)).containsExactly(first);
            assertThat(first).containsExactly(evaluateCopy(block, config, manager, graphs));
            for (int step = 0; step < 2; step++) {
                try (NDManager sub = manager.newSubManager()) {
                    TrainingStep.backward(block, sub, DESCRIPTORS, graphs, targets, Loss.MSE);
                    optimizer.step(1e-2);
                }
                float[] after = evaluate(block, manager, graphs);
                assertThat(after).as("after step %d", step).isNotEqualTo(first)
                        .containsExactly(evaluateCopy(block, config, manager, graphs));
            }
        }
    }

    @Test
    void weightsChangedInPlace_areSeenByTheNextEvaluationOnceReported() throws Exception {
        CrysToGraphConfig config = TrainingStepReferenceTest.config(FEATURIZER);
        List<CrystalGraph> graphs = graphs(TrainingRunTest.samples(4));
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            Engine.getInstance().setRandomSeed(4);
            CrysToGraphBlock block = new CrysToGraphBlock(config);
            block.initialize(manager, DataType.FLOAT32);
            float[] before = evaluate(block, manager, graphs);
            for (var p : block.getParameters()) {
                p.getValue().getArray().stopGradient().muli(1.01f);
            }
            Layers.weightsChanged(block);
            float[] after = evaluate(block, manager, graphs);
            assertThat(after).isNotEqualTo(before).containsExactly(evaluateCopy(block, config, manager, graphs));
        }
    }
}

package org.crystograph.testing;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.crystograph.graph.GraphSettings;
import org.crystograph.graph.featurize.AtomFeaturizer;
import org.crystograph.graph.featurize.CdkDescriptorFeaturizer;
import org.crystograph.inference.TrainingDomain;
import org.crystograph.model.Checkpoint;
import org.crystograph.model.CheckpointInfo;
import org.crystograph.model.CrysToGraphBlock;
import org.crystograph.model.CrysToGraphConfig;
import org.crystograph.model.Featurizers;
import org.crystograph.model.TargetNormalizer;

/**
 * Model directories for {@code @QuarkusTest}s of the prediction service: freshly initialised (untrained) small
 * CrysToGraph checkpoints written at test start, in the same format training writes. {@value #ENSEMBLE} holds two
 * checkpoints with different seeds (so predictions carry an uncertainty), {@value #SINGLE} one. Their values are not
 * physical; the tests check the serving machinery, not accuracy. Registered once (see {@code PredictionApiTest});
 * Quarkus applies it to every test. A bundled model, when the application has one, is served as well.
 */
public class ServingModels implements QuarkusTestResourceLifecycleManager {

    /** The two-checkpoint model, first configured and therefore the default. */
    public static final String ENSEMBLE = "fresh-ensemble";
    /** The one-checkpoint model. */
    public static final String SINGLE = "fresh-single";
    /** The property the fresh checkpoints predict. */
    public static final String PROPERTY = "formation_energy_per_atom";
    /** Its unit. */
    public static final String UNIT = "eV/atom";

    private Path root;

    @Override
    public Map<String, String> start() {
        try {
            root = Files.createTempDirectory("crystograph-serving-models-");
            Path ensemble = root.resolve(ENSEMBLE);
            write(ensemble.resolve("fold0"), 0, 11);
            write(ensemble.resolve("fold1"), 1, 12);
            // as if trained on 5-atom SrTiO3-like cells: anything else is outside its training data
            Files.writeString(ensemble.resolve(TrainingDomain.FILE),
                    new TrainingDomain("serving test", 10, List.of("O", "Ti", "Sr"), 5, 5).toJson());
            Path single = root.resolve(SINGLE);
            write(single, -1, 13);
            return Map.of("crystograph.model.directories", ensemble + "," + single);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write test checkpoints", e);
        }
    }

    /** Writes one freshly initialised small checkpoint for the serving tests. */
    static void write(Path dir, int fold, long seed) {
        write(dir, "serving-test", PROPERTY, UNIT, fold, "FULL", seed);
    }

    /**
     * Writes one freshly initialised small checkpoint that records the given task, label, unit, held-out fold and
     * fold protocol ({@code FULL} or {@code PUBLIC}).
     */
    public static void write(Path dir, String task, String label, String unit, int fold, String protocol, long seed) {
        GraphSettings graph = GraphSettings.defaults();
        AtomFeaturizer featurizer = new CdkDescriptorFeaturizer();
        CrysToGraphConfig config = CrysToGraphConfig.small(featurizer.width(), graph);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            Engine.getInstance().setRandomSeed((int) seed);
            CrysToGraphBlock block = new CrysToGraphBlock(config);
            block.initialize(manager, DataType.FLOAT32);
            CheckpointInfo info = new CheckpointInfo(CheckpointInfo.FORMAT, CrysToGraphBlock.VERSION, config, graph,
                    Featurizers.describe(featurizer), new TargetNormalizer(-1.0, 0.5), task, label, unit, fold,
                    protocol, seed, "untrained", "test", Map.of(), 0, Map.of(), Instant.now().toString());
            Checkpoint.save(dir, block, info);
        }
    }

    @Override
    public void stop() {
        if (root != null) {
            try {
                Checkpoint.deleteRecursively(root);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

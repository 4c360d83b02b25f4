package org.crystograph.inference;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.crystograph.graph.CrystalGraph;
import org.crystograph.graph.GraphBuilder;
import org.crystograph.graph.featurize.AtomFeaturizer;
import org.crystograph.model.AtomDescriptors;
import org.crystograph.model.Checkpoint;
import org.crystograph.model.CheckpointInfo;
import org.crystograph.model.CrysToGraphBlock;
import org.crystograph.model.DeviceChoice;
import org.crystograph.model.Featurizers;
import org.crystograph.model.GraphBatch;
import org.crystograph.structure.Structure;

/**
 * A trained network loaded from a checkpoint, ready to predict in evaluation mode. Everything (network, graph
 * settings, featurizer, normaliser) is rebuilt from {@code checkpoint.json}, never from application defaults.
 *
 * <p>Thread safety: {@link #predict} serialises calls (one forward at a time per instance); a service that wants
 * parallel inference keeps a pool of instances. Close it to free the native memory.
 */
public final class CheckpointModel implements AutoCloseable {

    /** Classpath folder of the bundled perovskite model. */
    public static final String BUNDLED = "models/perov5-heat";
    /** Largest number of crystals put into one forward pass. */
    public static final int MAX_BATCH = 64;

    private final CheckpointInfo info;
    private final NDManager manager;
    private final CrysToGraphBlock block;
    private final AtomDescriptors descriptors;
    private final GraphBuilder graphBuilder;

    private CheckpointModel(CheckpointInfo info, InputStream weights, Device device, Path atomTable)
            throws IOException {
        this.info = info;
        AtomFeaturizer featurizer = Featurizers.of(info.featurizer(), atomTable);
        this.descriptors = AtomDescriptors.of(featurizer);
        this.graphBuilder = new GraphBuilder(info.graphSettings());
        this.manager = NDManager.newBaseManager(device);
        try {
            this.block = Checkpoint.loadBlock(info, weights, manager);
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * Loads a checkpoint directory.
     *
     * @param atomTable table file for TABLE checkpoints (null: the path recorded at training time)
     */
    public static CheckpointModel load(Path dir, Device device, Path atomTable) {
        if (!Checkpoint.exists(dir)) {
            throw new IllegalArgumentException(dir + " is not a checkpoint directory (needs " + Checkpoint.INFO
                    + " and " + Checkpoint.WEIGHTS + ")");
        }
        try (InputStream weights = Files.newInputStream(dir.resolve(Checkpoint.WEIGHTS))) {
            return new CheckpointModel(Checkpoint.readInfo(dir), weights, device, atomTable);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load checkpoint " + dir, e);
        }
    }

    /** Loads a checkpoint directory on the chosen device. */
    public static CheckpointModel load(Path dir, DeviceChoice device, Path atomTable) {
        return load(dir, device.resolve(), atomTable);
    }

    /** Loads a classpath checkpoint on the chosen device. */
    public static CheckpointModel loadResource(String folder, DeviceChoice device) {
        return loadResource(folder, device.resolve());
    }

    /** Loads a checkpoint directory on the CPU. */
    public static CheckpointModel load(Path dir) {
        return load(dir, Device.cpu(), null);
    }

    /**
     * Loads a checkpoint packaged on the classpath under {@code folder} (e.g. {@link #BUNDLED}).
     *
     * @throws IllegalStateException when the resources are missing
     */
    public static CheckpointModel loadResource(String folder, Device device) {
        ClassLoader cl = CheckpointModel.class.getClassLoader();
        try (InputStream infoIn = cl.getResourceAsStream(folder + "/" + Checkpoint.INFO);
                InputStream weights = cl.getResourceAsStream(folder + "/" + Checkpoint.WEIGHTS)) {
            if (infoIn == null || weights == null) {
                throw new IllegalStateException("no checkpoint on the classpath under " + folder);
            }
            return new CheckpointModel(Checkpoint.readInfo(infoIn), weights, device, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load checkpoint resource " + folder, e);
        }
    }

    /** The checkpoint's metadata. */
    public CheckpointInfo info() {
        return info;
    }

    /** The graph builder with the checkpoint's settings (use it to turn structures into graphs). */
    public GraphBuilder graphBuilder() {
        return graphBuilder;
    }

    /** Builds the graph of a structure with the checkpoint's settings. */
    public CrystalGraph graph(Structure structure) {
        return graphBuilder.build(structure);
    }

    /**
     * Predicts the label of each graph (in the checkpoint's unit), in ragged batches of up to {@link #MAX_BATCH}
     * crystals, evaluation mode.
     */
    public synchronized double[] predict(List<CrystalGraph> graphs) {
        double[] out = new double[graphs.size()];
        for (int from = 0; from < graphs.size(); from += MAX_BATCH) {
            List<CrystalGraph> batch = graphs.subList(from, Math.min(graphs.size(), from + MAX_BATCH));
            try (NDManager sub = manager.newSubManager()) {
                NDList inputs = GraphBatch.of(batch, descriptors).toNDList(sub, DataType.FLOAT32);
                float[] p = block.forward(new ParameterStore(sub, false), inputs, false).singletonOrThrow()
                        .toFloatArray();
                for (int i = 0; i < p.length; i++) {
                    out[from + i] = info.normalizer().denormalize(p[i]);
                }
            }
        }
        return out;
    }

    /** Predicts structures (graphs built with the checkpoint's settings). */
    public double[] predictStructures(List<Structure> structures) {
        List<CrystalGraph> graphs = new ArrayList<>(structures.size());
        for (Structure s : structures) {
            graphs.add(graph(s));
        }
        return predict(graphs);
    }

    /** The label unit. */
    public String unit() {
        return info.unit();
    }

    @Override
    public void close() {
        manager.close();
    }
}

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
import java.util.stream.Stream;
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
 * A trained network loaded from a checkpoint, or an ensemble loaded from a directory of checkpoints, ready to predict
 * in evaluation mode. Everything (network, graph settings, featurizer, normaliser) is rebuilt from each
 * {@code checkpoint.json}, never from application defaults. An ensemble predicts the mean of its members, which must
 * agree on task, label, unit, fold protocol, held-out fold and graph settings.
 *
 * <p>Thread safety: {@link #predict} serialises calls (one forward at a time per instance); a service that wants
 * parallel inference keeps a pool of instances. Close it to free the native memory.
 */
public final class CheckpointModel implements AutoCloseable {

    /** Name of the bundled perovskite model (a directory of checkpoints under {@link BundledModels#ROOT}). */
    public static final String BUNDLED_NAME = "perov5-heat";
    /** Classpath folder of the bundled perovskite model. */
    public static final String BUNDLED = BundledModels.ROOT + "/" + BUNDLED_NAME;
    /** Largest number of crystals put into one forward pass. */
    public static final int MAX_BATCH = 64;
    /**
     * Largest number of sites put into one forward pass (a single larger crystal runs alone): native memory grows with
     * the sites of a batch, about 0.75 MB per site for the small network.
     */
    public static final int MAX_BATCH_SITES = 4096;

    private final List<Member> members;
    private final GraphBuilder graphBuilder;

    private CheckpointModel(List<Member> members) {
        this.members = List.copyOf(members);
        this.graphBuilder = new GraphBuilder(members.get(0).info.graphSettings());
    }

    /** One checkpoint's network on its own native memory. */
    private static final class Member implements AutoCloseable {
        private final CheckpointInfo info;
        private final NDManager manager;
        private final CrysToGraphBlock block;
        private final AtomDescriptors descriptors;

        Member(Path dir, Device device, Path atomTable) throws IOException {
            this.info = Checkpoint.readInfo(dir);
            AtomFeaturizer featurizer = Featurizers.of(info.featurizer(), atomTable);
            this.descriptors = AtomDescriptors.of(featurizer);
            this.manager = NDManager.newBaseManager(device);
            try (InputStream weights = Files.newInputStream(dir.resolve(Checkpoint.WEIGHTS))) {
                this.block = Checkpoint.loadBlock(info, weights, manager);
            } catch (IOException | RuntimeException e) {
                manager.close();
                throw e;
            }
        }

        /** Adds this member's predictions (label units) for one batch to {@code sum}, starting at {@code offset}. */
        void addPredictions(List<CrystalGraph> batch, double[] sum, int offset) {
            try (NDManager sub = manager.newSubManager()) {
                NDList inputs = GraphBatch.of(batch, descriptors).toNDList(sub, DataType.FLOAT32);
                float[] p = block.forward(new ParameterStore(sub, false), inputs, false).singletonOrThrow()
                        .toFloatArray();
                for (int i = 0; i < p.length; i++) {
                    sum[offset + i] += info.normalizer().denormalize(p[i]);
                }
            }
        }

        @Override
        public void close() {
            manager.close();
        }
    }

    /**
     * Loads a checkpoint directory, or a directory whose sub-directories are checkpoints (an ensemble).
     *
     * @param atomTable table file for TABLE checkpoints (null: the path recorded at training time)
     */
    public static CheckpointModel load(Path dir, Device device, Path atomTable) {
        List<Member> members = new ArrayList<>();
        try {
            for (Path member : memberDirectories(dir)) {
                members.add(new Member(member, device, atomTable));
            }
            requireConsistent(dir, members);
            return new CheckpointModel(members);
        } catch (IOException e) {
            members.forEach(Member::close);
            throw new UncheckedIOException("cannot load checkpoint " + dir, e);
        } catch (RuntimeException e) {
            members.forEach(Member::close);
            throw e;
        }
    }

    /** Loads a checkpoint directory (or an ensemble) on the chosen device. */
    public static CheckpointModel load(Path dir, DeviceChoice device, Path atomTable) {
        return load(dir, device.resolve(), atomTable);
    }

    /** Loads a checkpoint directory (or an ensemble) on the CPU. */
    public static CheckpointModel load(Path dir) {
        return load(dir, Device.cpu(), null);
    }

    /** Loads the bundled perovskite model ({@value #BUNDLED_NAME}) on the chosen device. */
    public static CheckpointModel loadBundled(DeviceChoice device) {
        return loadBundled(device.resolve());
    }

    /** Loads the bundled perovskite model ({@value #BUNDLED_NAME}) on a device. */
    public static CheckpointModel loadBundled(Device device) {
        return load(BundledModels.directory(BUNDLED_NAME), device, null);
    }

    /**
     * The checkpoint directories of a model directory: itself when it is a checkpoint, else its sub-directories that
     * are checkpoints, sorted by name.
     *
     * @throws IllegalArgumentException when there is none
     */
    public static List<Path> memberDirectories(Path dir) {
        if (Checkpoint.exists(dir)) {
            return List.of(dir);
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is not a checkpoint directory (needs " + Checkpoint.INFO
                    + " and " + Checkpoint.WEIGHTS + ")");
        }
        try (Stream<Path> children = Files.list(dir)) {
            List<Path> found = children.filter(Checkpoint::exists).sorted().toList();
            if (found.isEmpty()) {
                throw new IllegalArgumentException(dir + " is neither a checkpoint (" + Checkpoint.INFO + " and "
                        + Checkpoint.WEIGHTS + ") nor a directory of checkpoints");
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list model directory " + dir, e);
        }
    }

    private static void requireConsistent(Path dir, List<Member> members) {
        CheckpointInfo first = members.get(0).info;
        for (Member m : members) {
            CheckpointInfo i = m.info;
            if (!i.graphSettings().equals(first.graphSettings()) || !i.task().equals(first.task())
                    || !i.label().equals(first.label()) || !i.unit().equals(first.unit())
                    || !i.protocol().equals(first.protocol()) || i.fold() != first.fold()) {
                throw new IllegalArgumentException("the checkpoints of " + dir + " disagree on task, label, unit, "
                        + "fold protocol, held-out fold or graph settings; an ensemble needs them equal");
            }
        }
    }

    /**
     * The metadata of the first checkpoint; an ensemble's members share its task, label, unit, fold protocol,
     * held-out fold and graph settings.
     */
    public CheckpointInfo info() {
        return members.get(0).info;
    }

    /** The members' metadata, one per checkpoint. */
    public List<CheckpointInfo> memberInfos() {
        return members.stream().map(m -> m.info).toList();
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
     * Predicts the label of each graph (in the checkpoint's unit; an ensemble's mean), in ragged batches of up to
     * {@link #MAX_BATCH} crystals and {@link #MAX_BATCH_SITES} sites, evaluation mode. Compact graphs are accepted:
     * their line features are restored one batch at a time, once for all members.
     */
    public synchronized double[] predict(List<CrystalGraph> graphs) {
        double[] out = new double[graphs.size()];
        for (int from = 0; from < graphs.size(); ) {
            int end = GraphBatch.batchEnd(i -> graphs.get(i).numSites(), from, graphs.size(), MAX_BATCH,
                    MAX_BATCH_SITES);
            List<CrystalGraph> batch = new ArrayList<>(end - from);
            for (CrystalGraph g : graphs.subList(from, end)) {
                batch.add(graphBuilder.withLineFeatures(g));
            }
            for (Member m : members) {
                m.addPredictions(batch, out, from);
            }
            from = end;
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= members.size();
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
        return info().unit();
    }

    @Override
    public void close() {
        members.forEach(Member::close);
    }
}

package org.crystograph.inference;

import ai.djl.Device;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.crystograph.graph.CrystalGraph;
import org.crystograph.model.CheckpointInfo;

/**
 * Reads CrysToGraph checkpoint directories ({@code checkpoint.json} + weights) for serving; each worker opens its own
 * {@link CheckpointModel} through the returned factory. One checkpoint predicts one task: its label, in its unit.
 */
@ApplicationScoped
public class DjlCheckpointBackend implements CheckpointBackend {

    /** Architecture name shown in model cards. */
    static final String ARCHITECTURE = "CrysToGraph";

    @Override
    public boolean isCheckpoint(Path dir) {
        return org.crystograph.model.Checkpoint.exists(dir);
    }

    @Override
    public Checkpoint read(Path dir, String device) {
        if (!isCheckpoint(dir)) {
            throw new IllegalArgumentException(dir + " is not a checkpoint directory (needs "
                    + org.crystograph.model.Checkpoint.INFO + " and " + org.crystograph.model.Checkpoint.WEIGHTS + ")");
        }
        CheckpointInfo info = org.crystograph.model.Checkpoint.readInfo(dir);
        Device d = device(device);
        CheckpointCard card = new CheckpointCard(dir.getFileName().toString(), CheckpointDigest.ofDirectory(dir),
                info.task(), info.fold() >= 0 ? info.fold() : null, info.seed(), info.dataSha256(), info.gitCommit(),
                null, info.epoch(), info.metrics() == null ? java.util.Map.of() : info.metrics(), info.created());
        TaskInfo task = new TaskInfo(info.label(), info.unit(), info.label() + " of task " + info.task() + " ("
                + info.protocol() + " protocol)");
        String description = ARCHITECTURE + " (block version " + info.blockVersion() + ", hidden "
                + info.config().hidden() + ") predicting " + info.label() + " [" + info.unit() + "] for task "
                + info.task();
        Path absolute = dir.toAbsolutePath();
        return new Checkpoint(card, ARCHITECTURE + " v" + info.blockVersion(), description, List.of(task),
                info.graphSettings(), () -> new Regressor(CheckpointModel.load(absolute, d, null)));
    }

    /** {@code cpu}, {@code gpu} (device 0) or {@code gpu:N}. */
    static Device device(String name) {
        String n = name == null ? "cpu" : name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("cpu")) {
            return Device.cpu();
        }
        if (n.equals("gpu")) {
            return Device.gpu();
        }
        if (n.startsWith("gpu:")) {
            try {
                return Device.gpu(Integer.parseInt(n.substring(4)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad device '" + name + "': expected cpu, gpu or gpu:N", e);
            }
        }
        throw new IllegalArgumentException("bad device '" + name + "': expected cpu, gpu or gpu:N");
    }

    /** One worker's instance of a checkpoint. */
    static final class Regressor implements GraphRegressor {
        private final CheckpointModel model;

        Regressor(CheckpointModel model) {
            this.model = model;
        }

        @Override
        public int outputCount() {
            return 1;
        }

        @Override
        public double[][] predict(List<CrystalGraph> graphs) {
            double[] y = model.predict(graphs);
            double[][] out = new double[y.length][];
            for (int i = 0; i < y.length; i++) {
                out[i] = new double[] {y[i]};
            }
            return out;
        }

        @Override
        public void close() {
            model.close();
        }
    }
}

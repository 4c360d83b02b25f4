package org.crystograph.training;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.crystograph.benchmark.FoldScore;
import org.crystograph.benchmark.Scorer;
import org.crystograph.graph.CrystalGraph;
import org.crystograph.graph.GraphBuilder;
import org.crystograph.graph.GraphSettings;
import org.crystograph.inference.CheckpointModel;
import org.crystograph.model.AtomDescriptors;
import org.crystograph.model.Checkpoint;
import org.crystograph.model.CheckpointInfo;
import org.crystograph.model.CrysToGraphBlock;
import org.crystograph.model.CrysToGraphConfig;
import org.crystograph.model.Featurizers;
import org.crystograph.model.GraphBatch;
import org.crystograph.model.TargetNormalizer;

/**
 * Trains one fold: seeded validation split carved from the training fold, target standardisation, MSE (or MAE) loss,
 * AdamW with one learning-rate step, early stopping on validation MAE, a checkpoint of the best epoch
 * ({@code best/}) and of the last epoch with optimizer state ({@code last/}, for resuming), and a progress line per epoch.
 */
public final class TrainingRun {

    /** Non-finite steps tolerated (skipped) before a run is declared diverged. */
    static final int MAX_SKIPPED_STEPS = 50;
    /** Smallest early-stopping patience when none is given (epochs). */
    static final int MIN_PATIENCE = 10;
    private static final String STATE = "state.json";
    private static final String OPTIMIZER = "optimizer.params";

    /**
     * What the run is about.
     *
     * @param task task key
     * @param label label column
     * @param unit label unit
     * @param fold held-out fold (-1: train on every fold)
     * @param protocol fold protocol name
     * @param dataSha256 data hash
     * @param gitCommit source commit
     */
    public record Provenance(String task, String label, String unit, int fold, String protocol, String dataSha256,
            String gitCommit) {
    }

    /**
     * The outcome of a fold.
     *
     * @param bestEpoch epoch of the kept weights
     * @param metrics validation and test metrics in label units
     * @param seconds wall time of this invocation
     */
    public record Result(int bestEpoch, Map<String, Double> metrics, double seconds) {
    }

    private final TrainingOptions options;
    private final CrysToGraphConfig config;
    private final GraphSettings graphSettings;
    private final GraphBuilder graphBuilder;
    private final AtomDescriptors descriptors;
    private final Provenance provenance;
    private final Path runDir;
    private final Device device;
    private final Consumer<String> log;

    /** Sets up a run writing into {@code runDir} (created if needed). */
    public TrainingRun(TrainingOptions options, CrysToGraphConfig config, GraphSettings graphSettings,
            AtomDescriptors descriptors, Provenance provenance, Path runDir, Device device, Consumer<String> log) {
        this.options = options;
        this.config = config;
        this.graphSettings = graphSettings;
        this.graphBuilder = new GraphBuilder(graphSettings);
        this.descriptors = descriptors;
        this.provenance = provenance;
        this.runDir = runDir;
        this.device = device;
        this.log = log;
    }

    /**
     * Splits the training pool into (train, validation) with the run's seed; the same pool order and seed give the
     * same split for any element type (samples or graphs).
     */
    public static <T> List<List<T>> split(List<T> pool, double valFraction, long seed) {
        List<T> shuffled = new ArrayList<>(pool);
        Collections.shuffle(shuffled, new Random(seed));
        int nVal = (int) Math.round(pool.size() * valFraction);
        return List.of(List.copyOf(shuffled.subList(nVal, shuffled.size())), List.copyOf(shuffled.subList(0, nVal)));
    }

    /**
     * Trains (or resumes) and evaluates the best weights on {@code test}.
     *
     * @param pool the training fold (validation is carved from it)
     * @param test the held-out fold (may be empty)
     */
    public Result run(List<LabelledGraph> pool, List<LabelledGraph> test) {
        long wallStart = System.nanoTime();
        List<List<LabelledGraph>> parts = split(pool, options.valFraction(), options.seed());
        List<LabelledGraph> train = parts.get(0);
        List<LabelledGraph> val = parts.get(1);
        if (train.isEmpty()) {
            throw new IllegalArgumentException("no training samples");
        }
        double[] trainLabels = train.stream().mapToDouble(LabelledGraph::label).toArray();
        TargetNormalizer normalizer = options.standardize() ? TargetNormalizer.fit(trainLabels)
                : TargetNormalizer.identity();
        int epochs = options.epochs() > 0 ? options.epochs() : TrainingOptions.specEpochs(pool.size());
        int lrStep = options.lrStepEpoch(epochs);
        int patience = options.patience() > 0 ? options.patience() : Math.max(MIN_PATIENCE, epochs / 3);
        log.accept(String.format("fold %d: %d train, %d validation, %d test; %d epochs (lr x%.2g from epoch %d)",
                provenance.fold(), train.size(), val.size(), test.size(), epochs, options.lrFactor(), lrStep));

        try (NDManager manager = NDManager.newBaseManager(device)) {
            Engine.getInstance().setRandomSeed((int) options.seed());
            CrysToGraphBlock block = new CrysToGraphBlock(config);
            block.initialize(manager, DataType.FLOAT32);
            AdamW optimizer = new AdamW(block, manager, options.beta1(), options.beta2(), options.epsilon(),
                    options.weightDecay());
            RunState state = resume(block, optimizer, manager);
            if (state.nextEpoch > 0) {
                log.accept("resumed after epoch " + (state.nextEpoch - 1) + " (best validation MAE "
                        + fmt(state.bestValMae) + " at epoch " + state.bestEpoch + ")");
            }
            long trainAtoms = train.stream().mapToLong(g -> g.graph().numSites()).sum();
            double epochSeconds = 0;
            int timedEpochs = 0;
            for (int epoch = state.nextEpoch; epoch < epochs; epoch++) {
                long start = System.nanoTime();
                double lr = options.learningRate() * (epoch >= lrStep ? options.lrFactor() : 1.0);
                List<LabelledGraph> order = new ArrayList<>(train);
                Collections.shuffle(order, new Random(options.seed() * 1_000_003L + epoch));
                double lossSum = 0;
                int batches = 0;
                List<List<LabelledGraph>> batchList = new ArrayList<>();
                for (int from = 0; from < order.size(); from += options.batchSize()) {
                    batchList.add(order.subList(from, Math.min(order.size(), from + options.batchSize())));
                }
                // the next batch's graphs and arrays are built in Java while libtorch runs this one's step
                try (Prefetch<List<LabelledGraph>, GraphBatch> prepared = Prefetch.of(batchList, this::collate)) {
                    for (int b = 0; b < batchList.size(); b++) {
                        List<LabelledGraph> batch = batchList.get(b);
                        double loss = step(block, manager, optimizer, prepared.take(b), batch, normalizer, lr);
                        if (!Double.isFinite(loss) && optimizer.skipped() > MAX_SKIPPED_STEPS) {
                            throw new IllegalStateException("training diverged: loss " + loss + " at epoch "
                                    + (epoch + 1) + ", batch " + (batches + 1) + " (first sample " + batch.get(0).id()
                                    + "); try a lower --lr");
                        }
                        if (Double.isFinite(loss)) {
                            lossSum += loss;
                            batches++;
                        }
                    }
                }
                double trainSeconds = (System.nanoTime() - start) / 1e9;
                double valMae = val.isEmpty() ? Double.NaN : mae(predict(block, manager, val, normalizer), val);
                boolean improved = !val.isEmpty() ? valMae < state.bestValMae : true;
                if (improved) {
                    state.bestValMae = val.isEmpty() ? Double.NaN : valMae;
                    state.bestEpoch = epoch;
                    Map<String, Double> m = new LinkedHashMap<>();
                    if (!val.isEmpty()) {
                        m.put("val_mae", valMae);
                    }
                    Checkpoint.save(runDir.resolve("best"), block, info(normalizer, epoch, m));
                }
                state.nextEpoch = epoch + 1;
                state.history.add(new EpochRecord(epoch, lossSum / batches, valMae, lr, trainAtoms / trainSeconds));
                saveLast(block, optimizer, normalizer, state);
                double seconds = (System.nanoTime() - start) / 1e9;
                epochSeconds += seconds;
                timedEpochs++;
                int remaining = epochs - epoch - 1; // an upper bound: early stopping may end the run sooner
                log.accept(String.format("epoch %4d/%d  loss %.5f  val MAE %s (best %s @ %d)  lr %.1e  "
                        + "%.0f atoms/s  %.1f s  left %s%s", epoch + 1, epochs, lossSum / batches, fmt(valMae),
                        fmt(state.bestValMae), state.bestEpoch + 1, lr, trainAtoms / trainSeconds, seconds,
                        duration(Math.max(0, remaining) * epochSeconds / timedEpochs),
                        optimizer.skipped() > 0 ? "  (" + optimizer.skipped() + " non-finite steps skipped)" : ""));
                if (!val.isEmpty() && epoch - state.bestEpoch >= patience) {
                    log.accept("early stop: no validation improvement for " + patience + " epochs");
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Double> metrics = evaluateBest(test, trainLabels);
        double seconds = (System.nanoTime() - wallStart) / 1e9;
        log.accept("fold " + provenance.fold() + " done: " + metrics);
        return new Result(Checkpoint.readInfo(runDir.resolve("best")).epoch(), metrics, seconds);
    }

    /** One optimisation step on a batch; returns the batch loss (normalised units). */
    private double step(CrysToGraphBlock block, NDManager manager, AdamW optimizer, GraphBatch inputs,
            List<LabelledGraph> batch, TargetNormalizer normalizer, double lr) {
        try (NDManager sub = manager.newSubManager()) {
            float[] y = new float[batch.size()];
            for (int i = 0; i < y.length; i++) {
                y[i] = (float) normalizer.normalize(batch.get(i).label());
            }
            double loss = TrainingStep.backward(block, sub, inputs, y, options.loss());
            optimizer.step(lr);
            return loss;
        }
    }

    /** The batch's graphs with their line features, collated. */
    private GraphBatch collate(List<LabelledGraph> batch) {
        return GraphBatch.of(graphs(batch), descriptors);
    }

    /** Predictions in label units, evaluation mode. */
    double[] predict(CrysToGraphBlock block, NDManager manager, List<LabelledGraph> samples,
            TargetNormalizer normalizer) {
        double[] out = new double[samples.size()];
        List<List<LabelledGraph>> batchList = new ArrayList<>();
        for (int from = 0, end; from < samples.size(); from = end) {
            end = GraphBatch.batchEnd(i -> samples.get(i).graph().numSites(), from, samples.size(),
                    CheckpointModel.MAX_BATCH, CheckpointModel.MAX_BATCH_SITES);
            batchList.add(samples.subList(from, end));
        }
        try (Prefetch<List<LabelledGraph>, GraphBatch> prepared = Prefetch.of(batchList, this::collate)) {
            int from = 0;
            for (int b = 0; b < batchList.size(); b++) {
                try (NDManager sub = manager.newSubManager()) {
                    NDList inputs = prepared.take(b).toNDList(sub, DataType.FLOAT32);
                    float[] p = block.forward(new ParameterStore(sub, false), inputs, false).singletonOrThrow()
                            .toFloatArray();
                    for (int i = 0; i < p.length; i++) {
                        out[from + i] = normalizer.denormalize(p[i]);
                    }
                    from += p.length;
                }
            }
        }
        return out;
    }

    private Map<String, Double> evaluateBest(List<LabelledGraph> test, double[] trainLabels) {
        Path best = runDir.resolve("best");
        CheckpointInfo info = Checkpoint.readInfo(best);
        Map<String, Double> metrics = new LinkedHashMap<>(info.metrics());
        if (!test.isEmpty()) {
            try (NDManager manager = NDManager.newBaseManager(device)) {
                CrysToGraphBlock block = Checkpoint.loadBlock(best, manager);
                double[] p = predict(block, manager, test, info.normalizer());
                double[] truth = test.stream().mapToDouble(LabelledGraph::label).toArray();
                FoldScore r = Scorer.scoreFold(provenance.fold(), truth, p, null, trainLabels);
                metrics.put("test_mae", r.mae());
                metrics.put("test_rmse", r.rmse());
                metrics.put("test_max_error", r.maxError());
                metrics.put("test_mad_baseline", r.baselineMae());
                metrics.put("train_mad", r.mad());
                metrics.put("test_n", (double) truth.length);
                Checkpoint.save(best, block, info.withMetrics(info.epoch(), metrics));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return metrics;
    }

    private CheckpointInfo info(TargetNormalizer normalizer, int epoch, Map<String, Double> metrics) {
        Map<String, Object> training = Checkpoint.json().convertValue(options, new TypeReference<>() { });
        return new CheckpointInfo(CheckpointInfo.FORMAT, CrysToGraphBlock.VERSION, config, graphSettings,
                Featurizers.describe(descriptors.featurizer()), normalizer, provenance.task(), provenance.label(),
                provenance.unit(), provenance.fold(), provenance.protocol(), options.seed(), provenance.dataSha256(),
                provenance.gitCommit(), training, epoch, metrics, Instant.now().toString());
    }

    // ---- resumable state -------------------------------------------------------------------------------------

    /** One epoch of the history. */
    public record EpochRecord(int epoch, double loss, double valMae, double learningRate, double atomsPerSecond) {
    }

    /** Mutable progress saved with the last checkpoint. */
    static final class RunState {
        public int nextEpoch;
        public int bestEpoch = -1;
        public double bestValMae = Double.POSITIVE_INFINITY;
        public long optimizerSteps;
        public List<EpochRecord> history = new ArrayList<>();
    }

    private void saveLast(CrysToGraphBlock block, AdamW optimizer, TargetNormalizer normalizer, RunState state)
            throws IOException {
        Path last = runDir.resolve("last");
        state.optimizerSteps = optimizer.steps();
        Checkpoint.save(last, block, info(normalizer, state.nextEpoch - 1, Map.of()));
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(last.resolve(OPTIMIZER)))) {
            out.write(optimizer.state().encode());
        }
        Checkpoint.json().writeValue(last.resolve(STATE).toFile(), state);
    }

    private RunState resume(CrysToGraphBlock block, AdamW optimizer, NDManager manager) throws IOException {
        Path last = runDir.resolve("last");
        if (!Checkpoint.exists(last) || !Files.isRegularFile(last.resolve(STATE))) {
            return new RunState();
        }
        CheckpointInfo info = Checkpoint.readInfo(last);
        if (!info.config().equals(config) || !info.dataSha256().equals(provenance.dataSha256())
                || info.fold() != provenance.fold()) {
            throw new IllegalStateException(runDir + " holds a run with another configuration, data or fold; "
                    + "use another --out");
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(last.resolve(Checkpoint.WEIGHTS)))) {
            block.loadParameters(manager, new java.io.DataInputStream(in));
        } catch (ai.djl.MalformedModelException e) {
            throw new IOException(e);
        }
        RunState state = Checkpoint.json().readValue(last.resolve(STATE).toFile(), RunState.class);
        // loaded arrays replace the initial ones: they need gradients again
        for (var entry : block.getParameters()) {
            if (entry.getValue().requiresGradient()) {
                entry.getValue().getArray().setRequiresGradient(true);
            }
        }
        byte[] bytes = Files.readAllBytes(last.resolve(OPTIMIZER));
        optimizer.restore(NDList.decode(manager, bytes), state.optimizerSteps);
        return state;
    }

    /** The batch's graphs with their line features (stored compact, see {@link TrainingData}). */
    private List<CrystalGraph> graphs(List<LabelledGraph> samples) {
        List<CrystalGraph> g = new ArrayList<>(samples.size());
        for (LabelledGraph s : samples) {
            g.add(graphBuilder.withLineFeatures(s.graph()));
        }
        return g;
    }

    static double mae(double[] prediction, List<LabelledGraph> samples) {
        double sum = 0;
        for (int i = 0; i < prediction.length; i++) {
            sum += Math.abs(prediction[i] - samples.get(i).label());
        }
        return sum / prediction.length;
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format("%.4f", v) : "-";
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return String.format("%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }
}

package org.crystograph.inference;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.crystograph.config.ModelConfig;
import org.crystograph.config.ServingConfig;
import org.crystograph.graph.CrystalGraph;
import org.crystograph.graph.GraphSettings;
import org.jboss.logging.Logger;

/**
 * Loads the configured models at startup (in the background, so that liveness is up at once), warms each worker up
 * and then reports ready. Holds the served models by name.
 */
@ApplicationScoped
public class ModelRegistry {

    private static final Logger LOG = Logger.getLogger(ModelRegistry.class);

    /** Loading state, as shown by the readiness check. */
    public enum State {
        /** Models are being loaded or warmed up. */
        LOADING,
        /** Every configured model is loaded and warm. */
        READY,
        /** Loading failed; see {@link #failure()}. */
        FAILED,
        /** No model is configured or bundled. */
        EMPTY
    }

    @Inject
    ModelConfig modelConfig;

    @Inject
    ServingConfig servingConfig;

    @Inject
    MeterRegistry meterRegistry;

    @Inject
    CheckpointBackend backend;

    @Inject
    BundledModels bundledModels;

    @Inject
    WarmUp warmUp;

    private final Map<String, ServedModel> models = new LinkedHashMap<>();
    private volatile State state = State.LOADING;
    private volatile String failure;
    private volatile String defaultModel;
    private volatile long warmUpMillis;

    void onStart(@Observes StartupEvent event) {
        Gauge.builder(ServingMetrics.QUEUE_DEPTH, this, r -> r.all().stream()
                .mapToInt(m -> m.engine().queueDepth()).sum())
                .description("requests waiting in this process's inference queues, all models").strongReference(true)
                .register(meterRegistry);
        if (!modelConfig.loadInBackground()) {
            loadAll();
            return;
        }
        Thread loader = new Thread(this::loadAll, "model-loader");
        loader.setDaemon(true);
        loader.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        synchronized (models) {
            models.values().forEach(m -> m.engine().close());
        }
    }

    /** The loading state. */
    public State state() {
        return state;
    }

    /** Why loading failed, or null. */
    public String failure() {
        return failure;
    }

    /** Milliseconds the warm-up took. */
    public long warmUpMillis() {
        return warmUpMillis;
    }

    /** Name of the default model, or null while none is loaded. */
    public String defaultModel() {
        return defaultModel;
    }

    /** The served models in load order (empty until ready). */
    public List<ServedModel> models() {
        synchronized (models) {
            return state == State.READY ? List.copyOf(models.values()) : List.of();
        }
    }

    /** The model with this name, when ready. */
    public Optional<ServedModel> model(String name) {
        synchronized (models) {
            return state == State.READY ? Optional.ofNullable(models.get(name)) : Optional.empty();
        }
    }

    /** The batching settings from configuration (automatic workers resolved). */
    public BatchingSettings batchingSettings() {
        return new BatchingSettings(servingConfig.maxBatchSize(), Duration.ofMillis(servingConfig.maxDelayMs()),
                servingConfig.maxBatchSites(), servingConfig.queueCapacity(), threadLayout().workers(),
                Duration.ofSeconds(servingConfig.retryAfterSeconds()), servingConfig.spreadEnsemble());
    }

    /** Workers per model and libtorch threads per forward pass, from configuration and the device. */
    public ThreadLayout threadLayout() {
        return ThreadLayout.resolve(servingConfig.workers(), servingConfig.intraOpThreads(), modelConfig.device());
    }

    private void loadAll() {
        long start = System.nanoTime();
        try {
            Map<String, Path> sources = new LinkedHashMap<>();
            for (String dir : modelConfig.directories().orElse(List.of())) {
                Path p = Path.of(dir.trim());
                if (!Files.isDirectory(p)) {
                    throw new IllegalArgumentException("model directory " + p + " does not exist");
                }
                if (sources.putIfAbsent(name(p), p) != null) {
                    throw new IllegalArgumentException("two models are named '" + name(p) + "'");
                }
            }
            if (modelConfig.bundled()) {
                // a configured directory of the same name replaces the bundled model
                bundledModels.directories().forEach(d -> sources.putIfAbsent(name(d), d));
            }
            if (sources.isEmpty()) {
                failure = "no model configured: set crystograph.model.directories or bundle one";
                state = State.EMPTY;
                LOG.warn(failure);
                return;
            }
            String wanted = modelConfig.defaultModel().orElse(sources.keySet().iterator().next());
            if (!sources.containsKey(wanted)) {
                throw new IllegalArgumentException("default model '" + wanted + "' is not among " + sources.keySet());
            }
            BatchingSettings settings = batchingSettings();
            ThreadLayout layout = threadLayout();
            layout.applyToEngine();
            LOG.infof("inference on %s: %s per model", modelConfig.device(), layout);
            for (Map.Entry<String, Path> e : sources.entrySet()) {
                ServedModel m = load(e.getKey(), e.getValue(), settings, e.getKey().equals(wanted));
                synchronized (models) {
                    models.put(m.name(), m);
                }
            }
            long warmStart = System.nanoTime();
            if (modelConfig.warmUp()) {
                for (ServedModel m : models.values()) {
                    warmUp(m, settings);
                }
            }
            warmUpMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - warmStart);
            defaultModel = wanted;
            state = State.READY;
            LOG.infof("models ready: %s (default %s); loaded in %d ms, warm-up %d ms", models.keySet(), wanted,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), warmUpMillis);
        } catch (RuntimeException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            failure = e.getMessage();
            state = State.FAILED;
            LOG.error("loading models failed", e);
        }
    }

    private ServedModel load(String name, Path dir, BatchingSettings settings, boolean isDefault)
            throws InterruptedException {
        List<Path> checkpointDirs = checkpointDirectories(dir);
        List<CheckpointBackend.Checkpoint> checkpoints = new ArrayList<>();
        for (Path c : checkpointDirs) {
            checkpoints.add(backend.read(c, modelConfig.device()));
        }
        CheckpointBackend.Checkpoint first = checkpoints.get(0);
        for (CheckpointBackend.Checkpoint c : checkpoints) {
            if (!c.tasks().equals(first.tasks())) {
                throw new IllegalArgumentException("checkpoints of model '" + name + "' predict different tasks: "
                        + first.tasks() + " and " + c.tasks());
            }
            if (!c.graphSettings().equals(first.graphSettings())) {
                throw new IllegalArgumentException("checkpoints of model '" + name
                        + "' were trained with different graph settings");
            }
        }
        List<CheckpointCard> infos = checkpoints.stream().map(CheckpointBackend.Checkpoint::info).toList();
        String sha = CheckpointDigest.ofMembers(infos.stream().map(CheckpointCard::sha256).toList());
        ModelCard card = new ModelCard(name, first.description(), first.architecture(), first.tasks(), infos, sha,
                checkpoints.size() > 1 ? ModelCard.ENSEMBLE_UNCERTAINTY : ModelCard.NO_UNCERTAINTY,
                modelConfig.device(), isDefault, TrainingDomain.read(dir).orElse(null));
        InferenceEngine engine = new InferenceEngine(name,
                checkpoints.stream().map(CheckpointBackend.Checkpoint::factory).toList(), settings, meterRegistry);
        try {
            engine.awaitOpen(modelConfig.loadTimeoutSeconds(), TimeUnit.SECONDS);
        } catch (RuntimeException | InterruptedException e) {
            engine.close();
            throw e;
        }
        if (engine.outputCount() != first.tasks().size()) {
            engine.close();
            throw new IllegalArgumentException("model '" + name + "' has " + engine.outputCount() + " outputs but "
                    + first.tasks().size() + " tasks");
        }
        LOG.infof("model '%s': %d checkpoint(s) from %s, tasks %s, %d worker(s)", name, checkpoints.size(), dir,
                first.tasks().stream().map(TaskInfo::property).toList(), settings.workers());
        return new ServedModel(card, first.graphSettings(), engine);
    }

    /** Runs enough small structures that every worker runs at least one batch, and waits for them. */
    private void warmUp(ServedModel m, BatchingSettings settings) {
        List<CrystalGraph> graphs = warmUp.graphs(m.graphSettings());
        java.util.ArrayDeque<CompletableFuture<Estimate>> pending = new java.util.ArrayDeque<>();
        for (int round = 0; round < settings.workers() * 2; round++) {
            for (CrystalGraph g : graphs) {
                while (true) {
                    try {
                        pending.add(m.engine().submit(g));
                        break;
                    } catch (QueueFullException e) {
                        // a small queue: wait for the oldest warm-up request, then submit again
                        check(m, pending.remove().join());
                    }
                }
            }
        }
        while (!pending.isEmpty()) {
            check(m, pending.remove().join());
        }
    }

    private static void check(ServedModel m, Estimate e) {
        for (double v : e.mean()) {
            if (!Double.isFinite(v)) {
                throw new IllegalStateException("model '" + m.name() + "' predicts " + v + " in warm-up");
            }
        }
    }

    /** The checkpoint directories of a model directory: itself, or its sub-directories that are checkpoints. */
    List<Path> checkpointDirectories(Path dir) {
        if (backend.isCheckpoint(dir)) {
            return List.of(dir);
        }
        try (Stream<Path> children = Files.list(dir)) {
            List<Path> found = children.filter(Files::isDirectory).filter(backend::isCheckpoint).sorted().toList();
            if (found.isEmpty()) {
                throw new IllegalArgumentException(dir + " is neither a checkpoint nor a directory of checkpoints");
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list model directory " + dir, e);
        }
    }

    private static String name(Path dir) {
        return dir.toAbsolutePath().normalize().getFileName().toString();
    }

    /** All engines, for metrics and tests. */
    Collection<ServedModel> all() {
        synchronized (models) {
            return List.copyOf(models.values());
        }
    }
}

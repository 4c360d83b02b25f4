package org.crystograph.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.Gauge;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.crystograph.api.dto.BatchItemResult;
import org.crystograph.api.dto.BatchPredictionResponse;
import org.crystograph.api.dto.PredictionResponse;
import org.crystograph.api.dto.PropertyPrediction;
import org.crystograph.api.dto.StructureInput;
import org.crystograph.api.dto.PredictionStructure;
import org.crystograph.api.dto.Timing;
import org.crystograph.api.dto.ModelList;
import org.crystograph.config.ServingConfig;
import org.crystograph.graph.CrystalGraph;
import org.crystograph.graph.GraphSettings;
import org.crystograph.graph.GraphBuildException;
import org.crystograph.inference.EngineStoppedException;
import org.crystograph.inference.Estimate;
import org.crystograph.inference.InferenceException;
import org.crystograph.inference.ModelCard;
import org.crystograph.inference.ModelRegistry;
import org.crystograph.inference.PredictionWarnings;
import org.crystograph.inference.QueueFullException;
import org.crystograph.inference.ServedModel;
import org.crystograph.inference.ServingMetrics;
import org.crystograph.inference.TaskInfo;
import org.crystograph.inference.TrainingDomain;
import org.crystograph.structure.Elements;
import org.crystograph.structure.Structure;
import org.crystograph.structure.StructureException;
import org.jboss.logging.Logger;

/**
 * Answers prediction requests: reads the structure, builds its graph with each selected model's graph settings,
 * queues it on those models' engines and assembles the response. Failures become typed {@link ApiException}s
 * ({@link StructureException} passes through to become 422).
 *
 * <p>Every request has a deadline ({@code crystograph.serving.request-timeout}, 15 s by default): reading and graph
 * building run on a bounded pool of graph threads ({@link GraphWorkers}) and the answer never waits for them past the
 * deadline. Then, or when the client goes away, the graph thread working for the request is interrupted and the
 * structure leaves the models' queues; a batch already running in the model is not stopped (its size is bounded by
 * {@code max-batch-sites}).
 */
@ApplicationScoped
public class PredictionService {

    private static final Logger LOG = Logger.getLogger(PredictionService.class);
    private static final double NANOS_PER_MILLI = 1e6;
    /** Retry-After while the models are still loading. */
    private static final Duration LOADING_RETRY = Duration.ofSeconds(5);

    @Inject
    ModelRegistry registry;

    @Inject
    ServingConfig serving;

    @Inject
    ObjectMapper mapper;

    @Inject
    MeterRegistry meters;

    @Inject
    StructureInputReader reader;

    /** Graph threads and deadline timer of the prediction requests; made on first use, stopped with the service. */
    private GraphWorkers workers;

    /** One structure read and queued, waiting for its models. */
    private record Queued(String format, PredictionStructure summary,
            Map<ServedModel, CompletableFuture<Estimate>> futures, long startNanos, long queuedNanos, double parseMs,
            double graphMs) {
    }

    /** Where a request is while it has not been answered: named in the deadline problem. */
    private enum Stage {
        WAITING_FOR_GRAPH_THREAD("waiting for a graph thread"),
        READING_AND_BUILDING_GRAPH("reading the structure and building its graph"),
        WAITING_FOR_MODEL("queued for or running in the model");

        final String description;

        Stage(String description) {
            this.description = description;
        }
    }

    @PostConstruct
    void start() {
        int threads = serving.graphThreads() > 0 ? serving.graphThreads() : Runtime.getRuntime().availableProcessors();
        workers = new GraphWorkers(threads, serving.graphQueueCapacity());
        Gauge.builder(ServingMetrics.GRAPH_QUEUE_DEPTH, workers, GraphWorkers::queued)
                .description("structures waiting for a graph thread").register(meters);
        Gauge.builder(ServingMetrics.GRAPH_BUSY, workers, GraphWorkers::busy)
                .description("graph threads reading a structure or building its graph").register(meters);
        Gauge.builder(ServingMetrics.GRAPH_STUCK, workers, GraphWorkers::stuck)
                .description("graph builds still running " + GraphWorkers.STOP_GRACE.toSeconds()
                        + " s after their request's deadline or cancellation interrupted them").register(meters);
        LOG.infof("prediction requests: %d graph thread(s), deadline %d ms", threads,
                serving.requestTimeout().toMillis());
    }

    /** Interrupts graph building still running and fails what waits for a graph thread; waits for neither. */
    @PreDestroy
    void stop() {
        workers.close();
    }

    /**
     * Predicts one structure file, waiting for the answer (the predict page); see {@link #predictAsync(byte[], String,
     * Selection)}.
     *
     * @throws ApiException 4xx for bad input or selection, 503 when the queue is full, models are loading or the
     *     deadline passed
     * @throws StructureException when the structure cannot be read (422)
     */
    public PredictionResponse predict(byte[] file, String format, Selection selection) {
        try {
            return predictAsync(file, format, selection).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
    }

    /**
     * Predicts one structure file. Reading it, building its graphs and queueing them on the models' engines happen on
     * a graph thread; the answer completes when the models have run, or with a 503 {@link ApiException} when the
     * request's deadline ({@code crystograph.serving.request-timeout}) passes first. Completing the answer early
     * (cancelling it: the client went away; or the deadline) interrupts the graph building still running for it and
     * withdraws the structure from every model's queue that has not yet run it.
     *
     * @param file the file's bytes (UTF-8, or ISO-8859-1 for legacy files: see {@link StructureInputReader#read})
     * @param format a format name, or null to recognise it from the content
     * @return the response, or a failure: {@link StructureException} (422) when the structure cannot be read,
     *     {@link ApiException} for a bad format name (415), too many sites (422), a full queue, the deadline, or the
     *     service stopping (503), or an inference failure (500)
     * @throws ApiException 4xx for a bad selection, 503 while models are loading (the request was not taken up)
     */
    public CompletableFuture<PredictionResponse> predictAsync(byte[] file, String format, Selection selection) {
        return predictOne(() -> reader.read(file, format), selection);
    }

    /** Predicts one structure from a JSON envelope (the structure as text, or as a JSON object for JSON formats). */
    public CompletableFuture<PredictionResponse> predictAsync(StructureInput input, Selection selection) {
        String text = text(input);
        return predictOne(() -> reader.read(text, input.format()), selection);
    }

    private CompletableFuture<PredictionResponse> predictOne(Supplier<StructureInputReader.Parsed> read,
            Selection selection) {
        Timer.Sample sample = Timer.start(meters);
        long deadline = System.nanoTime() + serving.requestTimeout().toNanos();
        Map<ServedModel, List<Integer>> plan;
        try {
            plan = plan(selection);
        } catch (RuntimeException e) {
            sample.stop(requestTimer("single", "error"));
            throw e;
        }
        CompletableFuture<Answered> answer = answer(read, plan, deadline);
        answer.whenComplete((a, failure) -> {
            sample.stop(requestTimer("single", outcome(failure)));
            if (a != null) {
                PredictionResponse r = a.response;
                LOG.infof("prediction format=%s nsites=%d models=%s parse_ms=%.1f graph_ms=%.1f model_ms=%.1f"
                        + " total_ms=%.1f", a.format, r.structure().nsites(), modelNames(plan), r.timing().parseMs(),
                        r.timing().graphMs(), r.timing().modelMs(), r.timing().totalMs());
            }
        });
        return withdrawing(answer, answer.thenApply(Answered::response));
    }

    /** A response and the format its structure was read as (for the log). */
    private record Answered(PredictionResponse response, String format) {
    }

    /**
     * Predicts several structures; each one's failure is reported in its own result. They share the request's
     * deadline: those not answered by then get a 503 problem each, and the response comes at the deadline at the
     * latest. Cancelling the answer withdraws every structure not yet run and interrupts their graph building.
     *
     * @throws ApiException 413 above the configured number of structures, 4xx for a bad selection, 503 while loading
     */
    public CompletableFuture<BatchPredictionResponse> predictBatchAsync(List<StructureInput> inputs,
            Selection selection) {
        Timer.Sample sample = Timer.start(meters);
        long start = System.nanoTime();
        long deadline = start + serving.requestTimeout().toNanos();
        if (inputs.size() > serving.maxStructuresPerRequest()) {
            throw new ApiException(Response.Status.REQUEST_ENTITY_TOO_LARGE, "too-many-structures",
                    "Too many structures", inputs.size() + " structures in one request; at most "
                            + serving.maxStructuresPerRequest() + " are allowed",
                    Map.of("limit", serving.maxStructuresPerRequest()));
        }
        Map<ServedModel, List<Integer>> plan = plan(selection);
        List<CompletableFuture<PredictionResponse>> items = new ArrayList<>(inputs.size());
        for (StructureInput input : inputs) {
            try {
                if (input == null) {
                    throw new ApiException(Response.Status.BAD_REQUEST, "missing-structure", "Missing structure",
                            "null entry in 'structures'");
                }
                String text = text(input);
                CompletableFuture<Answered> answer = answer(() -> reader.read(text, input.format()), plan, deadline);
                items.add(withdrawing(answer, answer.thenApply(Answered::response)));
            } catch (ApiException e) {
                items.add(CompletableFuture.failedFuture(e));
            }
        }
        CompletableFuture<BatchPredictionResponse> answer = whenAll(items, () -> batchResponse(inputs, items, start));
        answer.whenComplete((r, failure) -> {
            sample.stop(requestTimer("batch", outcome(failure)));
            if (r != null) {
                LOG.infof("prediction_batch structures=%d succeeded=%d failed=%d models=%s total_ms=%.1f",
                        inputs.size(), r.succeeded(), r.failed(), modelNames(plan), r.totalMs());
            }
        });
        return answer;
    }

    /**
     * The answer to one structure: read, graphs built and queued on a graph thread, then the models' estimates; or,
     * at {@code deadlineNanos}, a 503. Once the answer is complete, whatever still works for it stops: the graph
     * thread is interrupted and the structure leaves the models' queues.
     */
    private CompletableFuture<Answered> answer(Supplier<StructureInputReader.Parsed> read,
            Map<ServedModel, List<Integer>> plan, long deadlineNanos) {
        long start = System.nanoTime();
        CompletableFuture<Answered> answer = new CompletableFuture<>();
        AtomicReference<Stage> stage = new AtomicReference<>(Stage.WAITING_FOR_GRAPH_THREAD);
        Supplier<ApiException> deadlineExceeded = () -> deadlineExceeded(stage.get());
        CompletableFuture<Queued> prepared;
        try {
            prepared = workers.submit(() -> {
                stage.set(Stage.READING_AND_BUILDING_GRAPH);
                return enqueue(read, plan, start);
            }, q -> q.futures.values().forEach(f -> f.cancel(false)));
            workers.expire(answer, Duration.ofNanos(deadlineNanos - System.nanoTime()), () -> {
                LOG.warnf("prediction not answered within %d ms while %s; its work is stopped",
                        serving.requestTimeout().toMillis(), stage.get().description);
                return deadlineExceeded.get();
            });
        } catch (RejectedExecutionException e) {
            answer.completeExceptionally(new ServiceUnavailableException("graph-queue-full", "Queue full",
                    "too many structures wait for a graph thread (" + serving.graphQueueCapacity() + "): "
                            + e.getMessage(), Duration.ofSeconds(serving.retryAfterSeconds()),
                    Map.of("limit", serving.graphQueueCapacity())));
            return answer;
        }
        answer.whenComplete((a, failure) -> {
            if (failure != null) {
                prepared.cancel(true); // interrupts the graph thread if it is still at work
            }
        });
        prepared.whenComplete((q, failure) -> {
            if (failure != null) {
                answer.completeExceptionally(preparationFailure(failure, deadlineExceeded));
                return;
            }
            stage.set(Stage.WAITING_FOR_MODEL);
            CompletableFuture<PredictionResponse> models = whenAnswered(q, plan);
            models.whenComplete((r, f) -> {
                if (f == null) {
                    answer.complete(new Answered(r, q.format));
                } else {
                    answer.completeExceptionally(f instanceof CompletionException && f.getCause() != null
                            ? f.getCause() : f);
                }
            });
            answer.whenComplete((a, f) -> {
                if (f != null) {
                    models.cancel(false); // withdraws the structure from the queues that have not run it
                }
            });
        });
        return answer;
    }

    /** {@code view}, whose cancellation (the client went away) cancels {@code answer}, which stops its work. */
    private static <T> CompletableFuture<T> withdrawing(CompletableFuture<?> answer, CompletableFuture<T> view) {
        view.whenComplete((r, failure) -> {
            if (failure instanceof CancellationException) {
                answer.cancel(false);
            }
        });
        return view;
    }

    /**
     * The problem a failure of reading a structure or building its graph answers. This is the one place where graph
     * building's typed failures become problems: when graph building reports that a structure is too expensive to
     * build (a work limit), that is a 422 problem {@code structure-too-expensive}; when it reports that it gave up
     * because it was interrupted, the request has already been answered (deadline or cancellation), and the deadline
     * problem stands for it.
     */
    private static Throwable preparationFailure(Throwable failure, Supplier<ApiException> deadlineExceeded) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        if (cause instanceof ApiException || cause instanceof StructureException) {
            return cause;
        }
        if (cause instanceof GraphBuildException g) {
            return g.reason() == GraphBuildException.Reason.WORK_LIMIT ? structureTooExpensive(g.getMessage())
                    : deadlineExceeded.get();
        }
        if (cause instanceof CancellationException || cause instanceof InterruptedException) {
            return deadlineExceeded.get();
        }
        if (cause instanceof RejectedExecutionException) { // the service stopped before a graph thread took it
            return unavailable("the service is stopping; retry on another replica");
        }
        return cause; // a server fault: 500, logged by the mapper
    }

    /** The 422 problem of a structure whose graph is too expensive to build within the limits. */
    static ApiException structureTooExpensive(String detail) {
        return new ApiException(ApiException.UNPROCESSABLE, "structure-too-expensive",
                "Structure too expensive", detail);
    }

    /** The 503 problem of a request not answered within its deadline, naming where it was. */
    private ApiException deadlineExceeded(Stage stage) {
        long ms = serving.requestTimeout().toMillis();
        return new ServiceUnavailableException("deadline-exceeded", "Deadline exceeded",
                "no answer within " + ms + " ms (crystograph.serving.request-timeout) while "
                        + stage.description + "; its work was stopped", Duration.ofSeconds(serving.retryAfterSeconds()),
                Map.of("timeout_ms", ms, "stage", stage.name().toLowerCase(Locale.ROOT)));
    }

    /** The batch response from its items' answers, all complete. */
    private static BatchPredictionResponse batchResponse(List<StructureInput> inputs,
            List<CompletableFuture<PredictionResponse>> items, long startNanos) {
        List<BatchItemResult> results = new ArrayList<>(inputs.size());
        int ok = 0;
        for (int i = 0; i < inputs.size(); i++) {
            String id = inputs.get(i) == null ? null : inputs.get(i).id();
            try {
                PredictionResponse r = items.get(i).join();
                results.add(new BatchItemResult(i, id, Response.Status.OK.getStatusCode(), r.structure(),
                        r.predictions(), null));
                ok++;
            } catch (CompletionException e) {
                Problem p;
                if (e.getCause() instanceof ApiException api) {
                    p = ProblemMapper.toProblem(api);
                } else if (e.getCause() instanceof StructureException bad) {
                    p = ProblemMapper.toProblem(bad);
                } else {
                    throw e;
                }
                results.add(new BatchItemResult(i, id, p.status(), null, null, p));
            }
        }
        double totalMs = (System.nanoTime() - startNanos) / NANOS_PER_MILLI;
        return new BatchPredictionResponse(results, ok, inputs.size() - ok, totalMs);
    }

    /** The served models; 503 while loading. */
    public ModelList models() {
        requireReady();
        return new ModelList(registry.defaultModel(), registry.models().stream().map(ServedModel::card).toList());
    }

    /** One model's card; 503 while loading, empty when unknown. */
    public Optional<ModelCard> model(String name) {
        requireReady();
        return registry.model(name).map(ServedModel::card);
    }

    // ---- steps ----

    /**
     * Reads the structure, checks its size, builds one graph per graph settings in the plan and queues it on each
     * planned model's engine; runs on a graph thread and stops between steps once interrupted.
     */
    private Queued enqueue(Supplier<StructureInputReader.Parsed> read, Map<ServedModel, List<Integer>> plan,
            long start) {
        long readStart = System.nanoTime();
        StructureInputReader.Parsed parsed = read.get();
        Structure structure = parsed.structure();
        if (structure.size() > serving.maxSitesPerStructure()) {
            throw new ApiException(ApiException.UNPROCESSABLE, "too-many-sites", "Structure too large",
                    "the structure has " + structure.size() + " sites; at most " + serving.maxSitesPerStructure()
                            + " are served", Map.of("nsites", structure.size(), "limit", serving.maxSitesPerStructure()));
        }
        long parsedAt = System.nanoTime();
        Map<GraphSettings, CrystalGraph> graphs = new HashMap<>();
        for (ServedModel m : plan.keySet()) {
            stopIfInterrupted();
            graphs.computeIfAbsent(m.graphSettings(), s -> reader.graph(structure, s));
        }
        stopIfInterrupted();
        long graphedAt = System.nanoTime();
        Map<ServedModel, CompletableFuture<Estimate>> futures = new LinkedHashMap<>();
        for (ServedModel m : plan.keySet()) {
            try {
                futures.put(m, m.engine().submit(graphs.get(m.graphSettings())));
            } catch (QueueFullException | InferenceException e) {
                futures.values().forEach(f -> f.cancel(false)); // the other models' answers would go unread
                if (e instanceof QueueFullException full) {
                    throw new ServiceUnavailableException("queue-full", "Queue full", e.getMessage(),
                            full.retryAfter(), Map.of("model", full.model()));
                }
                throw unavailable(e.getMessage());
            }
        }
        Map<String, TrainingDomain> domains = new LinkedHashMap<>();
        for (ServedModel m : plan.keySet()) {
            if (m.card().trainingDomain() != null) {
                domains.put(m.name(), m.card().trainingDomain());
            }
        }
        List<String> warnings = PredictionWarnings.of(parsed.warnings(), structure, graphs.values().iterator().next(),
                domains);
        PredictionStructure summary = new PredictionStructure(formula(structure), structure.size(), warnings);
        return new Queued(parsed.format().id(), summary, futures, start, graphedAt,
                (parsedAt - readStart) / NANOS_PER_MILLI, (graphedAt - parsedAt) / NANOS_PER_MILLI);
    }

    /** Gives up the work of a request whose answer no longer waits for it. */
    private static void stopIfInterrupted() {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("interrupted: the request was answered or cancelled");
        }
    }

    /** The response once every model has answered the queued structure; cancelling it cancels those requests. */
    private CompletableFuture<PredictionResponse> whenAnswered(Queued q, Map<ServedModel, List<Integer>> plan) {
        return whenAll(q.futures.values(), () -> collect(q, plan));
    }

    /**
     * {@code result} computed once every part has completed, however it completed; cancelling the result cancels
     * the parts, so that work nobody will read is withdrawn.
     */
    private static <T> CompletableFuture<T> whenAll(Collection<? extends CompletableFuture<?>> parts,
            Supplier<T> result) {
        CompletableFuture<T> all = CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
                .handle((done, failure) -> result.get());
        all.whenComplete((r, failure) -> {
            if (failure instanceof CancellationException) {
                parts.forEach(f -> f.cancel(false));
            }
        });
        return all;
    }

    /** The request timer's outcome tag for how a request's answer completed. */
    private static String outcome(Throwable failure) {
        if (failure instanceof ApiException api && "deadline-exceeded".equals(api.type())) {
            return "deadline";
        }
        return failure == null ? "ok" : failure instanceof CancellationException ? "cancelled" : "error";
    }

    private PredictionResponse collect(Queued q, Map<ServedModel, List<Integer>> plan) {
        long modelStart = q.queuedNanos;
        List<PropertyPrediction> predictions = new ArrayList<>();
        for (Map.Entry<ServedModel, List<Integer>> e : plan.entrySet()) {
            ServedModel m = e.getKey();
            Estimate est = await(m, q.futures.get(m));
            for (int t : e.getValue()) {
                TaskInfo task = m.card().tasks().get(t);
                Double uncertainty = est.hasUncertainty() ? est.std(t) : null;
                predictions.add(new PropertyPrediction(task.property(), est.mean(t), task.unit(), uncertainty,
                        m.name(), m.card().sha256()));
            }
        }
        long end = System.nanoTime();
        return new PredictionResponse(q.summary, predictions, new Timing(q.parseMs, q.graphMs,
                (end - modelStart) / NANOS_PER_MILLI + 0.0, (end - q.startNanos) / NANOS_PER_MILLI));
    }

    private static Estimate await(ServedModel m, CompletableFuture<Estimate> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while waiting for model '" + m.name() + "'");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof EngineStoppedException) {
                throw unavailable(cause.getMessage()); // the service is stopping: retry, on another replica
            }
            LOG.errorf(cause, "model '%s' failed", m.name());
            throw new ApiException(Response.Status.INTERNAL_SERVER_ERROR, "inference-failed", "Inference failed",
                    "model '" + m.name() + "' failed on this structure: " + cause.getMessage());
        }
    }

    /** Which models run, and which of their outputs are reported, for a selection. */
    Map<ServedModel, List<Integer>> plan(Selection selection) {
        requireReady();
        Map<ServedModel, List<Integer>> plan = new LinkedHashMap<>();
        List<ServedModel> all = registry.models();
        if (selection.model() != null) {
            ServedModel m = registry.model(selection.model()).orElseThrow(() -> new ApiException(
                    Response.Status.BAD_REQUEST, "unknown-model", "Unknown model",
                    "no model named '" + selection.model() + "' is served",
                    Map.of("models", all.stream().map(ServedModel::name).toList())));
            plan.put(m, new ArrayList<>());
            if (selection.properties().isEmpty()) {
                for (int t = 0; t < m.card().tasks().size(); t++) {
                    plan.get(m).add(t);
                }
            }
            for (String p : selection.properties()) {
                int t = m.card().taskIndex(p);
                if (t < 0) {
                    throw unknownProperty(p, List.of(m));
                }
                plan.get(m).add(t);
            }
            return plan;
        }
        ServedModel def = registry.model(registry.defaultModel()).orElseThrow();
        if (selection.properties().isEmpty()) {
            List<Integer> tasks = new ArrayList<>();
            for (int t = 0; t < def.card().tasks().size(); t++) {
                tasks.add(t);
            }
            plan.put(def, tasks);
            return plan;
        }
        for (String p : selection.properties()) {
            List<ServedModel> order = new ArrayList<>(all);
            order.sort(Comparator.comparing((ServedModel m) -> m != def));
            ServedModel chosen = order.stream().filter(m -> m.card().taskIndex(p) >= 0).findFirst()
                    .orElseThrow(() -> unknownProperty(p, all));
            plan.computeIfAbsent(chosen, k -> new ArrayList<>()).add(chosen.card().taskIndex(p));
        }
        return plan;
    }

    private void requireReady() {
        switch (registry.state()) {
            case READY -> {
            }
            case LOADING -> throw new ServiceUnavailableException("models-loading", "Models loading",
                    "the models are still loading; see /q/health/ready", LOADING_RETRY, Map.of());
            default -> throw unavailable("no model is served: " + registry.failure());
        }
    }

    private static ServiceUnavailableException unavailable(String detail) {
        return new ServiceUnavailableException("model-unavailable", "Model unavailable", detail, LOADING_RETRY,
                Map.of());
    }

    private static ApiException unknownProperty(String property, List<ServedModel> models) {
        List<String> known = models.stream().flatMap(m -> m.card().tasks().stream()).map(TaskInfo::property)
                .distinct().toList();
        return new ApiException(Response.Status.BAD_REQUEST, "unknown-property", "Unknown property",
                "no served model predicts '" + property + "'", Map.of("properties", known));
    }

    private String text(StructureInput input) {
        if (input.structure() == null) {
            throw new ApiException(Response.Status.BAD_REQUEST, "missing-structure", "Missing structure",
                    "the request has no 'structure'");
        }
        if (input.structure() instanceof String text) {
            return text;
        }
        try {
            return mapper.writeValueAsString(input.structure());
        } catch (JsonProcessingException e) {
            throw new ApiException(Response.Status.BAD_REQUEST, "malformed-json", "Malformed JSON", e.getMessage());
        }
    }

    private static String modelNames(Map<ServedModel, List<Integer>> plan) {
        return String.join(",", plan.keySet().stream().map(ServedModel::name).toList());
    }

    private Timer requestTimer(String kind, String outcome) {
        return Timer.builder(ServingMetrics.REQUEST_LATENCY).description("whole prediction request")
                .tags("endpoint", kind, "outcome", outcome).publishPercentileHistogram().register(meters);
    }

    /**
     * The cell formula with elements by increasing Pauling electronegativity (those without one last, then by
     * symbol), amounts summed over occupancies, for example {@code Na4 Cl4} or {@code Sr1 Ti0.5 Fe0.5 O3}.
     */
    static String formula(Structure s) {
        List<Map.Entry<String, Double>> entries = new ArrayList<>(s.composition().entrySet());
        entries.sort(Comparator.comparingDouble((Map.Entry<String, Double> e) -> Elements
                .electronegativity(Elements.atomicNumber(e.getKey())).orElse(Double.MAX_VALUE))
                .thenComparing(Map.Entry::getKey));
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Double> e : entries) {
            if (b.length() > 0) {
                b.append(' ');
            }
            double amount = e.getValue();
            long rounded = Math.round(amount);
            b.append(e.getKey()).append(Math.abs(amount - rounded) < 1e-6 ? Long.toString(rounded)
                    : String.format(Locale.ROOT, "%.4f", amount).replaceAll("0+$", ""));
        }
        return b.toString();
    }
}

package org.crystograph.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
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

    /** One structure read and queued, waiting for its models. */
    private record Queued(String format, PredictionStructure summary,
            Map<ServedModel, CompletableFuture<Estimate>> futures, long startNanos, long queuedNanos, double parseMs,
            double graphMs) {
    }

    /**
     * Predicts one structure given as text in a format, waiting for the answer (the predict page).
     *
     * @throws ApiException 4xx for bad input or selection, 503 when the queue is full or models are loading
     * @throws StructureException when the structure cannot be read (422)
     */
    public PredictionResponse predict(String text, String format, Selection selection) {
        try {
            return predictAsync(text, format, selection).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
    }

    /**
     * Reads the structure, builds its graphs and queues them in the calling thread; the answer completes when the
     * models have run. Cancelling the answer (the client went away) withdraws the structure from every model's queue
     * that has not yet run it.
     *
     * @return the response, or a failure with an {@link ApiException} (an inference failure, or 503 when the service
     *         stops before the structure ran)
     * @throws ApiException 4xx for bad input or selection, 503 when the queue is full or models are loading
     * @throws StructureException when the structure cannot be read (422)
     */
    public CompletableFuture<PredictionResponse> predictAsync(String text, String format, Selection selection) {
        Timer.Sample sample = Timer.start(meters);
        Map<ServedModel, List<Integer>> plan;
        Queued q;
        try {
            plan = plan(selection);
            q = enqueue(text, format, plan);
        } catch (RuntimeException e) {
            sample.stop(requestTimer("single", "error"));
            throw e;
        }
        CompletableFuture<PredictionResponse> answer = whenAnswered(q, plan);
        answer.whenComplete((r, failure) -> {
            sample.stop(requestTimer("single", outcome(failure)));
            if (r != null) {
                LOG.infof("prediction format=%s nsites=%d models=%s parse_ms=%.1f graph_ms=%.1f model_ms=%.1f"
                        + " total_ms=%.1f", q.format, q.summary.nsites(), modelNames(plan), r.timing().parseMs(),
                        r.timing().graphMs(), r.timing().modelMs(), r.timing().totalMs());
            }
        });
        return answer;
    }

    /** Predicts one structure from a JSON envelope (the structure as text, or as a JSON object for JSON formats). */
    public CompletableFuture<PredictionResponse> predictAsync(StructureInput input, Selection selection) {
        return predictAsync(text(input), input.format(), selection);
    }

    /**
     * Predicts several structures; each one's failure is reported in its own result. Reading and queueing happen in
     * the calling thread; cancelling the answer withdraws every structure not yet run.
     *
     * @throws ApiException 413 above the configured number of structures, 4xx for a bad selection, 503 while loading
     */
    public CompletableFuture<BatchPredictionResponse> predictBatchAsync(List<StructureInput> inputs,
            Selection selection) {
        Timer.Sample sample = Timer.start(meters);
        long start = System.nanoTime();
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
                items.add(whenAnswered(enqueue(text(input), input.format(), plan), plan));
            } catch (ApiException | StructureException e) {
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

    private Queued enqueue(String text, String format, Map<ServedModel, List<Integer>> plan) {
        long start = System.nanoTime();
        StructureInputReader.Parsed parsed = reader.read(text, format);
        Structure structure = parsed.structure();
        if (structure.size() > serving.maxSitesPerStructure()) {
            throw new ApiException(Response.Status.fromStatusCode(422), "too-many-sites", "Structure too large",
                    "the structure has " + structure.size() + " sites; at most " + serving.maxSitesPerStructure()
                            + " are served", Map.of("nsites", structure.size(), "limit", serving.maxSitesPerStructure()));
        }
        long parsedAt = System.nanoTime();
        Map<GraphSettings, CrystalGraph> graphs = new HashMap<>();
        for (ServedModel m : plan.keySet()) {
            graphs.computeIfAbsent(m.graphSettings(), s -> reader.graph(structure, s));
        }
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
                (parsedAt - start) / NANOS_PER_MILLI, (graphedAt - parsedAt) / NANOS_PER_MILLI);
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

package org.crystograph.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.crystograph.benchmark.TaskCatalog;
import org.crystograph.benchmark.TaskData;
import org.crystograph.benchmark.TaskDataReader;
import org.crystograph.benchmark.TaskDefinition;
import org.crystograph.benchmark.TaskSample;
import org.crystograph.config.DataPaths;
import org.crystograph.graph.GraphBuilder;
import org.crystograph.graph.CrystalGraph;
import org.crystograph.graph.GraphSettings;
import org.crystograph.graph.featurize.AtomFeaturizer;
import org.crystograph.inference.TrainingDomain;
import org.crystograph.model.AtomDescriptors;
import org.crystograph.model.Checkpoint;
import org.crystograph.model.CrysToGraphConfig;
import org.crystograph.model.DeviceChoice;

/**
 * Trains a task fold by fold: resolves the task, loads (or builds and caches) its graphs, runs each fold in
 * {@code out/fold<k>/} and keeps a summary in {@code out/results.json}.
 */
public final class TrainingService {

    /** Graph cache file name inside the run directory. */
    public static final String GRAPH_CACHE = "graphs.bin";

    private TrainingService() {
    }

    /**
     * Finds a task by catalogue key or by dataset folder name (e.g. {@code perov5-castelli} finds
     * {@code local_perov5_heat}).
     */
    public static TaskDefinition resolveTask(TaskCatalog catalog, String name) {
        return catalog.find(name).orElseGet(() -> catalog.tasks().stream()
                .filter(t -> name.equals(t.folder()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown task '" + name + "'")));
    }

    /** Reads a task's labels from the datasets directory. */
    public static TaskData readTask(String name) {
        TaskCatalog catalog = TaskCatalog.loadDefault();
        TaskDefinition task = resolveTask(catalog, name);
        TaskDataReader reader = new TaskDataReader(catalog, DataPaths.dataDirectory(), java.util.Optional.empty());
        if (!reader.available(task)) {
            throw new IllegalArgumentException("data of task " + task.key() + " not found under "
                    + DataPaths.dataDirectory().map(Path::toString).orElse("(no datasets directory)"));
        }
        return reader.read(task);
    }

    /**
     * Trains the given folds of a task.
     *
     * @param folds folds to hold out in turn (-1: train on every sample, no test)
     * @return fold -> metrics
     */
    public static Map<Integer, TrainingRun.Result> train(String taskName, List<Integer> folds,
            TrainingOptions options, TrainingData.Protocol protocol, AtomFeaturizer featurizer, Path out,
            DeviceChoice device, Consumer<String> console) {
        TaskData task = readTask(taskName);
        checkFolds(task, protocol, folds);
        GraphSettings settings = GraphSettings.defaults();
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Consumer<String> rootLog = tee(console, out.resolve("train.log"));
        rootLog.accept("task " + task.task().key() + " (" + task.task().label() + ", " + task.task().unit() + "), "
                + task.samples().size() + " labelled samples, protocol " + protocol);
        TrainingData data = TrainingData.load(task, protocol, new GraphBuilder(settings), out.resolve(GRAPH_CACHE),
                rootLog);
        if (!data.skipped().isEmpty()) {
            rootLog.accept(data.skipped().size() + " samples skipped, e.g. "
                    + data.skipped().entrySet().stream().limit(3).toList());
        }
        CrysToGraphConfig config = CrysToGraphConfig.preset(options.preset(), featurizer.width(), settings);
        AtomDescriptors descriptors = AtomDescriptors.of(featurizer);
        Map<Integer, TrainingRun.Result> results = new LinkedHashMap<>();
        for (int fold : folds) {
            Path foldDir = out.resolve(fold < 0 ? "all" : "fold" + fold);
            Consumer<String> log = tee(console, foldDir.resolve("train.log"));
            TrainingRun.Provenance provenance = new TrainingRun.Provenance(task.task().key(), task.task().label(),
                    task.task().unit(), fold, protocol.name(), data.dataSha256(), gitCommit());
            TrainingRun run = new TrainingRun(options, config, settings, descriptors, provenance, foldDir,
                    device.resolve(), log);
            List<LabelledGraph> pool = trainingPool(data, fold);
            List<LabelledGraph> test = fold < 0 ? List.of() : data.fold(fold);
            TrainingRun.Result result = run.run(pool, test);
            results.put(fold, result);
            writeSummary(out, task, options, protocol, collectAll(out));
        }
        return results;
    }

    /** The samples a fold trains on (training and validation): every fold but k, or all folds for k = -1. */
    private static List<LabelledGraph> trainingPool(TrainingData data, int fold) {
        return fold < 0 ? data.graphs().stream().filter(g -> g.fold() >= 0).toList() : data.allBut(fold);
    }

    /**
     * What the training structures of a task's fold cover ({@code crystograph model-domain}): the same samples
     * {@link #train} gives a model for that fold, training and validation together.
     *
     * @param fold held-out fold, or -1 for all folds
     * @param cacheFile where the graphs are cached (shared with training runs of the task)
     */
    public static TrainingDomain domain(String taskName, TrainingData.Protocol protocol, int fold, Path cacheFile,
            Consumer<String> log) {
        TaskData task = readTask(taskName);
        checkFolds(task, protocol, List.of(fold));
        TrainingData data = TrainingData.load(task, protocol, new GraphBuilder(GraphSettings.defaults()), cacheFile,
                log);
        List<CrystalGraph> graphs = trainingPool(data, fold).stream().map(LabelledGraph::graph).toList();
        return TrainingDomain.of(graphs, task.task().key() + ", protocol " + protocol
                + (fold < 0 ? ", all folds" : ", folds other than " + fold));
    }

    /**
     * Refuses a held-out fold the task's fold column does not have (a typo such as {@code --fold 9} would otherwise
     * train on every sample and test on none), before any graph is built.
     */
    static void checkFolds(TaskData task, TrainingData.Protocol protocol, List<Integer> folds) {
        SortedSet<Integer> present = new TreeSet<>();
        for (TaskSample s : task.samples()) {
            int f = protocol == TrainingData.Protocol.FULL ? s.sourceFold() : s.publicFold();
            if (f >= 0) {
                present.add(f);
            }
        }
        for (int fold : folds) {
            if (fold != -1 && !present.contains(fold)) {
                throw new IllegalArgumentException("fold " + fold + " is not a fold of " + task.task().key()
                        + " (protocol " + protocol + ": folds " + present + ", or -1 for all)");
            }
        }
    }

    /** Metrics of every fold directory that has a best checkpoint. */
    static Map<String, Map<String, Double>> collectAll(Path out) {
        Map<String, Map<String, Double>> all = new LinkedHashMap<>();
        try (var dirs = Files.list(out)) {
            for (Path d : dirs.sorted().toList()) {
                if (Checkpoint.exists(d.resolve("best"))) {
                    all.put(d.getFileName().toString(), Checkpoint.readInfo(d.resolve("best")).metrics());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    private static void writeSummary(Path out, TaskData task, TrainingOptions options, TrainingData.Protocol protocol,
            Map<String, Map<String, Double>> folds) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("task", task.task().key());
        summary.put("label", task.task().label());
        summary.put("unit", task.task().unit());
        summary.put("protocol", protocol.name());
        summary.put("options", options);
        summary.put("folds", folds);
        List<Double> maes = new ArrayList<>();
        List<Double> baselines = new ArrayList<>();
        folds.values().forEach(m -> {
            if (m.containsKey("test_mae")) {
                maes.add(m.get("test_mae"));
                baselines.add(m.get("test_mad_baseline"));
            }
        });
        if (!maes.isEmpty()) {
            summary.put("mean_test_mae", maes.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN));
            summary.put("mean_mad_baseline", baselines.stream().mapToDouble(Double::doubleValue).average()
                    .orElse(Double.NaN));
        }
        try {
            Checkpoint.json().writeValue(out.resolve("results.json").toFile(), summary);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Prints and appends to a log file. */
    static Consumer<String> tee(Consumer<String> console, Path file) {
        return line -> {
            String stamped = java.time.LocalDateTime.now().withNano(0) + " " + line;
            console.accept(stamped);
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, stamped + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /** The source commit (git rev-parse HEAD in the project root), or "unknown". */
    public static String gitCommit() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "HEAD").directory(DataPaths.projectRoot().toFile())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor() == 0 && out.matches("[0-9a-f]{40}") ? out : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}

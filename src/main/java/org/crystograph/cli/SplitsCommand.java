package org.crystograph.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.crystograph.benchmark.KFoldSplit;
import org.crystograph.benchmark.TaskCatalog;
import org.crystograph.benchmark.TaskData;
import org.crystograph.benchmark.TaskDataException;
import org.crystograph.benchmark.TaskDataReader;
import org.crystograph.benchmark.TaskDefinition;
import org.crystograph.benchmark.TaskSample;
import org.crystograph.config.DataPaths;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code crystograph splits --n N [--folds 5] [--seed 42]}: prints the UnconvBench / scikit-learn shuffled KFold split
 * of {@code range(N)} as {@code {"order": [...], "fold_sizes": [...], "test": [[...], ...]}}.
 *
 * <p>{@code crystograph splits --task KEY [--full]}: prints the split file of a task in the layout of the
 * unconvbench package's {@code metadata_validation.json} (sample ids per fold, train and test), over the public rows
 * (plus a {@code hidden} id list for tasks with a hidden track), or with {@code --full} over every labelled row with
 * the full-data folds.
 */
@Command(name = "splits", mixinStandardHelpOptions = true,
        description = "Print KFold(folds, shuffle=True, random_state=seed) over range(N), or a task's split file, "
                + "as JSON.")
public final class SplitsCommand implements Callable<Integer> {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--n", description = "Number of rows N.")
        Integer n;

        @Option(names = "--task", description = "Task key from unconvbench/tasks.yaml.")
        String task;
    }

    @Option(names = "--folds", defaultValue = "5", description = "Number of folds (default ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--seed", defaultValue = "42", description = "Shuffle seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--full", description = "With --task: full-data folds over every labelled row (no hidden track).")
    boolean full;

    @Option(names = "--official-dir", description = "With --task: directory of the official ub_<task>.json files.")
    Path officialDir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Object out = target.n != null ? range(target.n) : task(target.task);
        spec.commandLine().getOut().println(new ObjectMapper().writeValueAsString(out));
        spec.commandLine().getOut().flush();
        return 0;
    }

    private Map<String, Object> range(int n) {
        KFoldSplit split;
        try {
            split = KFoldSplit.of(n, folds, seed);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("order", split.order());
        out.put("fold_sizes", split.foldSizes());
        out.put("test", split.test());
        return out;
    }

    private Map<String, Object> task(String key) {
        TaskCatalog catalog = TaskCatalog.loadDefault();
        TaskDefinition def = catalog.find(key).orElseThrow(() -> new CommandLine.ParameterException(
                spec.commandLine(), "unknown task " + key + "; known: "
                + catalog.tasks().stream().map(TaskDefinition::key).toList()));
        TaskDataReader reader = new TaskDataReader(catalog, DataPaths.dataDirectory(), Optional.ofNullable(officialDir));
        if (!reader.available(def)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "data of task " + key
                    + " not found (datasets: CRYSTOGRAPH_DATA_DIR; official files: --official-dir)");
        }
        TaskData data;
        try {
            data = reader.read(def);
        } catch (TaskDataException e) {
            throw new CommandLine.ExecutionException(spec.commandLine(), e.getMessage(), e);
        }
        Map<String, Object> splits = new LinkedHashMap<>();
        for (int k = 0; k < catalog.folds(); k++) {
            List<String> train = new ArrayList<>();
            List<String> test = new ArrayList<>();
            for (TaskSample s : data.samples()) {
                int fold = full ? s.sourceFold() : s.publicFold();
                if (fold == TaskSample.HIDDEN) {
                    continue;
                }
                (fold == k ? test : train).add(s.sampleId());
            }
            splits.put("fold_" + k, Map.of("train", train, "test", test));
        }
        if (!full && !data.hiddenSamples().isEmpty()) {
            splits.put("hidden", data.hiddenSamples().stream().map(TaskSample::sampleId).toList());
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("n_split", catalog.folds());
        meta.put("random_state", catalog.foldSeed());
        meta.put("shuffle", true);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("metadata", meta);
        out.put("splits", Map.of(key, splits));
        return out;
    }
}

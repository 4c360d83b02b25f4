package org.crystograph.benchmark;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.crystograph.config.DataPaths;

/**
 * The UnconvBench task catalogue ({@code unconvbench/tasks.yaml}): task definitions, the fold protocol and the
 * upstream presets. Pure: no CDI, no database.
 */
public final class TaskCatalog {

    /** Location of the catalogue relative to the project root, and on the classpath. */
    public static final String RELATIVE_PATH = "unconvbench/tasks.yaml";

    /** Name of the task set made of every LOCAL task. */
    public static final String LOCAL_SET = "local";

    private final String version;
    private final int folds;
    private final long foldSeed;
    private final Map<String, TaskDefinition> tasks;
    private final Map<String, List<String>> presets;

    private TaskCatalog(File file) {
        if (file.folds < 2) {
            throw new IllegalArgumentException("folds must be at least 2, got " + file.folds);
        }
        this.version = file.version;
        this.folds = file.folds;
        this.foldSeed = file.foldSeed;
        Map<String, TaskDefinition> byKey = new LinkedHashMap<>();
        for (TaskDefinition t : file.tasks) {
            if (byKey.put(t.key(), t) != null) {
                throw new IllegalArgumentException("duplicate task key " + t.key());
            }
            if (!t.testFoldSizes().isEmpty() && t.testFoldSizes().size() != folds) {
                throw new IllegalArgumentException("task " + t.key() + " lists " + t.testFoldSizes().size()
                        + " test-fold sizes, expected " + folds);
            }
        }
        Map<String, List<String>> sets = new LinkedHashMap<>();
        if (file.presets != null) {
            file.presets.forEach((name, keys) -> {
                for (String k : keys) {
                    if (!byKey.containsKey(k)) {
                        throw new IllegalArgumentException("preset " + name + " names unknown task " + k);
                    }
                }
                sets.put(name, List.copyOf(keys));
            });
        }
        this.tasks = java.util.Collections.unmodifiableMap(byKey);
        this.presets = java.util.Collections.unmodifiableMap(sets);
    }

    /** Reads a catalogue from YAML (or JSON) text. Unknown keys are rejected. */
    public static TaskCatalog read(InputStream in) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        return new TaskCatalog(yaml.readValue(in, File.class));
    }

    /** Reads a catalogue file. */
    public static TaskCatalog load(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read task catalogue " + path, e);
        }
    }

    /**
     * The default catalogue: {@code unconvbench/tasks.yaml} under the project root when present, else the copy
     * packaged on the classpath.
     */
    public static TaskCatalog loadDefault() {
        Path file = DataPaths.projectRoot().resolve(RELATIVE_PATH);
        if (Files.isRegularFile(file)) {
            return load(file);
        }
        try (InputStream in = TaskCatalog.class.getClassLoader().getResourceAsStream(RELATIVE_PATH)) {
            if (in == null) {
                throw new IllegalStateException("no task catalogue at " + RELATIVE_PATH + " nor on the classpath");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the packaged task catalogue", e);
        }
    }

    /** Benchmark version of the official tasks. */
    public String version() {
        return version;
    }

    /** Number of cross-validation folds (5). */
    public int folds() {
        return folds;
    }

    /** KFold shuffle seed (42). */
    public long foldSeed() {
        return foldSeed;
    }

    /** All tasks in catalogue order. */
    public List<TaskDefinition> tasks() {
        return List.copyOf(tasks.values());
    }

    /** The task with this key, if any. */
    public Optional<TaskDefinition> find(String key) {
        return Optional.ofNullable(tasks.get(key));
    }

    /** The task with this key; throws {@link IllegalArgumentException} naming the known keys otherwise. */
    public TaskDefinition require(String key) {
        TaskDefinition t = tasks.get(key);
        if (t == null) {
            throw new IllegalArgumentException("unknown task " + key + "; known: " + tasks.keySet());
        }
        return t;
    }

    /** Task sets by name: the upstream presets plus {@code local}. */
    public Map<String, List<String>> presets() {
        return presets;
    }

    /** Plain holder for the YAML document. */
    static final class File {
        public String version;
        public int folds = 5;
        @JsonProperty("fold_seed")
        public long foldSeed = 42;
        public String metric;
        public List<TaskDefinition> tasks = List.of();
        public Map<String, List<String>> presets;
    }
}

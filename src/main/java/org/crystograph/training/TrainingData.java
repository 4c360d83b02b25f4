package org.crystograph.training;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.crystograph.benchmark.TaskData;
import org.crystograph.benchmark.TaskSample;
import org.crystograph.graph.CrystalGraph;
import org.crystograph.graph.GraphBuilder;
import org.crystograph.structure.ReadOptions;
import org.crystograph.structure.Structure;
import org.crystograph.structure.StructureException;
import org.crystograph.structure.io.StructureReaders;

/**
 * The labelled graphs of a task: structures read straight from the task's zip (or folder), graphs built once and
 * cached in a file whose key covers the label file, the structure archive and the graph settings. The graphs are kept
 * compact (without their line-edge features, which are 80% of a graph's memory: 17 KB per site, 15 GB for the CoRE
 * MOF set); {@link GraphBuilder#withLineFeatures} restores them batch by batch.
 *
 * @param graphs usable samples in file order
 * @param skipped samples whose structure could not be read or built (id -> reason)
 * @param dataSha256 SHA-256 over the label file hash, the structure archive and the graph settings
 */
public record TrainingData(List<LabelledGraph> graphs, Map<String, String> skipped, String dataSha256) {

    /** How folds are assigned. */
    public enum Protocol {
        /** The full-data 5-fold column of the file (e.g. {@code fold5_seed42}), all labelled rows. */
        FULL,
        /** The public cross-validation track of the benchmark (hidden-track rows excluded). */
        PUBLIC
    }

    /**
     * Loads the task's graphs, from the cache file when it matches, else by building them (in parallel).
     *
     * @param cacheFile where the built graphs are kept
     * @param log progress messages
     */
    public static TrainingData load(TaskData task, Protocol protocol, GraphBuilder builder, Path cacheFile,
            java.util.function.Consumer<String> log) {
        String key = sha256(task.sha256() + "|" + fileDigest(task.structureSource()) + "|"
                + builder.settings().toString());
        Map<String, CrystalGraph> cached = GraphCache.read(cacheFile, key);
        Map<String, String> skipped = new LinkedHashMap<>();
        List<TaskSample> samples = task.samples();
        if (cached == null) {
            long start = System.nanoTime();
            cached = build(task, samples, builder, skipped);
            GraphCache.write(cacheFile, key, cached);
            log.accept(String.format("built %d graphs in %.1f s (%d skipped), cached in %s", cached.size(),
                    (System.nanoTime() - start) / 1e9, skipped.size(), cacheFile));
        } else {
            log.accept("loaded " + cached.size() + " graphs from " + cacheFile);
        }
        List<LabelledGraph> graphs = new ArrayList<>();
        for (TaskSample s : samples) {
            CrystalGraph g = cached.get(s.sampleId());
            if (g == null) {
                skipped.putIfAbsent(s.sampleId(), "not built (see the first run's log)");
                continue;
            }
            int fold = protocol == Protocol.FULL ? s.sourceFold() : s.publicFold();
            graphs.add(new LabelledGraph(s.sampleId(), g, s.label(), fold));
        }
        return new TrainingData(List.copyOf(graphs), Map.copyOf(skipped), key);
    }

    private static Map<String, CrystalGraph> build(TaskData task, List<TaskSample> samples, GraphBuilder builder,
            Map<String, String> skipped) {
        Path source = task.structureSource();
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        Map<String, CrystalGraph> out = new LinkedHashMap<>();
        try (ZipFile zip = Files.isRegularFile(source) ? new ZipFile(source.toFile()) : null) {
            List<Future<CrystalGraph>> futures = new ArrayList<>();
            for (TaskSample s : samples) {
                futures.add(pool.submit(() -> builder.build(readStructure(zip, source, s.structureFile())).compact()));
            }
            for (int i = 0; i < samples.size(); i++) {
                try {
                    out.put(samples.get(i).sampleId(), futures.get(i).get());
                } catch (java.util.concurrent.ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof StructureException || cause instanceof UncheckedIOException
                            || cause instanceof IllegalArgumentException) {
                        skipped.put(samples.get(i).sampleId(), cause.getMessage());
                    } else {
                        throw new IllegalStateException("graph of " + samples.get(i).sampleId() + " failed", cause);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + source, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building graphs", e);
        } finally {
            pool.shutdownNow();
        }
        return out;
    }

    /** Reads one structure from the zip (or the folder) by file name. */
    static Structure readStructure(ZipFile zip, Path source, String file) {
        if (zip != null) {
            ZipEntry entry = zip.getEntry(file);
            if (entry == null) {
                throw StructureException.invalid("no entry " + file + " in " + source.getFileName());
            }
            return StructureReaders.readZipEntry(zip, entry, Optional.empty(), ReadOptions.defaults()).get(0)
                    .structure();
        }
        return StructureReaders.read(source.resolve(file)).get(0).structure();
    }

    /** Samples of one fold. */
    public List<LabelledGraph> fold(int k) {
        return graphs.stream().filter(g -> g.fold() == k).toList();
    }

    /** Samples of every fold except k (hidden-track samples, fold -1, excluded). */
    public List<LabelledGraph> allBut(int k) {
        return graphs.stream().filter(g -> g.fold() != k && g.fold() >= 0).toList();
    }

    /** SHA-256 (hex) of a text. */
    public static String sha256(String text) {
        return HexFormat.of().formatHex(digest().digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** SHA-256 (hex) of a file, or of a folder's file names and sizes. */
    static String fileDigest(Path path) {
        try {
            if (Files.isDirectory(path)) {
                StringBuilder sb = new StringBuilder();
                try (var files = Files.list(path)) {
                    for (Path p : files.sorted().toList()) {
                        sb.append(p.getFileName()).append(':').append(Files.size(p)).append('\n');
                    }
                }
                return sha256(sb.toString());
            }
            MessageDigest md = digest();
            try (InputStream in = Files.newInputStream(path)) {
                byte[] buf = new byte[1 << 16];
                int r;
                while ((r = in.read(buf)) > 0) {
                    md.update(buf, 0, r);
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hash " + path, e);
        }
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

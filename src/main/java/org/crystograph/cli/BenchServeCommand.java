package org.crystograph.cli;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.crystograph.config.DataPaths;
import org.crystograph.graph.CrystalGraph;
import org.crystograph.graph.GraphBuilder;
import org.crystograph.inference.BatchingSettings;
import org.crystograph.inference.BundledModels;
import org.crystograph.inference.CheckpointBackend;
import org.crystograph.inference.CheckpointModel;
import org.crystograph.inference.DjlCheckpointBackend;
import org.crystograph.inference.EnsemblePredictor;
import org.crystograph.inference.GraphRegressor;
import org.crystograph.inference.InferenceEngine;
import org.crystograph.inference.ThreadLayout;
import org.crystograph.model.Checkpoint;
import org.crystograph.model.DeviceChoice;
import org.crystograph.model.FlopCount;
import org.crystograph.model.GraphBatch;
import org.crystograph.structure.Structure;
import org.crystograph.training.ModelBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code crystograph bench serve}: throughput and latency of the prediction service under 1/4/16/64 concurrent
 * clients sending 50-atom CIFs, with dynamic batching on and off, next to the offline batched throughput and the
 * bare single-structure forward time of the same model measured in the same command. It also times a large matrix
 * product on every worker at once and compares it with the bare forward's FLOP rate: a forward pass cannot run
 * faster than that product, so the ratio bounds what batching can gain over batch size 1 on the machine.
 *
 * <p>Each batching mode runs in its own service process (the application jar, started here on a free port with its own
 * embedded database), or in a service already running at {@code --url} (then only its configuration is measured). The
 * offline part runs first, in this process, while no service is running.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Load-test the prediction service (batching on/off) against the offline batched throughput.")
public final class BenchServeCommand implements Callable<Integer> {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(10);
    private static final long SEED = 20261127L;
    private static final int DISTINCT_CELLS = 64;
    /** Clients of the unmeasured load before a service's first level: enough to exercise batching too. */
    private static final int SERVICE_WARM_UP_CLIENTS = 4;
    /** Timed single-structure calls for the bare forward time: enough for a p99 that is not just the maximum. */
    private static final int BARE_FORWARD_CALLS = 100;
    /** Untimed calls before them, so that the timed ones run on warm code and warm allocator caches. */
    private static final int BARE_FORWARD_WARM_UP_CALLS = 10;
    /** Seconds of the large matrix product that bounds what batching can gain. */
    private static final double REFERENCE_SECONDS = 3;

    @Option(names = "--url", description = "Base URL of a running service (default: start one per batching mode).")
    URI url;

    @Option(names = "--model", description = "Model directory (checkpoint or ensemble; default: the bundled model).")
    Path model;

    @Option(names = "--clients", split = ",", defaultValue = "1,4,16,64",
            description = "Concurrent client counts (default: ${DEFAULT-VALUE}).")
    int[] clients;

    @Option(names = "--atoms", defaultValue = "50", description = "Atoms per cell, a multiple of 10 (default: ${DEFAULT-VALUE}).")
    int atoms;

    @Option(names = "--max-batch-size", defaultValue = "32",
            description = "Batch size with batching on, and of the offline run (default: ${DEFAULT-VALUE}).")
    int maxBatchSize;

    @Option(names = "--max-batch-sites", defaultValue = "4096",
            description = "Most sites per forward pass with batching on, and in the offline run (default: "
                    + "${DEFAULT-VALUE}, the service's default).")
    int maxBatchSites;

    @Option(names = "--max-delay-ms", defaultValue = "5", description = "Batching delay (default: ${DEFAULT-VALUE}).")
    int maxDelayMs;

    @Option(names = "--seconds", defaultValue = "20", description = "Measured seconds per level (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--warm-up-seconds", defaultValue = "5", description = "Unmeasured seconds per level (default: ${DEFAULT-VALUE}).")
    int warmUpSeconds;

    @Option(names = "--service-warm-up-seconds", defaultValue = "15", description = "Unmeasured load on each "
            + "service before its first level, so that no level is measured while the JIT still compiles the service's "
            + "or this load generator's code (default: ${DEFAULT-VALUE}).")
    int serviceWarmUpSeconds;

    @Option(names = "--offline-seconds", defaultValue = "20",
            description = "Seconds of the offline batched run (default: ${DEFAULT-VALUE}).")
    int offlineSeconds;

    @Option(names = "--modes", split = ",", defaultValue = "on,off",
            description = "Batching modes to run when starting services: on, off (default: ${DEFAULT-VALUE}).")
    List<String> modes;

    @Option(names = "--spread-ensemble", arity = "1", split = ",", defaultValue = "true", description = "Whether the services "
            + "offer an ensemble's checkpoints to other workers while no request waits; true,false runs every mode "
            + "both ways (default: ${DEFAULT-VALUE}, as the service).")
    List<Boolean> spreadEnsemble;

    @Option(names = "--device", defaultValue = "cpu", description = "cpu or gpu (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--workers", defaultValue = "0", description = "Workers per model, in the services and the "
            + "offline run (default: 0, as the service: one per core on a CPU).")
    int workers;

    @Option(names = "--intra-op-threads", defaultValue = "0", description = "libtorch threads per forward pass "
            + "(default: 0, as the service: the cores divided among the workers).")
    int intraOpThreads;

    /** One row of the results; batching and spread are null for a running service of unknown configuration. */
    private record Row(String mode, Boolean batching, Boolean spread, LoadGenerator.Result result) {
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        List<Structure> cells = BenchCells.perovskites(atoms, DISTINCT_CELLS, SEED);
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            bodies.add(BenchCells.cif(cells.get(i), "bench" + i));
        }
        out.printf(Locale.ROOT, "# bench serve  %s  %d cores  %d-atom SrTiO3 cells, %d distinct%n", LocalDate.now(),
                Runtime.getRuntime().availableProcessors(), atoms, cells.size());

        ThreadLayout layout = ThreadLayout.resolve(workers, intraOpThreads, device);
        layout.applyToEngine();
        out.printf(Locale.ROOT, "# %s on %s, in the services and offline%n", layout, device);
        Path modelDir = model != null ? model : bundledModel();
        Offline offline = offline(modelDir, cells, layout, out);

        List<Row> rows = new ArrayList<>();
        if (url != null) {
            rows.addAll(levels("running", null, null, url, bodies, out));
        } else {
            for (boolean spread : spreadEnsemble) {
                for (String mode : modes) {
                    boolean on = mode.equalsIgnoreCase("on");
                    int batch = on ? maxBatchSize : 1;
                    int delay = on ? maxDelayMs : 0;
                    String name = (on ? "batching on (" + batch + ", " + delay + " ms)" : "batching off (1)")
                            + (spread ? "" : ", not spread");
                    try (ServiceProcess service = ServiceProcess.start(modelDir, model == null, batch, maxBatchSites,
                            delay, spread, device, layout)) {
                        rows.addAll(levels(name, on, spread, service.base, bodies, out));
                    }
                }
            }
        }
        report(rows, offline, out);
        return 0;
    }

    /**
     * The offline numbers: batched throughput, bare forward time, the forward FLOPs of one structure (all
     * checkpoints) and the rate of a large matrix product per worker, all workers running it at once.
     */
    private record Offline(double batchedPerSecond, double forwardMedianMillis, double forwardP99Millis,
            int checkpoints, double flopsPerStructure, double referenceGflopsPerWorker, double[] spreadMillis) {

        /** GFLOP/s of the bare batch-1 forward on one worker. */
        double forwardGflops() {
            return flopsPerStructure / forwardMedianMillis / 1e6;
        }
    }

    private Offline offline(Path modelDir, List<Structure> cells, ThreadLayout layout, PrintStream out)
            throws InterruptedException {
        CheckpointBackend backend = new DjlCheckpointBackend();
        List<Path> dirs = CheckpointModel.memberDirectories(modelDir);
        List<CheckpointBackend.Checkpoint> cps = dirs.stream().map(d -> backend.read(d, device)).toList();
        GraphBuilder builder = new GraphBuilder(cps.get(0).graphSettings());
        List<CrystalGraph> graphs = cells.stream().map(builder::build).toList();
        List<GraphRegressor.Factory> factories = cps.stream().map(CheckpointBackend.Checkpoint::factory).toList();
        double[] single = new double[BARE_FORWARD_CALLS];
        try (EnsemblePredictor p = EnsemblePredictor.open(factories)) {
            for (int i = 0; i < BARE_FORWARD_WARM_UP_CALLS; i++) {
                p.predict(graphs.subList(0, 1));
            }
            for (int i = 0; i < single.length; i++) {
                long t0 = System.nanoTime();
                p.predict(graphs.subList(i % graphs.size(), i % graphs.size() + 1));
                single[i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        Arrays.sort(single);
        double[] spread = cps.size() > 1 && layout.workers() > 1 ? loneRequestsSpread(factories, graphs, layout) : null;
        double perSecond = offlineBatched(factories, graphs, layout.workers());
        double flops = 0;
        for (Path dir : dirs) {
            flops += FlopCount.forward(Checkpoint.readInfo(dir).config(), List.of(graphs.get(0).numSites()),
                    graphs.get(0).k());
        }
        DeviceChoice deviceChoice = device.startsWith("gpu") ? DeviceChoice.GPU : DeviceChoice.CPU;
        ModelBenchmark.Measurement reference = ModelBenchmark.matmul(deviceChoice, REFERENCE_SECONDS, layout,
                BenchModelCommand.MATMUL_M, BenchModelCommand.MATMUL_K, BenchModelCommand.MATMUL_N);
        Offline o = new Offline(perSecond, quantile(single, 0.5), quantile(single, 0.99), cps.size(), flops,
                reference.gflops() / layout.workers(), spread);
        out.printf(Locale.ROOT, "offline (%d checkpoint(s), model forward only, %d worker(s)): batches of up to %d "
                + "structures and %d sites: %.2f structures/s; batch 1 forward median %.1f ms, p99 %.1f ms%n",
                o.checkpoints, layout.workers(), maxBatchSize, maxBatchSites, o.batchedPerSecond,
                o.forwardMedianMillis, o.forwardP99Millis);
        if (spread != null) {
            out.printf(Locale.ROOT, "offline lone requests through the engine, checkpoints spread over %d workers: "
                    + "median %.1f ms, p99 %.1f ms%n", layout.workers(), quantile(spread, 0.5), quantile(spread, 0.99));
        }
        return o;
    }

    /**
     * Latencies (ms, sorted) of single requests submitted one after another to an {@link InferenceEngine} with the
     * service's workers and the ensemble spread over them: what the service's 1-client latency would be without HTTP,
     * parsing and graph building.
     */
    private double[] loneRequestsSpread(List<GraphRegressor.Factory> factories, List<CrystalGraph> graphs,
            ThreadLayout layout) throws InterruptedException {
        BatchingSettings settings = new BatchingSettings(maxBatchSize, Duration.ofMillis(maxDelayMs), maxBatchSites,
                BARE_FORWARD_CALLS, layout.workers(), Duration.ofSeconds(1), true);
        double[] millis = new double[BARE_FORWARD_CALLS];
        try (InferenceEngine engine = new InferenceEngine("bench", factories, settings, new SimpleMeterRegistry())) {
            engine.awaitOpen(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            for (int i = -BARE_FORWARD_WARM_UP_CALLS; i < millis.length; i++) {
                CrystalGraph g = graphs.get(Math.floorMod(i, graphs.size()));
                long t0 = System.nanoTime();
                engine.submit(g).get(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                if (i >= 0) {
                    millis[i] = (System.nanoTime() - t0) / 1e6;
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("offline engine run failed: " + e.getMessage(), e);
        }
        Arrays.sort(millis);
        return millis;
    }

    /** The q-quantile of sorted values (nearest rank). */
    private static double quantile(double[] sorted, double q) {
        return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
    }

    /**
     * Structures per second of {@code workers} threads, each with its own predictors, running batches filled as the
     * service fills them (up to maxBatchSize structures and maxBatchSites sites) for offlineSeconds.
     */
    private double offlineBatched(List<GraphRegressor.Factory> factories, List<CrystalGraph> graphs, int workers)
            throws InterruptedException {
        AtomicLong done = new AtomicLong();
        AtomicLong startNanos = new AtomicLong();
        CyclicBarrier warm = new CyclicBarrier(workers, () -> startNanos.set(System.nanoTime()));
        List<Thread> threads = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int w = 0; w < workers; w++) {
            int offset = w * graphs.size() / workers;
            Thread t = new Thread(() -> {
                try (EnsemblePredictor p = EnsemblePredictor.open(factories)) {
                    for (int i = 0; i < 3; i++) {
                        p.predict(nextBatch(graphs, i));
                    }
                    warm.await();
                    long end = startNanos.get() + TimeUnit.SECONDS.toNanos(offlineSeconds);
                    int next = offset;
                    while (System.nanoTime() < end) {
                        List<CrystalGraph> batch = nextBatch(graphs, next);
                        p.predict(batch);
                        next += batch.size();
                        done.addAndGet(batch.size());
                    }
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                    warm.reset();
                }
            }, "offline-" + w);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("offline run failed: " + failure.get().getMessage(), failure.get());
        }
        return done.get() / ((System.nanoTime() - startNanos.get()) / 1e9);
    }

    /** The batch starting at graph {@code from} (cyclically), filled as the service fills one. */
    private List<CrystalGraph> nextBatch(List<CrystalGraph> graphs, int from) {
        int end = GraphBatch.batchEnd(i -> graphs.get(i % graphs.size()).numSites(), from, from + maxBatchSize,
                maxBatchSize, maxBatchSites);
        List<CrystalGraph> batch = new ArrayList<>(end - from);
        for (int i = from; i < end; i++) {
            batch.add(graphs.get(i % graphs.size()));
        }
        return batch;
    }

    private List<Row> levels(String mode, Boolean batching, Boolean spread, URI base, List<String> bodies,
            PrintStream out) throws InterruptedException {
        LoadGenerator gen = new LoadGenerator(base.resolve("/v1/predictions"), "chemical/x-cif", bodies);
        if (serviceWarmUpSeconds > 0) {
            gen.run(SERVICE_WARM_UP_CLIENTS, Duration.ZERO, Duration.ofSeconds(serviceWarmUpSeconds));
        }
        List<Row> rows = new ArrayList<>();
        for (int c : clients) {
            LoadGenerator.Result r = gen.run(c, Duration.ofSeconds(warmUpSeconds), Duration.ofSeconds(seconds));
            out.printf(Locale.ROOT, "%s  clients %3d: %.2f structures/s  p50 %.1f ms  p99 %.1f ms  (%d ok, %d failed)%n",
                    mode, c, r.throughput(), r.quantileMillis(0.5), r.quantileMillis(0.99), r.completed(),
                    r.failed());
            rows.add(new Row(mode, batching, spread, r));
        }
        return rows;
    }

    private void report(List<Row> rows, Offline offline, PrintStream out) {
        out.println();
        out.println("| mode | clients | structures/s | p50 ms | p99 ms | failed |");
        out.println("|---|---:|---:|---:|---:|---:|");
        for (Row r : rows) {
            out.printf(Locale.ROOT, "| %s | %d | %.2f | %.0f | %.0f | %d |%n", r.mode, r.result.clients(),
                    r.result.throughput(), r.result.quantileMillis(0.5), r.result.quantileMillis(0.99),
                    r.result.failed());
        }
        out.printf(Locale.ROOT, "| offline, batches <= %d structures, <= %d sites | - | %.2f | - | - | - |%n",
                maxBatchSize, maxBatchSites, offline.batchedPerSecond);
        out.printf(Locale.ROOT, "| offline, batch 1 (bare forward) | - | %.2f | %.0f | %.0f | - |%n",
                1000 / offline.forwardMedianMillis, offline.forwardMedianMillis, offline.forwardP99Millis);
        out.println();
        for (Row r : rows) {
            out.printf(Locale.ROOT, "%s, %d clients: %.0f%% of offline batched throughput%n", r.mode,
                    r.result.clients(), 100 * r.result.throughput() / offline.batchedPerSecond);
        }
        for (Row on : rows) {
            for (Row off : rows) {
                if (Boolean.TRUE.equals(on.batching) && Boolean.FALSE.equals(off.batching)
                        && on.spread.equals(off.spread) && on.result.clients() == off.result.clients()) {
                    out.printf(Locale.ROOT, "batching on / off at %d clients%s: %.2fx%n", on.result.clients(),
                            on.spread ? "" : ", not spread", on.result.throughput() / off.result.throughput());
                }
            }
        }
        out.printf(Locale.ROOT, "bound: the bare batch-1 forward does %.2f GFLOP per structure at %.1f GFLOP/s on "
                + "one worker, and a large matrix product runs at %.1f GFLOP/s per worker, so batching can raise "
                + "throughput over batch 1 by at most %.2fx on this machine%n", offline.flopsPerStructure / 1e9,
                offline.forwardGflops(), offline.referenceGflopsPerWorker,
                offline.referenceGflopsPerWorker / offline.forwardGflops());
        for (Row r : rows) {
            if (r.result.clients() == 1) {
                out.printf(Locale.ROOT, "%s, 1 client: p99 %.0f ms = %.2fx the bare forward median (%.0f ms)%n",
                        r.mode, r.result.quantileMillis(0.99),
                        r.result.quantileMillis(0.99) / offline.forwardMedianMillis, offline.forwardMedianMillis);
                if (offline.spreadMillis != null && !Boolean.FALSE.equals(r.spread)) {
                    double median = quantile(offline.spreadMillis, 0.5);
                    out.printf(Locale.ROOT, "%s, 1 client: p99 = %.2fx the median of lone requests through the "
                            + "engine, spread (%.0f ms)%n", r.mode, r.result.quantileMillis(0.99) / median, median);
                }
            }
        }
    }

    private static Path bundledModel() {
        List<Path> bundled = new BundledModels().directories();
        if (bundled.isEmpty()) {
            throw new IllegalStateException("no bundled model; pass --model DIR");
        }
        return bundled.get(0);
    }
}

package org.crystograph.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.crystograph.graph.CrystalGraph;
import org.crystograph.inference.ThreadLayout;
import org.crystograph.model.AtomDescriptors;
import org.crystograph.model.CrysToGraphBlock;
import org.crystograph.model.CrysToGraphConfig;
import org.crystograph.model.DeviceChoice;
import org.crystograph.model.FlopCount;
import org.crystograph.model.GraphBatch;

/**
 * Speed of the network on given graphs: forward (evaluation mode) at batch 32 and batch 1, and a training step at
 * batch 32 (forward, MSE backward, AdamW, the next batch collated on another thread as a training run does), with
 * achieved GFLOP/s from {@link FlopCount}; optionally on several workers at once, the way the service (and
 * side-by-side training runs) use the cores.
 */
public final class ModelBenchmark {

    /**
     * One measurement, summed over the workers that ran it side by side.
     *
     * @param name what was timed
     * @param batchSize crystals per call (for the matrix-product reference: rows of its left matrix)
     * @param workers threads that ran the measurement at the same time, each with its own copy of the network
     * @param calls timed calls of all workers
     * @param atoms atoms processed in the timed calls
     * @param seconds wall time of the timed calls (the slowest worker's)
     * @param flops analytic FLOPs of the timed calls
     */
    public record Measurement(String name, int batchSize, int workers, int calls, long atoms, double seconds,
            double flops) {

        /** Atoms per second, all workers together. */
        public double atomsPerSecond() {
            return atoms / seconds;
        }

        /** Achieved GFLOP/s, all workers together. */
        public double gflops() {
            return flops / seconds / 1e9;
        }

        /** Milliseconds per call of one worker. */
        public double msPerCall() {
            return 1000 * seconds * workers / calls;
        }

        /** The measurements of workers that ran at the same time, as one. */
        static Measurement combine(List<Measurement> parts) {
            Measurement first = parts.get(0);
            int calls = 0;
            long atoms = 0;
            double seconds = 0;
            double flops = 0;
            for (Measurement m : parts) {
                calls += m.calls;
                atoms += m.atoms;
                seconds = Math.max(seconds, m.seconds);
                flops += m.flops;
            }
            return new Measurement(first.name, first.batchSize, parts.size(), calls, atoms, seconds, flops);
        }
    }

    private ModelBenchmark() {
    }

    /**
     * Runs the measurements, each for about {@code secondsEach} after one warm-up call per shape, on the layout's
     * workers at once (each with its own copy of the network, as the service's workers have) and with its libtorch
     * threads per worker. The training step is measured only when there is one worker: DJL allows one gradient
     * collector per process.
     *
     * @param graphs structures to cycle through (at least 32 recommended)
     */
    public static List<Measurement> run(CrysToGraphConfig config, AtomDescriptors descriptors,
            List<CrystalGraph> graphs, DeviceChoice device, double secondsEach, ThreadLayout layout) {
        ai.djl.Device dev = device.resolve();
        layout.applyToEngine();
        int workers = layout.workers();
        List<NDManager> managers = new ArrayList<>();
        List<CrysToGraphBlock> blocks = new ArrayList<>();
        try {
            for (int w = 0; w < workers; w++) {
                NDManager manager = NDManager.newBaseManager(dev);
                managers.add(manager);
                Engine.getInstance().setRandomSeed(1);
                CrysToGraphBlock block = new CrysToGraphBlock(config);
                block.initialize(manager, DataType.FLOAT32);
                blocks.add(block);
            }
            List<Measurement> results = new ArrayList<>();
            results.add(sideBySide(workers, w -> forward(blocks.get(w), managers.get(w), descriptors, graphs, w, 32,
                    secondsEach, config)));
            results.add(sideBySide(workers, w -> forward(blocks.get(w), managers.get(w), descriptors, graphs, w, 1,
                    secondsEach, config)));
            if (workers == 1) { // DJL allows one gradient collector per process: side-by-side training needs processes
                results.add(train(blocks.get(0), managers.get(0), descriptors, graphs, 0, 32, secondsEach, config));
            }
            return results;
        } finally {
            managers.forEach(NDManager::close);
        }
    }

    /**
     * The baseline the model is judged against, measured in the same process with the same thread layout: a
     * single-precision product of an [m, k] and a [k, n] matrix, repeated for about {@code secondsEach} on every
     * worker at once. With large sizes it shows how much of the nominal ceiling libtorch's matrix multiply reaches on
     * this machine at this moment.
     */
    public static Measurement matmul(DeviceChoice device, double secondsEach, ThreadLayout layout, int m, int k,
            int n) {
        ai.djl.Device dev = device.resolve();
        layout.applyToEngine();
        return sideBySide(layout.workers(), w -> {
            try (NDManager manager = NDManager.newBaseManager(dev)) {
                NDArray a = manager.randomUniform(-1, 1, new Shape(m, k));
                NDArray b = manager.randomUniform(-1, 1, new Shape(k, n));
                a.matMul(b).close();
                int calls = 0;
                long start = System.nanoTime();
                while ((System.nanoTime() - start) / 1e9 < secondsEach || calls < 3) {
                    try (NDArray c = a.matMul(b)) {
                        c.getFloat(0, 0); // on a GPU, waits for the product
                    }
                    calls++;
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                return new Measurement("matmul", m, 1, calls, 0, seconds, 2.0 * m * k * n * calls);
            }
        });
    }

    /**
     * Runs one measurement on every worker at the same time, each on its own thread, and combines them. A single
     * worker runs on the calling thread, as a training run does.
     */
    private static Measurement sideBySide(int workers, IntFunction<Measurement> measure) {
        if (workers == 1) {
            return measure.apply(0);
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<Measurement>> futures = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int worker = w;
            futures.add(pool.submit(() -> measure.apply(worker)));
        }
        List<Measurement> parts = new ArrayList<>();
        try {
            for (Future<Measurement> f : futures) {
                parts.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a benchmark worker failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return Measurement.combine(parts);
    }

    private static List<CrystalGraph> batch(List<CrystalGraph> graphs, int call, int size) {
        List<CrystalGraph> b = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            b.add(graphs.get((call * size + i) % graphs.size()));
        }
        return b;
    }

    private static List<Integer> sizes(List<CrystalGraph> b) {
        return b.stream().map(CrystalGraph::numSites).toList();
    }

    private static Measurement forward(CrysToGraphBlock block, NDManager manager, AtomDescriptors d,
            List<CrystalGraph> graphs, int worker, int size, double budget, CrysToGraphConfig c) {
        once(block, manager, d, batch(graphs, worker, size));
        long atoms = 0;
        double flops = 0;
        int calls = 0;
        long start = System.nanoTime();
        while ((System.nanoTime() - start) / 1e9 < budget || calls < 3) {
            List<CrystalGraph> b = batch(graphs, worker + calls + 1, size);
            once(block, manager, d, b);
            atoms += sizes(b).stream().mapToLong(Integer::longValue).sum();
            flops += FlopCount.forward(c, sizes(b), b.get(0).k());
            calls++;
        }
        return new Measurement("forward", size, 1, calls, atoms, (System.nanoTime() - start) / 1e9, flops);
    }

    /**
     * Records one forward pass at the given batch size with libtorch's profiler and writes its Chrome trace (operator
     * names, shapes, microseconds) to {@code traceFile}. It is preceded by unrecorded warm-up calls, twice on each of
     * the batches the timed measurement cycles through (the recorded batch among them), so that the trace shows the
     * steady state: after a single warm-up call on another batch, the recorded call's operators were also faulting in
     * fresh memory for their larger outputs, which tripled the share of some element-wise operators.
     */
    public static void profileForward(CrysToGraphConfig config, AtomDescriptors descriptors,
            List<CrystalGraph> graphs, DeviceChoice device, int size, Path traceFile) {
        try (NDManager manager = NDManager.newBaseManager(device.resolve())) {
            Engine.getInstance().setRandomSeed(1);
            CrysToGraphBlock block = new CrysToGraphBlock(config);
            block.initialize(manager, DataType.FLOAT32);
            // distinct batches the timing cycles through: batch(graphs, call, size) repeats after this many calls
            int cycle = graphs.size() / BigInteger.valueOf(graphs.size())
                    .gcd(BigInteger.valueOf(size)).intValueExact();
            for (int i = 0; i < 2 * cycle; i++) {
                once(block, manager, descriptors, batch(graphs, i, size));
            }
            JniUtils.startProfile(false, true, false);
            try {
                once(block, manager, descriptors, batch(graphs, 1, size));
            } finally {
                JniUtils.stopProfile(traceFile.toString());
            }
        }
    }

    private static void once(CrysToGraphBlock block, NDManager manager, AtomDescriptors d, List<CrystalGraph> b) {
        try (NDManager sub = manager.newSubManager()) {
            NDList in = GraphBatch.of(b, d).toNDList(sub, DataType.FLOAT32);
            block.forward(new ParameterStore(sub, false), in, false).singletonOrThrow().toFloatArray();
        }
    }

    private static Measurement train(CrysToGraphBlock block, NDManager manager, AtomDescriptors d,
            List<CrystalGraph> graphs, int worker, int size, double budget, CrysToGraphConfig c) {
        AdamW optimizer = new AdamW(block, manager, 0.9, 0.99, 1e-8, 0);
        trainStep(block, manager, GraphBatch.of(batch(graphs, worker, size), d), size, optimizer);
        long atoms = 0;
        double flops = 0;
        int calls = 0;
        // as a training run does, the next batch is collated on another thread while this one's step runs
        long start = System.nanoTime();
        try (Prefetch<List<CrystalGraph>, GraphBatch> prepared = Prefetch.of(new AbstractList<>() {
            @Override
            public List<CrystalGraph> get(int call) {
                return batch(graphs, worker + call + 1, size);
            }

            @Override
            public int size() {
                return Integer.MAX_VALUE;
            }
        }, b -> GraphBatch.of(b, d))) {
            while ((System.nanoTime() - start) / 1e9 < budget || calls < 3) {
                List<CrystalGraph> b = batch(graphs, worker + calls + 1, size);
                trainStep(block, manager, prepared.take(calls), size, optimizer);
                atoms += sizes(b).stream().mapToLong(Integer::longValue).sum();
                flops += 3 * FlopCount.forward(c, sizes(b), b.get(0).k());
                calls++;
            }
        }
        return new Measurement("training step", size, 1, calls, atoms, (System.nanoTime() - start) / 1e9, flops);
    }

    private static void trainStep(CrysToGraphBlock block, NDManager manager, GraphBatch batch, int size,
            AdamW optimizer) {
        try (NDManager sub = manager.newSubManager()) {
            // zero targets: the loss is the mean square of the predictions
            TrainingStep.backward(block, sub, batch, new float[size], Loss.MSE);
            optimizer.step(1e-5);
        }
    }
}

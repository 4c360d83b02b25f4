package org.crystograph.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.crystograph.graph.CrystalGraph;
import org.crystograph.model.AtomDescriptors;
import org.crystograph.model.CrysToGraphBlock;
import org.crystograph.model.CrysToGraphConfig;
import org.crystograph.model.DeviceChoice;
import org.crystograph.model.FlopCount;
import org.crystograph.model.GraphBatch;

/**
 * Speed of the network on given graphs: forward (evaluation mode) at batch 32 and batch 1, and a training step at
 * batch 32 (forward, backward, AdamW), with achieved GFLOP/s from {@link FlopCount}.
 */
public final class ModelBenchmark {

    /**
     * One measurement.
     *
     * @param name what was timed
     * @param batchSize crystals per call
     * @param calls timed calls
     * @param atoms atoms processed in the timed calls
     * @param seconds wall time of the timed calls
     * @param flops analytic FLOPs of the timed calls
     */
    public record Measurement(String name, int batchSize, int calls, long atoms, double seconds, double flops) {

        /** Atoms per second. */
        public double atomsPerSecond() {
            return atoms / seconds;
        }

        /** Achieved GFLOP/s. */
        public double gflops() {
            return flops / seconds / 1e9;
        }

        /** Milliseconds per call. */
        public double msPerCall() {
            return 1000 * seconds / calls;
        }
    }

    private ModelBenchmark() {
    }

    /**
     * Runs the three measurements, each for about {@code secondsEach} after one warm-up call per shape.
     *
     * @param graphs structures to cycle through (at least 32 recommended)
     */
    public static List<Measurement> run(CrysToGraphConfig config, AtomDescriptors descriptors,
            List<CrystalGraph> graphs, DeviceChoice device, double secondsEach) {
        List<Measurement> results = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager(device.resolve())) {
            Engine.getInstance().setRandomSeed(1);
            CrysToGraphBlock block = new CrysToGraphBlock(config);
            block.initialize(manager, DataType.FLOAT32);
            results.add(forward(block, manager, descriptors, graphs, 32, secondsEach, config));
            results.add(forward(block, manager, descriptors, graphs, 1, secondsEach, config));
            results.add(train(block, manager, descriptors, graphs, 32, secondsEach, config));
        }
        return results;
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
            List<CrystalGraph> graphs, int size, double budget, CrysToGraphConfig c) {
        once(block, manager, d, batch(graphs, 0, size));
        long atoms = 0;
        double flops = 0;
        int calls = 0;
        long start = System.nanoTime();
        while ((System.nanoTime() - start) / 1e9 < budget || calls < 3) {
            List<CrystalGraph> b = batch(graphs, calls + 1, size);
            once(block, manager, d, b);
            atoms += sizes(b).stream().mapToLong(Integer::longValue).sum();
            flops += FlopCount.forward(c, sizes(b), b.get(0).k());
            calls++;
        }
        return new Measurement("forward", size, calls, atoms, (System.nanoTime() - start) / 1e9, flops);
    }

    /**
     * Records one forward pass at the given batch size with libtorch's profiler (after one unrecorded warm-up call)
     * and writes its Chrome trace (operator names, shapes, microseconds) to {@code traceFile}.
     */
    public static void profileForward(CrysToGraphConfig config, AtomDescriptors descriptors,
            List<CrystalGraph> graphs, DeviceChoice device, int size, Path traceFile) {
        try (NDManager manager = NDManager.newBaseManager(device.resolve())) {
            Engine.getInstance().setRandomSeed(1);
            CrysToGraphBlock block = new CrysToGraphBlock(config);
            block.initialize(manager, DataType.FLOAT32);
            once(block, manager, descriptors, batch(graphs, 0, size));
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
            List<CrystalGraph> graphs, int size, double budget, CrysToGraphConfig c) {
        AdamW optimizer = new AdamW(block, manager, 0.9, 0.99, 1e-8, 0);
        trainStep(block, manager, d, batch(graphs, 0, size), optimizer);
        long atoms = 0;
        double flops = 0;
        int calls = 0;
        long start = System.nanoTime();
        while ((System.nanoTime() - start) / 1e9 < budget || calls < 3) {
            List<CrystalGraph> b = batch(graphs, calls + 1, size);
            trainStep(block, manager, d, b, optimizer);
            atoms += sizes(b).stream().mapToLong(Integer::longValue).sum();
            flops += 3 * FlopCount.forward(c, sizes(b), b.get(0).k());
            calls++;
        }
        return new Measurement("training step", size, calls, atoms, (System.nanoTime() - start) / 1e9, flops);
    }

    private static void trainStep(CrysToGraphBlock block, NDManager manager, AtomDescriptors d, List<CrystalGraph> b,
            AdamW optimizer) {
        try (NDManager sub = manager.newSubManager()) {
            NDList in = GraphBatch.of(b, d).toNDList(sub, DataType.FLOAT32);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray pred = block.forward(new ParameterStore(sub, false), in, true).singletonOrThrow();
                NDArray loss = pred.square().mean();
                gc.backward(loss);
            }
            optimizer.step(1e-5);
        }
    }
}

package org.crystograph.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.crystograph.graph.CrystalGraph;
import org.crystograph.graph.GraphSettings;
import org.crystograph.graph.featurize.CdkDescriptorFeaturizer;
import org.crystograph.inference.ThreadLayout;
import org.crystograph.model.AtomDescriptors;
import org.crystograph.model.CrysToGraphConfig;
import org.crystograph.model.DeviceChoice;
import org.crystograph.training.LabelledGraph;
import org.crystograph.training.ModelBenchmark;
import org.crystograph.training.TrainingData;
import org.crystograph.training.TrainingService;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code crystograph bench model [--preset P] [--task T] [--structures N] [--seconds S] [--workers W]}: forward
 * atoms/s at batch 32 and 1, a training step, and achieved GFLOP/s against the CPU's matrix-multiply ceiling and
 * against a large libtorch matrix product timed first in the same process.
 */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Time the CrysToGraph forward pass (batch 32 and 1) and a training step on real structures.")
public final class BenchModelCommand implements Callable<Integer> {

    /** Single-precision matrix-multiply peak measured on this machine kind (GFLOP/s), see docs/performance.md. */
    static final double CPU_CEILING_GFLOPS = 240;

    /** Shape of the reference matrix product, [M x K] x [K x N]: large enough for libtorch's best kernels. */
    static final int MATMUL_M = 2048;
    static final int MATMUL_K = 1024;
    static final int MATMUL_N = 1024;

    @Option(names = "--preset", split = ",", defaultValue = "default,small",
            description = "Presets to time (default ${DEFAULT-VALUE}).")
    List<String> presets;

    @Option(names = "--task", defaultValue = "local_jarvis271_eform", description = "Task whose structures are used "
            + "(default ${DEFAULT-VALUE}).")
    String task;

    @Option(names = "--structures", defaultValue = "128", description = "Structures to cycle through "
            + "(default ${DEFAULT-VALUE}).")
    int structures;

    @Option(names = "--seconds", defaultValue = "20", description = "Seconds per measurement (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--device", defaultValue = "AUTO", description = "auto, cpu or gpu (default ${DEFAULT-VALUE}).")
    DeviceChoice device;

    @Option(names = "--workers", defaultValue = "1", description = "Networks run side by side, each on its own thread "
            + "with the cores divided among them, as the service's workers run (default ${DEFAULT-VALUE}; 0 = one "
            + "per core). The training step is timed with one worker only (one gradient collector per process).")
    int workers;

    @Option(names = "--profile", description = "Instead of timing, record one forward pass at batch 32 per preset "
            + "with libtorch's profiler and write its Chrome trace to FILE-<preset>.json "
            + "(summarise with scripts/profile_summary.py).")
    Path profile;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path cache = org.crystograph.training.GraphCache.temporaryFile(task);
        org.crystograph.graph.GraphBuilder builder = new org.crystograph.graph.GraphBuilder(GraphSettings.defaults());
        TrainingData data = TrainingData.load(TrainingService.readTask(task), TrainingData.Protocol.FULL, builder,
                cache, line -> { });
        List<CrystalGraph> graphs = new ArrayList<>();
        for (LabelledGraph g : data.graphs()) {
            if (graphs.size() < structures) {
                graphs.add(builder.withLineFeatures(g.graph()));
            }
        }
        double meanAtoms = graphs.stream().mapToInt(CrystalGraph::numSites).average().orElse(0);
        CdkDescriptorFeaturizer f = new CdkDescriptorFeaturizer();
        int cores = Runtime.getRuntime().availableProcessors();
        ThreadLayout layout = ThreadLayout.resolve(workers, 0, device.resolve().isGpu(), cores);
        out.printf("structures: %d from %s (mean %.1f atoms); device %s; %d CPU threads visible; %s%n", graphs.size(),
                task, meanAtoms, device, cores, layout);
        ModelBenchmark.Measurement reference = null;
        if (profile == null) {
            reference = ModelBenchmark.matmul(device, seconds, layout, MATMUL_M, MATMUL_K, MATMUL_N);
            out.printf("reference: libtorch float32 matmul [%d x %d] x [%d x %d] on every worker: %.1f GFLOP/s "
                    + "(%.1f%% of %.0f)%n", MATMUL_M, MATMUL_K, MATMUL_K, MATMUL_N, reference.gflops(),
                    100 * reference.gflops() / CPU_CEILING_GFLOPS, CPU_CEILING_GFLOPS);
        }
        out.printf("%-8s %-14s %5s %7s %10s %10s %9s %8s %10s%n", "preset", "measurement", "batch", "calls", "ms/call",
                "atoms/s", "GFLOP/s", "ceiling", "of matmul");
        for (String preset : presets) {
            CrysToGraphConfig config = CrysToGraphConfig.preset(preset, f.width(), GraphSettings.defaults());
            if (profile != null) {
                Path trace = Path.of(profile + "-" + preset + ".json");
                ModelBenchmark.profileForward(config, AtomDescriptors.of(f), graphs, device, 32, trace);
                out.printf("%-8s profile of one forward at batch 32 written to %s%n", preset, trace);
                continue;
            }
            for (ModelBenchmark.Measurement m : ModelBenchmark.run(config, AtomDescriptors.of(f), graphs, device,
                    seconds, layout)) {
                out.printf("%-8s %-14s %5d %7d %10.1f %10.1f %9.2f %7.1f%% %9.1f%%%n", preset, m.name(),
                        m.batchSize(), m.calls(), m.msPerCall(), m.atomsPerSecond(), m.gflops(),
                        100 * m.gflops() / CPU_CEILING_GFLOPS, 100 * m.gflops() / reference.gflops());
                out.flush();
            }
        }
        return 0;
    }
}

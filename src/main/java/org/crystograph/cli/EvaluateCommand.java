package org.crystograph.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.crystograph.benchmark.FoldScore;
import org.crystograph.inference.CheckpointModel;
import org.crystograph.model.DeviceChoice;
import org.crystograph.structure.io.StructureReaders;
import org.crystograph.training.Evaluation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code crystograph evaluate --checkpoint DIR (--task T --fold k | --labels CSV FILE...)}: MAE, RMSE, max error and
 * the MAD baseline (the training-label mean as predictor).
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Score a checkpoint on a task's test fold, or on labelled structure files.")
public final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--checkpoint", description = "Checkpoint directory (default: the bundled perovskite model).")
    Path checkpoint;

    @Option(names = "--task", description = "Task key or dataset folder.")
    String task;

    @Option(names = "--fold", defaultValue = "0", description = "Test fold (default ${DEFAULT-VALUE}).")
    int fold;

    @Option(names = "--labels", description = "CSV of 'file,label' lines (no header) for FILE arguments; the MAD "
            + "baseline is then the mean of these labels.")
    Path labels;

    @Option(names = "--device", defaultValue = "CPU", description = "auto, cpu or gpu (default ${DEFAULT-VALUE}).")
    DeviceChoice device;

    @Option(names = "--atom-table", description = "Atom table file for TABLE checkpoints.")
    Path atomTable;

    @Parameters(arity = "0..*", description = "Structure files named in --labels.")
    List<Path> files = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if ((task == null) == (labels == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give either --task or --labels");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (CheckpointModel model = checkpoint != null ? CheckpointModel.load(checkpoint, device, atomTable)
                : CheckpointModel.loadResource(CheckpointModel.BUNDLED, device)) {
            FoldScore score;
            if (task != null) {
                Path cache = Path.of(System.getProperty("java.io.tmpdir"), "crystograph-graphs", task + ".bin");
                score = Evaluation.onTask(model, task, fold, cache, line -> { });
                out.printf("task %s fold %d (%s protocol), %d structures%n", task, fold, model.info().protocol(),
                        score.n());
            } else {
                List<String> lines = Files.readAllLines(labels);
                List<Double> truth = new ArrayList<>();
                List<org.crystograph.structure.Structure> structures = new ArrayList<>();
                Path base = labels.toAbsolutePath().getParent();
                for (String line : lines) {
                    if (line.isBlank()) {
                        continue;
                    }
                    String[] parts = line.split(",");
                    if (parts.length < 2) {
                        throw new CommandLine.ParameterException(spec.commandLine(), "bad labels line: " + line);
                    }
                    Path file = files.stream().filter(f -> f.getFileName().toString().equals(parts[0].trim()))
                            .findFirst().orElse(base.resolve(parts[0].trim()));
                    structures.add(StructureReaders.read(file).get(0).structure());
                    truth.add(Double.parseDouble(parts[1].trim()));
                }
                double[] t = truth.stream().mapToDouble(Double::doubleValue).toArray();
                score = Evaluation.onLabelled(t, model.predictStructures(structures), t);
                out.printf("%d labelled structures%n", score.n());
            }
            String unit = model.unit();
            out.printf("MAE           %.5f %s%n", score.mae(), unit);
            out.printf("RMSE          %.5f %s%n", score.rmse(), unit);
            out.printf("max error     %.5f %s%n", score.maxError(), unit);
            out.printf("MAD baseline  %.5f %s (MAE of predicting the training mean %.4f)%n", score.baselineMae(),
                    unit, score.trainMean());
            out.printf("MAE / MAD     %.4f%n", score.scaled());
        }
        out.flush();
        return 0;
    }
}

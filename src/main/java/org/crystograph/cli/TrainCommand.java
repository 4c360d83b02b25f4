package org.crystograph.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.crystograph.graph.featurize.AtomFeaturizer;
import org.crystograph.graph.featurize.CdkDescriptorFeaturizer;
import org.crystograph.graph.featurize.TableFeaturizer;
import org.crystograph.model.DeviceChoice;
import org.crystograph.training.Loss;
import org.crystograph.training.TrainingData;
import org.crystograph.training.TrainingOptions;
import org.crystograph.training.TrainingService;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code crystograph train --task T [--fold k | --folds 0,1,...] [--preset small|default] [--epochs E] [--out DIR]}:
 * trains CrysToGraph on a task from the datasets directory. Re-running the same command resumes from the last
 * checkpoint of each fold.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train CrysToGraph on a task (resumes from DIR/fold<k>/last when present).")
public final class TrainCommand implements Callable<Integer> {

    @Option(names = "--task", required = true, description = "Task key (e.g. local_perov5_heat) or dataset folder "
            + "(e.g. perov5-castelli).")
    String task;

    @Option(names = "--fold", description = "Held-out fold (default 0; -1 trains on every fold, no test).")
    Integer fold;

    @Option(names = "--folds", split = ",", description = "Several held-out folds, trained one after another.")
    List<Integer> folds;

    @Option(names = "--preset", defaultValue = "small", description = "Network preset: small or default "
            + "(default ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--epochs", defaultValue = "0", description = "Epochs (0 = the spec's table by training size).")
    int epochs;

    @Option(names = "--batch", defaultValue = "32", description = "Crystals per batch (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", description = "AdamW learning rate (default 1e-4 for default, 5e-4 for small).")
    Double lr;

    @Option(names = "--val-fraction", defaultValue = "0.1", description = "Validation share of the training fold "
            + "(default ${DEFAULT-VALUE}).")
    double valFraction;

    @Option(names = "--patience", defaultValue = "0", description = "Early-stopping patience in epochs "
            + "(0 = a third of the epochs).")
    int patience;

    @Option(names = "--seed", defaultValue = "42", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--protocol", defaultValue = "FULL", description = "Folds: FULL (the file's fold column over all "
            + "rows) or PUBLIC (benchmark public track, hidden rows excluded). Default ${DEFAULT-VALUE}.")
    TrainingData.Protocol protocol;

    @Option(names = "--no-standardize", description = "Train on raw targets (the reference) instead of "
            + "standardised ones.")
    boolean raw;

    @Option(names = "--loss", defaultValue = "MSE", description = "Training loss: MSE (the spec's) or MAE (the"
            + " scoring metric; less pull from a heavy tail of labels). Default ${DEFAULT-VALUE}.")
    Loss loss;

    @Option(names = "--atom-table", description = "Use a per-element JSON table (TABLE featurizer) instead of the "
            + "CDK descriptor.")
    Path atomTable;

    @Option(names = "--device", defaultValue = "AUTO", description = "auto, cpu or gpu (default ${DEFAULT-VALUE}).")
    DeviceChoice device;

    @Option(names = "--out", description = "Run directory (default runs/<task>-<preset>).")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!preset.equals("small") && !preset.equals("default")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--preset must be small or default");
        }
        List<Integer> which = new ArrayList<>();
        if (folds != null) {
            which.addAll(folds);
        } else {
            which.add(fold == null ? 0 : fold);
        }
        double learningRate = lr != null ? lr : preset.equals("small") ? 5e-4 : 1e-4;
        int effectivePatience = patience;
        TrainingOptions options = new TrainingOptions(preset, epochs, batch, learningRate, 1.0 / 3, 0.1, 0.9, 0.99,
                1e-8, 0.0, valFraction, effectivePatience, !raw, loss, seed);
        AtomFeaturizer featurizer = atomTable != null ? TableFeaturizer.load(atomTable) : new CdkDescriptorFeaturizer();
        Path dir = out != null ? out : Path.of("runs", task + "-" + preset);
        var err = spec.commandLine().getOut();
        TrainingService.train(task, which, options, protocol, featurizer, dir, device, line -> {
            err.println(line);
            err.flush();
        });
        return 0;
    }
}

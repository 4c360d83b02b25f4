package org.crystograph.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.crystograph.graph.GraphSettings;
import org.crystograph.graph.featurize.CdkDescriptorFeaturizer;
import org.crystograph.model.Checkpoint;
import org.crystograph.model.CrysToGraphConfig;
import org.crystograph.model.ModelSummary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code crystograph model-info [--preset P] [--atom-width W] [--checkpoint DIR]}: parameter count per block. */
@Command(name = "model-info", mixinStandardHelpOptions = true,
        description = "Print the trainable parameter count per block of a preset or a checkpoint.")
public final class ModelInfoCommand implements Callable<Integer> {

    @Option(names = "--preset", defaultValue = "default", description = "default or small (default ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--atom-width", description = "Atom descriptor width (default: the CDK descriptor's; 92 = the "
            + "CGCNN table the spec's figures assume).")
    Integer atomWidth;

    @Option(names = "--checkpoint", description = "Describe the network of a checkpoint directory instead.")
    Path checkpoint;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CrysToGraphConfig config;
        if (checkpoint != null) {
            config = Checkpoint.readInfo(checkpoint).config();
        } else {
            int width = atomWidth != null ? atomWidth : new CdkDescriptorFeaturizer().width();
            try {
                config = CrysToGraphConfig.preset(preset, width, GraphSettings.defaults());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("config: " + config);
        print(out, ModelSummary.of(config), 0);
        out.flush();
        return 0;
    }

    private static void print(PrintWriter out, ModelSummary.Entry e, int depth) {
        out.printf("%s%-" + (28 - 2 * depth) + "s %,12d%n", "  ".repeat(depth), e.name(), e.parameters());
        for (ModelSummary.Entry c : e.children()) {
            print(out, c, depth + 1);
        }
    }
}

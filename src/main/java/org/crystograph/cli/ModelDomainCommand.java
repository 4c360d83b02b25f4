package org.crystograph.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.crystograph.inference.TrainingDomain;
import org.crystograph.training.TrainingData;
import org.crystograph.training.TrainingService;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code crystograph model-domain --task T [--protocol P] [--fold k]}: prints the {@value TrainingDomain#FILE} of the
 * structures a model of that task and fold was trained on, to put in its model directory.
 */
@Command(name = "model-domain", mixinStandardHelpOptions = true,
        description = "Print the elements and cell sizes a model's training structures cover (the model directory's "
                + TrainingDomain.FILE + "); predictions outside them are flagged.")
public final class ModelDomainCommand implements Callable<Integer> {

    @Option(names = "--task", required = true, description = "Task key or dataset folder, as for train.")
    String task;

    @Option(names = "--protocol", defaultValue = "FULL", description = "FULL or PUBLIC, as the model was trained "
            + "(default ${DEFAULT-VALUE}).")
    TrainingData.Protocol protocol;

    @Option(names = "--fold", defaultValue = "-1", description = "The model's held-out fold, or -1 when it trained on"
            + " every fold (default ${DEFAULT-VALUE}).")
    int fold;

    @Option(names = "--graph-cache", description = "Graph cache of the task's training runs, to reuse (default: a"
            + " temporary one).")
    Path graphCache;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Path temporary = graphCache == null
                ? Files.createTempDirectory("crystograph-domain-").resolve("graphs.bin") : null;
        try {
            PrintWriter err = spec.commandLine().getErr();
            TrainingDomain domain = TrainingService.domain(task, protocol, fold,
                    graphCache != null ? graphCache : temporary, line -> err.println(line));
            spec.commandLine().getOut().println(domain.toJson());
            spec.commandLine().getOut().flush();
            return 0;
        } finally {
            if (temporary != null) {
                Files.deleteIfExists(temporary);
                Files.deleteIfExists(temporary.getParent());
            }
        }
    }
}

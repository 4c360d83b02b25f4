package org.crystograph.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code crystograph} command line. Each subcommand runs without the database or HTTP unless it is {@code serve}.
 */
@Command(
        name = "crystograph",
        mixinStandardHelpOptions = true,
        version = "crystograph 0.1.0",
        description = "Crystal property prediction (CrysToGraph) and the UnconvBench benchmark.",
        subcommands = {
            ServeCommand.class,
            ParseCommand.class,
            TrainCommand.class,
            EvaluateCommand.class,
            PredictCommand.class,
            ModelInfoCommand.class,
            BenchCommand.class,
            SplitsCommand.class,
            GraphCommand.class,
            CommandLine.HelpCommand.class,
        })
public final class CrystographCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Builds the command line with all subcommands; one place so tests and main agree. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new CrystographCommand());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }
}

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
            ModelDomainCommand.class,
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

    /** Exit code of a command that failed on its input (a bad file, directory or value). */
    static final int EXIT_BAD_INPUT = 1;

    /** Builds the command line with all subcommands; one place so tests and main agree. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new CrystographCommand());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler(CrystographCommand::reportFailure);
        return cl;
    }

    /**
     * Failures caused by what the user passed (unreadable structures, a directory that is not a checkpoint, missing
     * data, I/O errors) are one line on standard error with the reason; anything else is a bug and keeps its stack
     * trace.
     */
    private static int reportFailure(Exception e, CommandLine cl, CommandLine.ParseResult parsed) throws Exception {
        if (e instanceof IllegalArgumentException || e instanceof IllegalStateException
                || e instanceof java.io.UncheckedIOException || e instanceof java.io.IOException
                || e instanceof org.crystograph.structure.StructureException
                || e instanceof org.crystograph.graph.GraphBuildException) {
            cl.getErr().println("crystograph " + cl.getCommandName() + ": " + e.getMessage());
            cl.getErr().flush();
            return EXIT_BAD_INPUT;
        }
        throw e;
    }
}

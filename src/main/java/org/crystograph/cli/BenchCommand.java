package org.crystograph.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code crystograph bench ...}: reproducible speed measurements whose results go into docs/performance.md.
 * Each subcommand measures against a baseline run in the same process where the issue asks for a ratio.
 */
@Command(name = "bench", description = "Speed benchmarks (results belong in docs/performance.md).",
        subcommands = {BenchParseCommand.class, GraphBenchCommand.class, BenchModelCommand.class, BenchServeCommand.class,
            BenchSoakCommand.class,
            CommandLine.HelpCommand.class})
public final class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}

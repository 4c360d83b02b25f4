package org.crystograph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A command that fails on what it was given says why in one line, not with a stack trace. */
class CommandFailureTest {

    @TempDir
    Path temp;

    /** Runs a command and returns what it wrote on standard error, after checking the exit code is 1. */
    private static String failingRun(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cl = CrystographCommand.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute(args)).isEqualTo(CrystographCommand.EXIT_BAD_INPUT);
        return err.toString();
    }

    @Test
    void evaluate_directoryWithoutCheckpoints_printsTheReasonAndExitsWithOne() {
        assertThat(failingRun("evaluate", "--checkpoint", temp.toString(), "--task", "local_perov5_heat"))
                .startsWith("crystograph evaluate: ").contains("neither a checkpoint").doesNotContain("\tat ");
    }

    @Test
    void predict_missingFile_printsTheReasonAndExitsWithOne() {
        assertThat(failingRun("predict", "--checkpoint", temp.toString(), temp.resolve("missing.cif").toString()))
                .startsWith("crystograph predict: ").doesNotContain("\tat ");
    }
}

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

    @Test
    void evaluate_directoryWithoutCheckpoints_printsTheReasonAndExitsWithOne() {
        StringWriter err = new StringWriter();
        CommandLine cl = CrystographCommand.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("evaluate", "--checkpoint", temp.toString(), "--task", "local_perov5_heat");
        assertThat(code).isEqualTo(CrystographCommand.EXIT_BAD_INPUT);
        assertThat(err.toString()).startsWith("crystograph evaluate: ").contains("neither a checkpoint")
                .doesNotContain("\tat ");
    }

    @Test
    void predict_missingFile_printsTheReasonAndExitsWithOne() {
        StringWriter err = new StringWriter();
        CommandLine cl = CrystographCommand.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("predict", "--checkpoint", temp.toString(), temp.resolve("missing.cif").toString());
        assertThat(code).isEqualTo(CrystographCommand.EXIT_BAD_INPUT);
        assertThat(err.toString()).startsWith("crystograph predict: ").doesNotContain("\tat ");
    }
}

package org.crystograph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code crystograph predict} with the bundled perovskite model, on CPU. */
class PredictCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path nacl(String name, String cellLength) throws IOException {
        try (InputStream in = PredictCommandTest.class.getResourceAsStream("/structures/nacl_fm-3m.cif")) {
            String cif = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("5.6402", cellLength);
            return Files.writeString(dir.resolve(name), cif);
        }
    }

    @Test
    void bundledModel_predictsEachFile_warnsOfCloseContacts_andReportsUnreadableFiles() throws IOException {
        Path good = nacl("nacl.cif", "5.6402");
        Path nanometres = nacl("nacl_nm.cif", "0.56402");
        StringWriter out = new StringWriter();
        CommandLine cl = CrystographCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(new StringWriter()));

        int exit = cl.execute("predict", good.toString(), nanometres.toString(), dir.resolve("missing.cif").toString());

        List<JsonNode> lines = new ArrayList<>();
        for (String l : out.toString().split("\n")) {
            lines.add(JSON.readTree(l));
        }
        assertThat(exit).isEqualTo(1);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0).get("file").asText()).endsWith("missing.cif"); // errors are printed as they happen
        assertThat(lines.get(0).get("error").asText()).isNotBlank();
        assertThat(lines.get(1).get("file").asText()).endsWith("nacl.cif");
        assertThat(lines.get(1).get("value").isNumber()).isTrue();
        assertThat(lines.get(1).get("unit").asText()).startsWith("eV");
        // NaCl is outside the perovskites the bundled model learnt from; in nanometres it is also impossible
        assertThat(lines.get(1).get("warnings").toString())
                .contains("outside the training data of model 'perov5-heat'").doesNotContain("apart");
        assertThat(lines.get(2).get("warnings").toString()).contains("0.282 A apart");
    }
}

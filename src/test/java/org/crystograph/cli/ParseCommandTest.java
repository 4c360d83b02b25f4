package org.crystograph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParseCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Run(int exit, List<JsonNode> lines) {
    }

    private static Run run(String... args) throws IOException {
        PrintStream saved = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            exit = CrystographCommand.commandLine().execute(args);
        } finally {
            System.setOut(saved);
        }
        List<JsonNode> lines = new java.util.ArrayList<>();
        for (String l : buf.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!l.isBlank()) {
                lines.add(JSON.readTree(l));
            }
        }
        return new Run(exit, lines);
    }

    private static Path fixture(Path dir, String name) throws IOException {
        try (InputStream in = ParseCommandTest.class.getResourceAsStream("/structures/" + name)) {
            Path p = dir.resolve(name);
            Files.write(p, in.readAllBytes());
            return p;
        }
    }

    @Test
    void goodFiles_printOneSummaryLinePerStructure_andExitZero(@TempDir Path dir) throws IOException {
        Path nacl = fixture(dir, "nacl_fm-3m.cif");
        Path zno = fixture(dir, "zno_wurtzite_p63mc.cif");
        Run r = run("parse", nacl.toString(), zno.toString());
        assertThat(r.exit).isZero();
        assertThat(r.lines).hasSize(2);
        JsonNode first = r.lines.get(0);
        assertThat(first.get("file").asText()).isEqualTo(nacl.toString());
        assertThat(first.get("block").asText()).isEqualTo("NaCl");
        assertThat(first.get("nsites").asInt()).isEqualTo(8);
        assertThat(first.get("volume").asDouble()).isEqualTo(Math.pow(5.6402, 3), org.assertj.core.api.Assertions.within(1e-9));
        assertThat(first.get("species").get("Na").asDouble()).isEqualTo(4.0);
        assertThat(first.get("lattice").get("gamma").asDouble()).isEqualTo(90.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(first.get("lattice").get("matrix")).hasSize(3);
        assertThat(first.get("warnings").isArray()).isTrue();
    }

    @Test
    void aFailingFile_printsErrorLine_andExitsNonZero(@TempDir Path dir) throws IOException {
        Path good = fixture(dir, "nacl_fm-3m.cif");
        Path bad = dir.resolve("bad.cif");
        Files.writeString(bad, "data_bad\n_cell_length_a 4\nloop_\n_atom_site_label\n_atom_site_fract_x\nNa1\n");
        Run r = run("parse", bad.toString(), good.toString());
        assertThat(r.exit).isEqualTo(ParseCommand.EXIT_FAILED);
        assertThat(r.lines).hasSize(2);
        JsonNode err = r.lines.get(0).get("error");
        assertThat(r.lines.get(0).get("file").asText()).isEqualTo(bad.toString());
        assertThat(err.get("type").asText()).isEqualTo("invalid-structure");
        assertThat(err.get("line").asInt()).isEqualTo(3);
        assertThat(err.get("message").asText()).contains("truncated loop");
        assertThat(r.lines.get(1).get("nsites").asInt()).isEqualTo(8);
    }

    @Test
    void formatOption_forcesTheReader(@TempDir Path dir) throws IOException {
        Path nacl = fixture(dir, "nacl_fm-3m.cif");
        Run r = run("parse", "--format", "poscar", nacl.toString());
        assertThat(r.exit).isEqualTo(ParseCommand.EXIT_FAILED);
        assertThat(r.lines.get(0).get("error").get("message").asText()).startsWith("poscar");
    }

    @Test
    void missingFile_isAnErrorLine(@TempDir Path dir) throws IOException {
        Run r = run("parse", dir.resolve("nope.cif").toString());
        assertThat(r.exit).isEqualTo(ParseCommand.EXIT_FAILED);
        assertThat(r.lines.get(0).get("error").get("type").asText()).isEqualTo("io-error");
        assertThat(r.lines.get(0).get("error").get("message").asText()).isEqualTo("no such file");
    }

    /** Every input that ever failed the fuzzer, with the hostile cells of issue 28. */
    static java.util.stream.Stream<Path> hostileInputs() throws IOException {
        try (java.util.stream.Stream<Path> files = Files.list(Path.of("src/test/resources/fuzz/regressions"))) {
            return files.filter(p -> !p.getFileName().toString().equals("README.md")).sorted().toList().stream();
        }
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("hostileInputs")
    void hostileInput_endsWithinFifteenSeconds_withSummariesOrATypedErrorLine(Path file) {
        Run r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(15),
                () -> run("parse", file.toString()));
        assertThat(r.exit).isIn(0, ParseCommand.EXIT_FAILED);
        assertThat(r.lines).isNotEmpty();
        for (JsonNode line : r.lines) {
            if (line.has("error")) {
                assertThat(line.get("error").get("type").asText()).isEqualTo("invalid-structure");
            } else {
                assertThat(line.get("nsites").asInt()).isPositive();
            }
        }
    }
}

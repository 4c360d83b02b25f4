package org.crystograph.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** {@code crystograph graph}: JSON Lines per structure, summary, failures. */
class GraphCommandTest {

    private static final Path NACL = Path.of("src/test/resources/structures/nacl_fm-3m.cif");
    private static final Path HOSTILE = Path.of("src/test/resources/fuzz/regressions");
    /** Issue 28: every hostile input must end within 15 s with a typed error. */
    private static final int CLI_BOUND_SECONDS = 15;

    private static int run(StringWriter out, StringWriter err, String... args) {
        CommandLine cl = CrystographCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void naclCif_printsOneLineWithSixNeighboursAtHalfTheCellEdge() throws Exception {
        StringWriter out = new StringWriter();
        assertThat(run(out, new StringWriter(), "graph", NACL.toString())).isZero();
        String[] lines = out.toString().strip().split("\n");
        assertThat(lines).hasSize(1);
        JsonNode json = new ObjectMapper().readTree(lines[0]);
        assertThat(json.fieldNames()).toIterable()
                .containsExactly("file", "nsites", "nedges", "radius", "neighbor_distances", "line_edges");
        assertThat(json.get("nsites").asInt()).isEqualTo(8);
        assertThat(json.get("nedges").asInt()).isEqualTo(96);
        assertThat(json.get("line_edges").asInt()).isEqualTo(1152);
        assertThat(json.get("radius").asDouble()).isEqualTo(8.0);
        JsonNode d = json.get("neighbor_distances");
        assertThat(d).hasSize(8);
        for (JsonNode site : d) {
            assertThat(site).hasSize(12);
            for (int r = 0; r < 12; r++) {
                double expected = r < 6 ? 5.6402 / 2 : 5.6402 / Math.sqrt(2);
                assertThat(site.get(r).asDouble()).isCloseTo(expected, within(1e-6));
            }
        }
    }

    @Test
    void summary_printsCountsAndElapsedTimeOnly() throws Exception {
        StringWriter out = new StringWriter();
        assertThat(run(out, new StringWriter(), "graph", "--summary", "--format", "cif", NACL.toString(),
                NACL.toString())).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("structures").asInt()).isEqualTo(2);
        assertThat(json.get("nsites").asInt()).isEqualTo(16);
        assertThat(json.get("line_edges").asInt()).isEqualTo(2304);
        assertThat(json.get("elapsed_ms").asDouble()).isPositive();
        assertThat(json.has("neighbor_distances")).isFalse();
    }

    @Test
    void unreadableAndIsolated_reportedOnStderrWithExitCode1(@TempDir Path dir) throws Exception {
        Path garbage = dir.resolve("garbage.cif");
        Files.writeString(garbage, "data_x\n_cell_length_a 4\n");
        Path isolated = dir.resolve("argon.cif");
        Files.writeString(isolated, """
                data_ar
                _cell_length_a 32
                _cell_length_b 32
                _cell_length_c 32
                _cell_angle_alpha 90
                _cell_angle_beta 90
                _cell_angle_gamma 90
                loop_
                _atom_site_label
                _atom_site_type_symbol
                _atom_site_fract_x
                _atom_site_fract_y
                _atom_site_fract_z
                Ar1 Ar 0 0 0
                """);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(run(out, err, "graph", garbage.toString(), isolated.toString(), NACL.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("garbage.cif").contains("argon.cif").contains("isolated");
        assertThat(out.toString().strip().split("\n")).hasSize(1);
    }

    /** Every input that ever failed the fuzzer, with the hostile cells of issue 28. */
    static Stream<Path> hostileInputs() throws IOException {
        try (Stream<Path> files = Files.list(HOSTILE)) {
            return files.filter(p -> !p.getFileName().toString().equals("README.md")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileInputs")
    void hostileInput_endsWithinFifteenSeconds_withAGraphOrAOneLineTypedError(Path file) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = assertTimeoutPreemptively(Duration.ofSeconds(CLI_BOUND_SECONDS), () -> run(out, err, "graph",
                file.toString()));
        assertThat(exit).isIn(0, 1);
        assertThat(err.toString()).doesNotContain("\tat ").doesNotContain("Exception");
        if (exit == 1) {
            assertThat(err.toString()).startsWith(file + ": ");
        }
    }

    @Test
    void issue28Cell_isRefusedFastNamingLineAndField() {
        StringWriter err = new StringWriter();
        int exit = assertTimeoutPreemptively(Duration.ofSeconds(CLI_BOUND_SECONDS), () -> run(new StringWriter(), err,
                "graph", HOSTILE.resolve("issue28-lattice-1e-30-1e30-1e8.poscar").toString()));
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("poscar line 3 [lattice]: cell vector a is 1.00e-30 A long, below 0.1 A");
    }

    @Test
    void structureAboveThePositionalEncodingLimit_isAWorkLimitError_unlessEncodingsAreSkipped(@TempDir Path dir)
            throws Exception {
        // rock salt 8 x 8 x 4 conventional cells: 2,048 sites, above PositionalEncoding.MAX_SITES
        StringBuilder poscar = new StringBuilder("NaCl 8x8x4\n1.0\n45.1216 0 0\n0 45.1216 0\n0 0 22.5608\nNa Cl\n"
                + "1024 1024\nDirect\n");
        double[][] fcc = {{0, 0, 0}, {0, 0.5, 0.5}, {0.5, 0, 0.5}, {0.5, 0.5, 0}};
        for (int element = 0; element < 2; element++) {
            for (int i = 0; i < 8; i++) {
                for (int j = 0; j < 8; j++) {
                    for (int k = 0; k < 4; k++) {
                        for (double[] f : fcc) {
                            poscar.append(String.format(java.util.Locale.ROOT, "%.6f %.6f %.6f%n",
                                    (i + f[0] + 0.5 * element) / 8, (j + f[1]) / 8, (k + f[2]) / 4));
                        }
                    }
                }
            }
        }
        Path file = dir.resolve("nacl_2048.poscar");
        Files.writeString(file, poscar);
        StringWriter err = new StringWriter();
        assertThat(run(new StringWriter(), err, "graph", "--summary", file.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("graph building stopped (WORK_LIMIT): positional encodings of 2,048 sites:"
                + " above the limit of 2,000 sites");
        StringWriter out = new StringWriter();
        assertThat(run(out, new StringWriter(), "graph", "--summary", "--skip-encodings", file.toString())).isZero();
        assertThat(new ObjectMapper().readTree(out.toString()).get("nsites").asInt()).isEqualTo(2048);
    }

    @Test
    void unknownFormat_isAUsageError() {
        StringWriter err = new StringWriter();
        assertThat(run(new StringWriter(), err, "graph", "--format", "pdb", NACL.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("pdb");
    }
}

package org.crystograph.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code crystograph graph}: JSON Lines per structure, summary, failures. */
class GraphCommandTest {

    private static final Path NACL = Path.of("src/test/resources/structures/nacl_fm-3m.cif");

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

    @Test
    void unknownFormat_isAUsageError() {
        StringWriter err = new StringWriter();
        assertThat(run(new StringWriter(), err, "graph", "--format", "pdb", NACL.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("pdb");
    }
}

package org.crystograph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import org.crystograph.testing.Prerequisites;

class SplitsCommandTest {

    private static int run(StringWriter out, StringWriter err, String... args) {
        CommandLine cl = CrystographCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void splits_n1058_printsOrderFoldSizesAndSortedTestFolds() throws Exception {
        StringWriter out = new StringWriter();
        assertThat(run(out, new StringWriter(), "splits", "--n", "1058")).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("order")).hasSize(1058);
        assertThat(json.get("order").get(0).asInt()).isEqualTo(457);
        assertThat(json.get("fold_sizes").toString()).isEqualTo("[212,212,212,211,211]");
        assertThat(json.get("test")).hasSize(5);
        assertThat(json.get("test").get(4)).hasSize(211);
    }

    @Test
    void splits_fewerRowsThanFolds_exitsWithUsageError() {
        StringWriter err = new StringWriter();
        assertThat(run(new StringWriter(), err, "splits", "--n", "3")).isEqualTo(2);
        assertThat(err.toString()).contains("got 3");
    }

    @Test
    void splits_task_printsTheSplitFileLayoutWithHiddenIds() throws Exception {
        Prerequisites.require(org.crystograph.config.DataPaths.dataDirectory().isPresent(),
                "datasets directory absent");
        StringWriter out = new StringWriter();
        assertThat(run(out, new StringWriter(), "splits", "--task", "local_megnet100_kvrh")).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.at("/metadata/random_state").asInt()).isEqualTo(42);
        JsonNode task = json.at("/splits/local_megnet100_kvrh");
        assertThat(task.get("hidden")).hasSize(15);
        assertThat(task.at("/fold_0/test").size() + task.at("/fold_0/train").size()).isEqualTo(85);
        StringWriter fullOut = new StringWriter();
        assertThat(run(fullOut, new StringWriter(), "splits", "--task", "local_megnet100_kvrh", "--full")).isZero();
        JsonNode full = new ObjectMapper().readTree(fullOut.toString()).at("/splits/local_megnet100_kvrh");
        assertThat(full.has("hidden")).isFalse();
        assertThat(full.at("/fold_0/test")).hasSize(20);
        assertThat(full.at("/fold_0/test/0").asText()).startsWith("local_megnet100_kvrh-");
    }

    @Test
    void splits_unknownTask_isAUsageError() {
        StringWriter err = new StringWriter();
        assertThat(run(new StringWriter(), err, "splits", "--task", "nope")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown task nope");
    }
}

package org.crystograph.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crystograph.benchmark.Scorer;
import org.crystograph.benchmark.TaskCatalog;
import org.crystograph.benchmark.TaskDefinition;
import org.crystograph.benchmark.TaskScore;
import org.crystograph.benchmark.service.Views;
import org.junit.jupiter.api.Test;

class LeaderboardViewTest {

    private static final String CATALOG = """
            version: "test"
            folds: 2
            fold_seed: 42
            metric: mae
            tasks:
              - {key: gap, track: official, class: bulk, property: band gap, label: gap, unit: eV, n: 4,
                 source: test, format: ub_json}
              - {key: tc, track: official, class: superconductors, property: T_c, label: tc, unit: K, n: 4,
                 source: test, format: ub_json}
            presets:
              pair: [gap, tc]
            """;

    private static final LeaderboardView.Links LINKS = new LeaderboardView.Links() {
        @Override
        public String taskCsv(String task, String track) {
            return "/csv/" + task + "/" + track;
        }

        @Override
        public String compositeCsv(String set) {
            return "/csv/set/" + set;
        }
    };

    private static TaskDefinition task(String key) throws Exception {
        return TaskCatalog.read(new ByteArrayInputStream(CATALOG.getBytes(StandardCharsets.UTF_8))).require(key);
    }

    private static Views.BoardEntry entry(int rank, long card, long submission, double... foldMae) {
        TaskScore.Summary mae = Scorer.summary(foldMae);
        return new Views.BoardEntry(rank, card, "Model" + card, "1.0", "team" + card, submission,
                OffsetDateTime.parse("2026-11-27T10:15:30Z"), java.util.Arrays.stream(foldMae).boxed().toList(), mae,
                mae, mae, mae.mean() / 2, null, 2, 3);
    }

    private static Views.TaskBoard board(String track, List<Views.BoardEntry> entries) {
        List<String> folds = track.equals("hidden") ? List.of("hidden") : List.of("fold_0", "fold_1");
        List<Double> base = track.equals("hidden") ? List.of(1.25) : List.of(1.0, 1.5);
        Views.BaselineRow baseline = new Views.BaselineRow("MAD baseline (training mean)", base, List.of(1.0, 1.0),
                Scorer.summary(base.stream().mapToDouble(Double::doubleValue).toArray()), 1.25);
        return new Views.TaskBoard("gap", track, "eV", folds, baseline, entries);
    }

    @Test
    void taskTable_keepsTheBenchmarksRanking_andFormatsFourSignificantDigits() throws Exception {
        Views.TaskBoard b = board("cv", List.of(entry(1, 7, 21, 0.1, 0.15), entry(2, 8, 22, 0.123456, 0.2)));
        LeaderboardView view = LeaderboardView.build(List.of(), List.of(new LeaderboardView.Board(task("gap"), b)),
                Map.of(7L, "{\"model_name\":\"Model7\",\"hyperparameters\":{\"layers\":3}}"), LINKS);
        LeaderboardView.TaskTable t = view.tasks().get(0);
        assertThat(t.id()).isEqualTo("task-gap");
        assertThat(t.rows()).extracting(LeaderboardView.TaskRow::model).containsExactly("Model7 1.0", "Model8 1.0");
        assertThat(t.rows().get(0).folds()).extracting(LeaderboardView.Cell::text).containsExactly("0.1", "0.15");
        assertThat(t.rows().get(1).folds()).extracting(LeaderboardView.Cell::text).containsExactly("0.1235", "0.2");
        assertThat(t.rows().get(0).mean().text()).isEqualTo("0.125");
        assertThat(t.rows().get(0).std().text()).isEqualTo("0.025");
        assertThat(t.rows().get(0).mean().sort()).isEqualTo("0.125");
        assertThat(t.rows().get(0).coverage().text()).isEqualTo("–");
        assertThat(t.rows().get(0).submitted()).isEqualTo("2026-11-27 10:15 UTC");
        assertThat(t.rows().get(0).href()).isEqualTo("/leaderboard/gap/21");
        assertThat(t.rows().get(0).card()).extracting(LeaderboardView.CardField::value)
                .containsExactly("Model7", "{\"layers\":3}");
        assertThat(t.rows().get(1).card()).isEmpty();
        assertThat(t.foldHeaders()).containsExactly("fold 0", "fold 1");
        assertThat(t.baseline().folds()).extracting(LeaderboardView.Cell::text).containsExactly("1", "1.5");
        assertThat(t.baseline().mean().text()).isEqualTo("1.25");
        assertThat(t.csvHref()).isEqualTo("/csv/gap/cv");
    }

    @Test
    void emptyBoards_areListedAsWaiting_hiddenBoardsGetTheirOwnTable() throws Exception {
        LeaderboardView view = LeaderboardView.build(List.of(), List.of(
                new LeaderboardView.Board(task("gap"), board("cv", List.of())),
                new LeaderboardView.Board(task("gap"), board("hidden", List.of(entry(1, 7, 30, 0.3)))),
                new LeaderboardView.Board(task("tc"), board("cv", List.of()))), Map.of(), LINKS);
        assertThat(view.waiting()).containsExactly("gap", "tc");
        assertThat(view.tasks()).singleElement().satisfies(t -> {
            assertThat(t.id()).isEqualTo("task-gap-hidden");
            assertThat(t.hidden()).isTrue();
            assertThat(t.foldHeaders()).containsExactly("hidden set");
        });
    }

    @Test
    void composite_showsSetsWithRankedModels_withPerTaskScores() {
        Map<String, Double> scaled = new LinkedHashMap<>();
        scaled.put("gap", 0.5);
        scaled.put("tc", 0.25);
        Views.CompositeBoard pair = new Views.CompositeBoard("pair", "cv", List.of("gap", "tc"), List.of("tc"),
                List.of(new Views.CompositeEntry(1, 7, "Model7", "1.0", "team7", 0.375, scaled)));
        Views.CompositeBoard empty = new Views.CompositeBoard("local", "cv", List.of("x"), List.of(), List.of());
        LeaderboardView view = LeaderboardView.build(List.of(pair, empty), List.of(), Map.of(), LINKS);
        assertThat(view.composites()).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo("composite-pair");
            assertThat(c.unavailable()).containsExactly("tc");
            assertThat(c.rows().get(0).composite().text()).isEqualTo("0.375");
            assertThat(c.rows().get(0).perTask()).extracting(LeaderboardView.Cell::text).containsExactly("0.5", "0.25");
            assertThat(c.csvHref()).isEqualTo("/csv/set/pair");
        });
    }

    @Test
    void format_usesFourSignificantDigits() {
        assertThat(LeaderboardView.format(0.123456)).isEqualTo("0.1235");
        assertThat(LeaderboardView.format(1234.5678)).isEqualTo("1235");
        assertThat(LeaderboardView.format(2.0)).isEqualTo("2");
        assertThat(LeaderboardView.format(Double.NaN)).isEqualTo("–");
        assertThat(LeaderboardView.format(2.5e-18)).isEqualTo("0");
    }
}

package org.crystograph.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.crystograph.benchmark.FoldScore;
import org.crystograph.benchmark.Scorer;
import org.crystograph.benchmark.TaskCatalog;
import org.crystograph.benchmark.TaskScore;
import org.junit.jupiter.api.Test;

class LeaderboardViewTest {

    private static final String CATALOG = """
            version: "test"
            folds: 2
            fold_seed: 42
            metric: mae
            tasks:
              - {key: gap, track: official, class: bulk, property: band gap, label: gap, unit: eV, n: 4,
                 source: test, format: ub_json, presets: [pair]}
              - {key: tc, track: official, class: superconductors, property: T_c, label: tc, unit: K, n: 4,
                 source: test, format: ub_json, presets: [pair]}
            presets:
              pair: [gap, tc]
            """;

    private static final LeaderboardView.Links LINKS = new LeaderboardView.Links() {
        @Override
        public String taskCsv(String task) {
            return "/csv/" + task;
        }

        @Override
        public String compositeCsv(String set) {
            return "/csv/set/" + set;
        }
    };

    /** Two folds of two test rows; training labels {0, 2} give mean 1 and MAD 1 in both folds. */
    private static TaskScore score(double offset) {
        List<FoldScore> folds = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            double[] truth = {1.0 + k, 3.0};
            double[] prediction = {truth[0] + offset, truth[1] - offset * (k + 1)};
            folds.add(Scorer.scoreFold(k, truth, prediction, null, new double[] {0.0, 2.0}));
        }
        return Scorer.summarise(folds);
    }

    private static BoardEntry entry(String task, long id, String model, double offset, int minute) {
        return new BoardEntry(task, false, id, "team-" + model, model, "1.0",
                Instant.parse("2026-11-27T10:00:00Z").plusSeconds(60L * minute), score(offset),
                Map.of("model_name", model, "hyperparameters", Map.of("layers", 3)), 1);
    }

    private static TaskCatalog catalog() throws Exception {
        return TaskCatalog.read(new ByteArrayInputStream(CATALOG.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void taskBoard_ranksByMeanMae_lowerFirst() throws Exception {
        LeaderboardView view = LeaderboardView.build(catalog(), List.of(entry("gap", 1, "B", 0.5, 0),
                entry("gap", 2, "A", 0.1, 1), entry("gap", 3, "C", 0.3, 2)), LINKS);
        LeaderboardView.TaskTable gap = view.tasks().get(0);
        assertThat(gap.rows()).extracting(LeaderboardView.TaskRow::model).containsExactly("A 1.0", "C 1.0", "B 1.0");
        assertThat(gap.rows()).extracting(LeaderboardView.TaskRow::rank).containsExactly(1, 2, 3);
        assertThat(gap.foldHeaders()).containsExactly("fold 0", "fold 1");
        assertThat(gap.csvHref()).isEqualTo("/csv/gap");
        assertThat(gap.rows().get(0).href()).isEqualTo("/leaderboard/gap/2");
    }

    @Test
    void taskBoard_foldMaesAndSummary_matchHandComputedValues() throws Exception {
        // offset 0.1: fold 0 errors 0.1, 0.1 -> MAE 0.1; fold 1 errors 0.1, 0.2 -> MAE 0.15; mean 0.125, std 0.025
        LeaderboardView view = LeaderboardView.build(catalog(), List.of(entry("gap", 2, "A", 0.1, 1)), LINKS);
        LeaderboardView.TaskRow row = view.tasks().get(0).rows().get(0);
        assertThat(row.folds()).extracting(LeaderboardView.Cell::text).containsExactly("0.1", "0.15");
        assertThat(Double.parseDouble(row.mean().sort())).isCloseTo(0.125, within(1e-12));
        assertThat(Double.parseDouble(row.std().sort())).isCloseTo(0.025, within(1e-12));
        assertThat(row.card()).extracting(LeaderboardView.CardField::value).contains("{\"layers\":3}");
    }

    @Test
    void baselineRow_isTheTrainingMeanPredictor() throws Exception {
        // training mean 1: fold 0 truth {1, 3} -> |0| + |2| -> MAE 1; fold 1 truth {2, 3} -> 1 + 2 -> 1.5; MAD 1
        LeaderboardView view = LeaderboardView.build(catalog(), List.of(entry("gap", 2, "A", 0.1, 1)), LINKS);
        LeaderboardView.BaselineRow baseline = view.tasks().get(0).baseline();
        assertThat(baseline.folds()).extracting(LeaderboardView.Cell::text).containsExactly("1", "1.5");
        assertThat(baseline.mean().text()).isEqualTo("1.25");
        assertThat(baseline.scaled().text()).isEqualTo("1.25");
    }

    @Test
    void composite_isRankedOnlyForModelsCoveringEveryTaskOfTheSet() throws Exception {
        LeaderboardView view = LeaderboardView.build(catalog(), List.of(
                entry("gap", 1, "A", 0.3, 0), entry("tc", 2, "A", 0.3, 1),
                entry("gap", 3, "B", 0.1, 2), entry("tc", 4, "B", 0.2, 3),
                entry("gap", 5, "C", 0.01, 4)), LINKS);
        assertThat(view.composites()).extracting(LeaderboardView.CompositeTable::name)
                .containsExactly("official", "pair");
        LeaderboardView.CompositeTable official = view.composites().get(0);
        assertThat(official.rows()).extracting(LeaderboardView.CompositeRow::model)
                .containsExactly("B 1.0", "A 1.0", "C 1.0");
        assertThat(official.rows()).extracting(LeaderboardView.CompositeRow::rank).containsExactly(1, 2, 0);
        assertThat(official.rows().get(2).composite().text()).isEqualTo("–");
        assertThat(official.rows().get(2).covered()).isEqualTo(1);
        // B: S(gap, 0.1) = 0.125 (MAD 1), S(tc, 0.2) = mean(0.2, 0.3) = 0.25 -> composite 0.1875
        assertThat(Double.parseDouble(official.rows().get(0).composite().sort())).isCloseTo(0.1875, within(1e-12));
    }

    @Test
    void format_usesFourSignificantDigits() {
        assertThat(LeaderboardView.format(0.123456)).isEqualTo("0.1235");
        assertThat(LeaderboardView.format(1234.5678)).isEqualTo("1235");
        assertThat(LeaderboardView.format(2.0)).isEqualTo("2");
        assertThat(LeaderboardView.format(Double.NaN)).isEqualTo("–");
    }
}

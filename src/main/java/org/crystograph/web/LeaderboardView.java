package org.crystograph.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.crystograph.benchmark.FoldScore;
import org.crystograph.benchmark.Scorer;
import org.crystograph.benchmark.TaskCatalog;
import org.crystograph.benchmark.TaskDefinition;
import org.crystograph.benchmark.TaskSample;

/**
 * The leaderboard page's content, built from scored submissions: the composite tables (mean MAE/MAD over a task set,
 * spec section 4) and one table per task and track, ranked by mean MAE over folds with the MAD baseline row. Pure:
 * every number comes from the {@link Scorer}'s results, formatted to four significant digits for display and kept
 * unrounded for sorting.
 *
 * @param composites one table per task set that has at least one entry
 * @param tasks one table per task and track that has at least one entry, in catalogue order
 */
public record LeaderboardView(List<CompositeTable> composites, List<TaskTable> tasks) {

    /** Significant digits shown for scores. */
    static final int SIGNIFICANT_DIGITS = 4;
    private static final MathContext DISPLAY = new MathContext(SIGNIFICANT_DIGITS);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Name of the composite over all official tasks. */
    static final String OFFICIAL_SET = "official";

    /** Copies the lists. */
    public LeaderboardView {
        composites = List.copyOf(composites);
        tasks = List.copyOf(tasks);
    }

    /**
     * A number shown in a table cell.
     *
     * @param text formatted value ("–" when absent)
     * @param sort unrounded value for sorting ("" when absent, sorted last)
     */
    public record Cell(String text, String sort) {
        static final Cell EMPTY = new Cell("–", "");

        static Cell of(double value) {
            return new Cell(format(value), Double.toString(value));
        }
    }

    /**
     * One model card field.
     *
     * @param name field name, as in the card
     * @param value its value; nested values as compact JSON
     */
    public record CardField(String name, String value) {
    }

    /**
     * A ranked row of a task table.
     *
     * @param rank 1-based rank by mean MAE
     * @param submissionId the submission
     * @param model model name and version
     * @param team team name
     * @param folds MAE per fold, in fold order
     * @param mean mean MAE over folds
     * @param std population standard deviation of the fold MAEs
     * @param scaled S, the mean of MAE/MAD over folds
     * @param coverage 95% interval coverage when uncertainties were submitted, else empty
     * @param submitted submission time, UTC
     * @param teamSubmissions how many submissions the team made on this task
     * @param card model card fields
     * @param href link to the submission's page (parity plot and histogram)
     */
    public record TaskRow(int rank, long submissionId, String model, String team, List<Cell> folds, Cell mean,
            Cell std, Cell scaled, Cell coverage, String submitted, int teamSubmissions, List<CardField> card,
            String href) {
    }

    /**
     * The dummy predictor's row: the training mean of each fold, scored like a submission.
     *
     * @param folds baseline MAE per fold
     * @param mean mean over folds
     * @param std population standard deviation over folds
     * @param scaled mean over folds of baseline MAE / MAD
     */
    public record BaselineRow(List<Cell> folds, Cell mean, Cell std, Cell scaled) {
    }

    /**
     * One task board.
     *
     * @param id HTML id ({@code task-<key>} or {@code task-<key>-hidden})
     * @param key task key
     * @param hidden whether this is the hidden test track
     * @param property property name
     * @param unit unit of the label and of the MAE
     * @param materialClass material class
     * @param foldHeaders column headers of the fold columns
     * @param rows ranked rows
     * @param baseline the MAD baseline row
     * @param csvHref the API's CSV export of this board
     */
    public record TaskTable(String id, String key, boolean hidden, String property, String unit,
            String materialClass, List<String> foldHeaders, List<TaskRow> rows, BaselineRow baseline,
            String csvHref) {
    }

    /**
     * A composite row: one model's unit-free score over a task set.
     *
     * @param rank 1-based rank among entries covering the whole set; 0 for partial coverage (not ranked)
     * @param model model name and version
     * @param team team name
     * @param composite mean of S over the set's tasks ("–" unless every task is covered)
     * @param covered tasks of the set the model has an entry on
     * @param perTask S per task of the set, in the set's order
     */
    public record CompositeRow(int rank, String model, String team, Cell composite, int covered, List<Cell> perTask) {
    }

    /**
     * A composite table.
     *
     * @param id HTML id
     * @param name task set name ("official", "local" or a preset)
     * @param taskKeys tasks of the set
     * @param rows models ranked by composite (full coverage first)
     * @param csvHref the API's CSV export of the composite board
     */
    public record CompositeTable(String id, String name, List<String> taskKeys, List<CompositeRow> rows,
            String csvHref) {
    }

    /**
     * Builds the page content.
     *
     * @param catalog the task catalogue (order, sets, units)
     * @param entries ranked entries of every task (the latest valid submission of each model card per task)
     * @param links where the CSV exports and submission pages live
     */
    public static LeaderboardView build(TaskCatalog catalog, List<BoardEntry> entries, Links links) {
        List<TaskTable> tables = new ArrayList<>();
        for (TaskDefinition task : catalog.tasks()) {
            for (boolean hidden : new boolean[] {false, true}) {
                List<BoardEntry> mine = entries.stream()
                        .filter(e -> e.task().equals(task.key()) && e.hidden() == hidden).toList();
                if (!mine.isEmpty()) {
                    tables.add(taskTable(task, hidden, mine, links));
                }
            }
        }
        List<CompositeTable> composites = new ArrayList<>();
        for (Map.Entry<String, List<String>> set : taskSets(catalog).entrySet()) {
            compositeTable(set.getKey(), set.getValue(), entries, links).ifPresent(composites::add);
        }
        return new LeaderboardView(composites, tables);
    }

    /** The task sets composites are computed over: all official tasks, all local tasks, then each preset. */
    static Map<String, List<String>> taskSets(TaskCatalog catalog) {
        Map<String, List<String>> sets = new LinkedHashMap<>();
        sets.put(OFFICIAL_SET, catalog.tasks().stream().filter(t -> t.track() == TaskDefinition.Track.OFFICIAL)
                .map(TaskDefinition::key).toList());
        sets.put(TaskCatalog.LOCAL_SET, catalog.tasks().stream().filter(t -> t.track() == TaskDefinition.Track.LOCAL)
                .map(TaskDefinition::key).toList());
        if (catalog.presets() != null) {
            catalog.presets().forEach((name, keys) -> sets.putIfAbsent(name, List.copyOf(keys)));
        }
        sets.values().removeIf(List::isEmpty);
        return sets;
    }

    private static TaskTable taskTable(TaskDefinition task, boolean hidden, List<BoardEntry> entries, Links links) {
        List<BoardEntry> ranked = new ArrayList<>(entries);
        ranked.sort(Comparator.comparingDouble((BoardEntry e) -> e.score().mae().mean())
                .thenComparing(BoardEntry::submittedAt));
        List<TaskRow> rows = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            BoardEntry e = ranked.get(i);
            List<Cell> folds = e.score().folds().stream().map(f -> Cell.of(f.mae())).toList();
            Cell coverage = Cell.EMPTY;
            if (e.score().folds().stream().allMatch(f -> f.calibration() != null)) {
                coverage = Cell.of(e.score().folds().stream().mapToDouble(f -> f.calibration().coverage95())
                        .average().orElseThrow());
            }
            rows.add(new TaskRow(i + 1, e.submissionId(), e.model(), e.team(), folds, Cell.of(e.score().mae().mean()),
                    Cell.of(e.score().mae().std()), Cell.of(e.score().scaledScore()), coverage,
                    TIME.format(e.submittedAt()), e.teamSubmissions(), card(e.modelCard()),
                    links.submissionPage(task.key(), e.submissionId())));
        }
        List<FoldScore> reference = ranked.get(0).score().folds();
        double[] baseline = reference.stream().mapToDouble(FoldScore::baselineMae).toArray();
        double scaled = reference.stream().mapToDouble(f -> f.baselineMae() / f.mad()).average().orElseThrow();
        var summary = Scorer.summary(baseline);
        BaselineRow baselineRow = new BaselineRow(reference.stream().map(f -> Cell.of(f.baselineMae())).toList(),
                Cell.of(summary.mean()), Cell.of(summary.std()), Cell.of(scaled));
        List<String> headers = reference.stream()
                .map(f -> f.fold() == TaskSample.HIDDEN ? "hidden set" : "fold " + f.fold()).toList();
        String id = "task-" + task.key() + (hidden ? "-hidden" : "");
        return new TaskTable(id, task.key(), hidden, task.property(), task.unit(), task.materialClass(), headers,
                rows, baselineRow, links.taskCsv(task.key()));
    }

    private static Optional<CompositeTable> compositeTable(String name, List<String> keys, List<BoardEntry> entries,
            Links links) {
        // one row per (team, model): its 5-fold entries on the set's tasks
        Map<String, Map<String, BoardEntry>> byModel = new LinkedHashMap<>();
        for (BoardEntry e : entries) {
            if (!e.hidden() && keys.contains(e.task())) {
                byModel.computeIfAbsent(e.team() + "\u0000" + e.model(), k -> new LinkedHashMap<>())
                        .merge(e.task(), e, (a, b) -> a.submittedAt().isAfter(b.submittedAt()) ? a : b);
            }
        }
        if (byModel.isEmpty()) {
            return Optional.empty();
        }
        record Scored(BoardEntry any, Map<String, BoardEntry> tasks, double composite) {
        }
        List<Scored> scored = new ArrayList<>();
        for (Map<String, BoardEntry> tasks : byModel.values()) {
            double composite = tasks.size() == keys.size()
                    ? Scorer.composite(keys.stream().map(k -> tasks.get(k).score().scaledScore()).toList())
                    : Double.NaN;
            scored.add(new Scored(tasks.values().iterator().next(), tasks, composite));
        }
        scored.sort(Comparator.comparing((Scored s) -> Double.isNaN(s.composite()))
                .thenComparingDouble(s -> Double.isNaN(s.composite()) ? -s.tasks().size() : s.composite())
                .thenComparing(s -> s.any().model()));
        List<CompositeRow> rows = new ArrayList<>();
        int rank = 0;
        for (Scored s : scored) {
            boolean full = !Double.isNaN(s.composite());
            List<Cell> perTask = keys.stream().map(k -> s.tasks().containsKey(k)
                    ? Cell.of(s.tasks().get(k).score().scaledScore()) : Cell.EMPTY).toList();
            rows.add(new CompositeRow(full ? ++rank : 0, s.any().model(), s.any().team(),
                    full ? Cell.of(s.composite()) : Cell.EMPTY, s.tasks().size(), perTask));
        }
        return Optional.of(new CompositeTable("composite-" + name, name, keys, rows, links.compositeCsv(name)));
    }

    private static List<CardField> card(Map<String, Object> card) {
        List<CardField> fields = new ArrayList<>();
        card.forEach((k, v) -> fields.add(new CardField(k, cardValue(v))));
        return fields;
    }

    private static String cardValue(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            try {
                return JSON.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                return value.toString();
            }
        }
        return value.toString();
    }

    /** A value with {@link #SIGNIFICANT_DIGITS} significant digits, plain notation. */
    static String format(double value) {
        if (!Double.isFinite(value)) {
            return "–";
        }
        if (value == 0) {
            return "0";
        }
        return new BigDecimal(value).round(DISPLAY).stripTrailingZeros().toPlainString();
    }

    /** Where the leaderboard links to: CSV exports and submission pages. */
    public interface Links {
        /** CSV export of one task board. */
        String taskCsv(String task);

        /** CSV export of a composite board over a task set. */
        String compositeCsv(String set);

        /** The page of one submission. */
        default String submissionPage(String task, long submissionId) {
            return "/leaderboard/" + task + "/" + submissionId;
        }
    }
}

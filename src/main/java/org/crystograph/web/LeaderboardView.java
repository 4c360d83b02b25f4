package org.crystograph.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.crystograph.benchmark.TaskDefinition;
import org.crystograph.benchmark.service.Views;
import org.crystograph.benchmark.submission.SubmissionPayload;

/**
 * The leaderboard page's content, formatted from the benchmark's own boards ({@link Views.TaskBoard},
 * {@link Views.CompositeBoard}): ranks, scores and baselines are the benchmark service's, this class only formats
 * them (four significant digits for display, unrounded values kept for sorting) and attaches model cards and links.
 *
 * @param composites one table per task set with at least one ranked model
 * @param tasks one table per task and track with at least one entry, in catalogue order
 * @param waiting available tasks without entries yet (cv track)
 */
public record LeaderboardView(List<CompositeTable> composites, List<TaskTable> tasks, List<String> waiting) {

    /** Significant digits shown for scores. */
    static final int SIGNIFICANT_DIGITS = 4;
    /** Magnitudes below this are shown as 0 (scores are never meaningful at this scale). */
    static final double NEGLIGIBLE = 1e-12;
    private static final MathContext DISPLAY = new MathContext(SIGNIFICANT_DIGITS);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Copies the lists. */
    public LeaderboardView {
        composites = List.copyOf(composites);
        tasks = List.copyOf(tasks);
        waiting = List.copyOf(waiting);
    }

    /** An empty page. */
    public static LeaderboardView empty() {
        return new LeaderboardView(List.of(), List.of(), List.of());
    }

    /**
     * A number shown in a table cell.
     *
     * @param text formatted value ("–" when absent)
     * @param sort unrounded value for sorting ("" when absent, sorted last)
     */
    public record Cell(String text, String sort) {
        static final Cell EMPTY = new Cell("–", "");

        static Cell of(Double value) {
            return value == null ? EMPTY : new Cell(format(value), Double.toString(value));
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
     * @param rank 1-based rank by mean MAE (the benchmark's)
     * @param submissionId the submission
     * @param model model name and version
     * @param team team name
     * @param folds MAE per fold, in fold order
     * @param mean mean MAE over folds
     * @param std population standard deviation of the fold MAEs
     * @param scaled S, the mean of MAE/MAD over folds
     * @param coverage 95% interval coverage when uncertainties were submitted
     * @param submitted submission time, UTC
     * @param teamSubmissions scored submissions of the team on this task
     * @param card model card fields
     * @param href link to the submission's page (parity plot and histogram)
     */
    public record TaskRow(int rank, long submissionId, String model, String team, List<Cell> folds, Cell mean,
            Cell std, Cell scaled, Cell coverage, String submitted, long teamSubmissions, List<CardField> card,
            String href) {
    }

    /**
     * The dummy predictor's row: the training mean of each fold, scored like a submission.
     *
     * @param name its label
     * @param folds baseline MAE per fold
     * @param mean mean over folds
     * @param std population standard deviation over folds
     * @param scaled mean over folds of baseline MAE / MAD
     */
    public record BaselineRow(String name, List<Cell> folds, Cell mean, Cell std, Cell scaled) {
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
     * A composite row: one model card's unit-free score over a task set.
     *
     * @param rank 1-based rank (the benchmark's)
     * @param model model name and version
     * @param team team name
     * @param composite mean of S over the set's tasks
     * @param perTask S per task of the set, in the set's order
     */
    public record CompositeRow(int rank, String model, String team, Cell composite, List<Cell> perTask) {
    }

    /**
     * A composite table.
     *
     * @param id HTML id
     * @param name task set name
     * @param taskKeys tasks of the set
     * @param unavailable tasks of the set whose data this server lacks
     * @param rows ranked models
     * @param csvHref the API's CSV export of the composite board
     */
    public record CompositeTable(String id, String name, List<String> taskKeys, List<String> unavailable,
            List<CompositeRow> rows, String csvHref) {
    }

    /** A task definition with its board. */
    public record Board(TaskDefinition task, Views.TaskBoard board) {
    }

    /**
     * Formats the boards.
     *
     * @param composites composite boards (those without entries are left out)
     * @param boards task boards in display order (those without entries are listed as waiting)
     * @param cards model card JSON by model card id
     * @param links where the CSV exports and submission pages live
     */
    public static LeaderboardView build(List<Views.CompositeBoard> composites, List<Board> boards,
            Map<Long, String> cards, Links links) {
        List<CompositeTable> compositeTables = new ArrayList<>();
        for (Views.CompositeBoard c : composites) {
            if (c.entries().isEmpty()) {
                continue;
            }
            List<CompositeRow> rows = c.entries().stream().map(e -> new CompositeRow(e.rank(),
                    model(e.modelName(), e.modelVersion()), e.team(), Cell.of(e.composite()),
                    c.tasks().stream().map(t -> Cell.of(e.scaledScores().get(t))).toList())).toList();
            compositeTables.add(new CompositeTable("composite-" + c.set(), c.set(), c.tasks(), c.unavailableTasks(),
                    rows, links.compositeCsv(c.set())));
        }
        List<TaskTable> tables = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        for (Board b : boards) {
            if (b.board().entries().isEmpty()) {
                if (!hidden(b.board())) {
                    waiting.add(b.task().key());
                }
                continue;
            }
            tables.add(taskTable(b.task(), b.board(), cards, links));
        }
        return new LeaderboardView(compositeTables, tables, waiting);
    }

    /** Formats one task board. */
    static TaskTable taskTable(TaskDefinition task, Views.TaskBoard board, Map<Long, String> cards, Links links) {
        boolean hidden = hidden(board);
        List<TaskRow> rows = new ArrayList<>();
        for (Views.BoardEntry e : board.entries()) {
            rows.add(new TaskRow(e.rank(), e.submissionId(), model(e.modelName(), e.modelVersion()), e.team(),
                    e.foldMae().stream().map(Cell::of).toList(), Cell.of(e.mae().mean()), Cell.of(e.mae().std()),
                    Cell.of(e.scaledScore()), Cell.of(e.coverage95()), TIME.format(e.submittedAt()),
                    e.teamScoredSubmissions(), card(cards.get(e.modelCardId())),
                    links.submissionPage(task.key(), e.submissionId())));
        }
        Views.BaselineRow base = board.baseline();
        BaselineRow baseline = new BaselineRow(base.name(), base.foldMae().stream().map(Cell::of).toList(),
                Cell.of(base.mae().mean()), Cell.of(base.mae().std()), Cell.of(base.scaledScore()));
        List<String> headers = board.folds().stream().map(LeaderboardView::foldHeader).toList();
        return new TaskTable("task-" + task.key() + (hidden ? "-hidden" : ""), task.key(), hidden, task.property(),
                task.unit(), task.materialClass(), headers, rows, baseline, links.taskCsv(task.key(), board.track()));
    }

    private static boolean hidden(Views.TaskBoard board) {
        return SubmissionPayload.Track.HIDDEN.wire().equals(board.track());
    }

    /** {@code fold_3} becomes {@code fold 3}, {@code hidden} becomes {@code hidden set}. */
    static String foldHeader(String wire) {
        return SubmissionPayload.HIDDEN_KEY.equals(wire) ? "hidden set" : wire.replace('_', ' ');
    }

    private static String model(String name, String version) {
        return version == null || version.isBlank() ? name : name + " " + version;
    }

    /** The card's top-level fields in order; nested values as compact JSON. */
    static List<CardField> card(String json) {
        if (json == null) {
            return List.of();
        }
        List<CardField> fields = new ArrayList<>();
        try {
            JsonNode root = JSON.readTree(json);
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> f = it.next();
                fields.add(new CardField(f.getKey(), f.getValue().isValueNode() ? f.getValue().asText()
                        : JSON.writeValueAsString(f.getValue())));
            }
        } catch (JsonProcessingException e) {
            // cards are validated JSON when registered; show the raw text if it ever is not
            return List.of(new CardField("card", json));
        }
        return fields;
    }

    /** A value with {@link #SIGNIFICANT_DIGITS} significant digits, plain notation. */
    static String format(double value) {
        if (!Double.isFinite(value)) {
            return "–";
        }
        if (Math.abs(value) < NEGLIGIBLE) {
            // rounding noise such as the std of five equal fold MAEs (1e-18) reads as zero
            return "0";
        }
        return new BigDecimal(value).round(DISPLAY).stripTrailingZeros().toPlainString();
    }

    /** Where the leaderboard links to: CSV exports and submission pages. */
    public interface Links {
        /** CSV export of one task board and track. */
        String taskCsv(String task, String track);

        /** CSV export of a composite board over a task set. */
        String compositeCsv(String set);

        /** The page of one submission. */
        default String submissionPage(String task, long submissionId) {
            return "/leaderboard/" + task + "/" + submissionId;
        }
    }
}

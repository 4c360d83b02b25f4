package org.crystograph.benchmark.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.crystograph.benchmark.FoldScore;
import org.crystograph.benchmark.TaskScore;
import org.crystograph.benchmark.submission.Violation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Read models returned by the benchmark services and serialised by the REST edge (snake_case JSON). None of them
 * has a field for a hidden-track label. The {@code @Schema} annotations shape their description in the served OpenAPI
 * document (the contract is {@code openapi.yaml}): timestamps are RFC 3339 strings, closed value sets are enums.
 */
public final class Views {

    /** OpenAPI format of the timestamps (RFC 3339). */
    private static final String DATE_TIME = "date-time";

    private Views() {
    }

    /** Public metadata of a task. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TaskSummary(String key, @Schema(enumeration = {"official", "local"}) String track,
            String materialClass, String property, String label, String unit, int n, String source, String format,
            String metric, boolean available, boolean open, Integer fileRows, Integer nPublic, Integer nHidden,
            boolean hiddenTrack, List<String> presets, String licence, String citation, String dataSha256,
            String splitSha256) {
    }

    /** A public sample with its fold and (public) label. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PublicSample(String id, int fold, double label, String structureFile) {
    }

    /** A sample id without a label (test rows, hidden-track rows). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SampleRef(String id, String structureFile) {
    }

    /** Task page: metadata, fold sizes, public samples with labels, hidden ids. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TaskDetail(TaskSummary task, List<Integer> foldSizes, List<PublicSample> samples,
            List<SampleRef> hiddenIds) {
    }

    /** One fold: its test ids and its training rows with labels. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record FoldView(String task, int fold, List<SampleRef> test, List<PublicSample> train) {
    }

    /** A newly created team; the token is shown once. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CreatedTeam(long id, String name, String token) {
    }

    /** A registered model card. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ModelCardView(long id, String team, String modelName, String modelVersion,
            @Schema(implementation = String.class, format = DATE_TIME) OffsetDateTime createdAt,
            @Schema(ref = "ModelCard", description = "The card as registered.") @JsonRawValue String card) {
    }

    /** Metrics of one fold (no per-row data). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FoldMetrics(String fold, int n, double mae, double rmse, double maxError, double mad,
            double baselineMae, double scaled, Double coverage95, Double miscalibration, Double meanNll) {

        /** From the pure score. */
        public static FoldMetrics of(FoldScore s) {
            FoldScore.Calibration c = s.calibration();
            return new FoldMetrics(s.fold() < 0 ? "hidden" : "fold_" + s.fold(), s.n(), s.mae(), s.rmse(),
                    s.maxError(), s.mad(), s.baselineMae(), s.scaled(), c == null ? null : c.coverage95(),
                    c == null ? null : c.miscalibration(), c == null ? null : c.meanNll());
        }
    }

    /** Task-level metrics of a submission. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Scores(List<FoldMetrics> folds, TaskScore.Summary mae, TaskScore.Summary rmse,
            TaskScore.Summary maxError, TaskScore.Summary baselineMae, double scaledScore, Double coverage95,
            Double miscalibration, Double meanNll) {

        /** Summarises fold scores. */
        public static Scores of(List<FoldScore> folds) {
            TaskScore t = org.crystograph.benchmark.Scorer.summarise(folds);
            boolean cal = folds.stream().allMatch(f -> f.calibration() != null);
            return new Scores(folds.stream().map(FoldMetrics::of).toList(), t.mae(), t.rmse(), t.maxError(),
                    t.baselineMae(), t.scaledScore(),
                    cal ? folds.stream().mapToDouble(f -> f.calibration().coverage95()).average().orElseThrow() : null,
                    cal ? folds.stream().mapToDouble(f -> f.calibration().miscalibration()).average().orElseThrow()
                            : null,
                    cal ? folds.stream().mapToDouble(f -> f.calibration().meanNll()).average().orElseThrow() : null);
        }
    }

    /**
     * A submission-log entry as shown to clients (never the payload, never per-row data): {@code errors} for a
     * rejected attempt, {@code limit} for a rate-limited one, {@code scores} for an accepted one.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Submission")
    public record SubmissionView(long id, String team, String task, String track,
            @Schema(enumeration = {"accepted", "rejected", "rate_limited"}) String outcome, int status,
            @Schema(implementation = String.class, format = DATE_TIME) OffsetDateTime createdAt, Long modelCardId,
            String payloadSha256, long payloadBytes, String idempotencyKey, List<Violation> errors, Quota limit,
            Scores scores) {
    }

    /**
     * The quota a rate-limited attempt reached.
     *
     * @param rule {@code rejected_per_day}, {@code scored_per_day} or {@code scored_per_30_days}
     * @param max attempts the quota allows in its window
     * @param window the window, {@code 24h} or {@code 30d}
     */
    public record Quota(String rule, int max, String window) {
    }

    /** Result of a submission attempt: the log entry and whether it replays an earlier identical request. */
    public record SubmitResult(SubmissionView submission, boolean replay) {
    }

    /** One row of a task board. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BoardEntry(int rank, long modelCardId, String modelName, String modelVersion, String team,
            long submissionId, @Schema(implementation = String.class, format = DATE_TIME) OffsetDateTime submittedAt,
            List<Double> foldMae, TaskScore.Summary mae, TaskScore.Summary rmse, TaskScore.Summary maxError,
            double scaledScore, Double coverage95, long teamScoredSubmissions, long teamSubmissions) {
    }

    /** The MAD-baseline row: the training-mean predictor, per fold. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record BaselineRow(String name, List<Double> foldMae, List<Double> foldMad, TaskScore.Summary mae,
            double scaledScore) {
    }

    /** A task board. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TaskBoard(String task, String track, String unit, List<String> folds, BaselineRow baseline,
            List<BoardEntry> entries) {
    }

    /** One row of a composite board. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CompositeEntry(int rank, long modelCardId, String modelName, String modelVersion, String team,
            double composite, Map<String, Double> scaledScores) {
    }

    /** A composite board over a task set. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CompositeBoard(String set, String track, List<String> tasks, List<String> unavailableTasks,
            List<CompositeEntry> entries) {
    }
}

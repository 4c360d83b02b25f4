package org.crystograph.api.benchmark;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;
import org.crystograph.api.Problem;
import org.crystograph.benchmark.service.Views;
import org.crystograph.benchmark.submission.ModelCardValidator;
import org.crystograph.benchmark.submission.SubmissionParser;
import org.crystograph.benchmark.submission.Violation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * JSON documents that the benchmark endpoints read as trees or write as problem extension members, declared as records
 * only so that the served OpenAPI document can describe them ({@code openapi.yaml} is the contract). Nothing creates
 * them: submissions are read by {@link SubmissionParser}, model cards are checked by {@link ModelCardValidator}, and
 * the constraints written here are the rules those two enforce.
 */
final class BenchmarkSchemas {

    private BenchmarkSchemas() {
    }

    /**
     * A JSON submission: five folds of predictions (track cv) or one prediction per hidden id (track hidden).
     *
     * @param modelCardId the submitting team's model card
     * @param track the track, cv when absent
     * @param folds rows per fold key, exactly {@code fold_0} .. {@code fold_4} (track cv)
     * @param predictions one row per hidden id (track hidden)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "SubmissionPayload", additionalProperties = Schema.False.class)
    record SubmissionPayload(
            @Schema(required = true) long modelCardId,
            @Schema(enumeration = {"cv", "hidden"}, defaultValue = "cv") String track,
            @Schema(description = "exactly fold_0 .. fold_4 (track cv)") Map<String, List<PredictionRow>> folds,
            @Schema(description = "one row per hidden id (track hidden)") List<PredictionRow> predictions) {
    }

    /**
     * One submitted prediction.
     *
     * @param id sample id
     * @param prediction the predicted value, finite, in the label's unit
     * @param std optional standard deviation, on every row or on none
     */
    @Schema(name = "PredictionRow", additionalProperties = Schema.False.class)
    record PredictionRow(
            @Schema(required = true) String id,
            @Schema(required = true) double prediction,
            @Schema(exclusiveMinimum = true, minimum = "0") Double std) {
    }

    /**
     * The problem document of a rejected or rate-limited submission: a {@link Problem} with the id of the logged
     * attempt and either the violated rules or the quota reached.
     *
     * @param submissionId the attempt's entry in the submission log
     * @param errors every violated rule (rejected attempts)
     * @param limit the quota reached (rate-limited attempts)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "SubmissionProblem", allOf = Problem.class)
    record SubmissionProblem(long submissionId, List<Violation> errors, Views.Quota limit) {
    }

    /**
     * A model card (UnconvBench spec section 6, after Matbench Discovery); unknown keys are rejected.
     *
     * @param modelName model name
     * @param modelVersion model version
     * @param date release date
     * @param authors at least one author
     * @param contactEmail contact address
     * @param repoUrl http(s) URL of the code
     * @param paper DOI or URL of the paper
     * @param codeLicence SPDX identifier of the code's licence
     * @param checkpointLicence SPDX identifier of the checkpoint's licence
     * @param openness open/closed source x open/closed data
     * @param modelParams number of trainable parameters
     * @param trainingSets datasets trained on
     * @param hyperparameters free key/value pairs
     * @param environment runtime -> version
     * @param checkpointUrl http(s) URL of the checkpoint
     * @param checkpointSha256 SHA-256 of the checkpoint
     * @param hardware device type x count
     * @param runTimeSec task -> training and prediction seconds
     * @param maxRssGb peak resident memory, GB
     * @param maxGpuMemGb peak GPU memory, GB (0 without GPU)
     * @param trainingCost device-hours
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "ModelCard", additionalProperties = Schema.False.class)
    record ModelCard(
            @Schema(required = true) String modelName,
            @Schema(required = true) String modelVersion,
            @Schema(required = true, format = "date") String date,
            @Schema(required = true, minItems = 1) List<ModelCardAuthor> authors,
            @Schema(required = true, format = "email") String contactEmail,
            @Schema(required = true, format = "uri") String repoUrl,
            String paper,
            @Schema(required = true, description = "SPDX identifier") String codeLicence,
            @Schema(required = true, description = "SPDX identifier") String checkpointLicence,
            @Schema(required = true, enumeration = {"OSOD", "OSCD", "CSOD", "CSCD"}) String openness,
            @Schema(required = true, minimum = "1") long modelParams,
            @Schema(required = true, minItems = 1) List<String> trainingSets,
            @Schema(required = true) Map<String, Object> hyperparameters,
            @Schema(required = true, minProperties = 1) Map<String, String> environment,
            @Schema(format = "uri") String checkpointUrl,
            @Schema(pattern = "^[0-9a-f]{64}$") String checkpointSha256,
            @Schema(required = true) String hardware,
            @Schema(required = true, minProperties = 1) Map<String, RunTime> runTimeSec,
            @Schema(required = true, minimum = "0") double maxRssGb,
            @Schema(required = true, minimum = "0") double maxGpuMemGb,
            @Schema(minimum = "0") Double trainingCost) {
    }

    /**
     * An author of a model card.
     *
     * @param name name
     * @param affiliation affiliation
     * @param orcid ORCID iD
     */
    @Schema(name = "ModelCardAuthor", additionalProperties = Schema.False.class)
    record ModelCardAuthor(
            @Schema(required = true) String name,
            @Schema(required = true) String affiliation,
            @Schema(pattern = "^\\d{4}-\\d{4}-\\d{4}-\\d{3}[\\dX]$") String orcid) {
    }

    /**
     * Run times of one task.
     *
     * @param train training seconds
     * @param predict prediction seconds
     */
    @Schema(name = "RunTime", additionalProperties = Schema.False.class)
    record RunTime(
            @Schema(required = true, minimum = "0") double train,
            @Schema(required = true, minimum = "0") double predict) {
    }
}

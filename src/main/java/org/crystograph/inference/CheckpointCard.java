package org.crystograph.inference;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Provenance of one checkpoint of a served model, from its {@code checkpoint.json}.
 *
 * @param name checkpoint directory name
 * @param sha256 SHA-256 (hex) of the checkpoint's files, see {@link CheckpointDigest}
 * @param task training task identifier (for example an UnconvBench task), may be null
 * @param fold cross-validation fold the checkpoint was trained on, may be null
 * @param seed training seed, may be null
 * @param dataHash hash of the training data, may be null
 * @param gitCommit source revision that trained it, may be null
 * @param parameters number of trainable parameters, may be null
 * @param epoch training epoch of the weights, may be null
 * @param metrics validation and test metrics in the label's unit (for example {@code test_mae}), may be empty
 * @param created creation time (ISO-8601), may be null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckpointCard(
        String name,
        String sha256,
        String task,
        Integer fold,
        Long seed,
        @JsonProperty("data_hash") String dataHash,
        @JsonProperty("git_commit") String gitCommit,
        Long parameters,
        Integer epoch,
        java.util.Map<String, Double> metrics,
        String created) {
}

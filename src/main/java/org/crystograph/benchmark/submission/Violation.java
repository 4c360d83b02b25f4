package org.crystograph.benchmark.submission;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One broken submission rule (spec section 5), machine-readable. The {@code @Schema} annotations describe it in the
 * served OpenAPI document: the rule names listed there are every rule the validators report.
 *
 * @param rule rule name, e.g. {@code missing_ids}, {@code non_finite_prediction}
 * @param fold fold key ({@code fold_0}..{@code fold_4}, {@code hidden}) or null when the rule spans folds
 * @param count number of offending rows or keys
 * @param ids the first {@link #MAX_EXAMPLES} offending ids (or fold keys, or field names)
 * @param message human-readable explanation
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "One violated submission or model-card rule.")
public record Violation(
        @Schema(enumeration = {"task", "folds", "missing_ids", "unknown_ids", "duplicate_ids", "non_numeric_prediction",
            "non_finite_prediction", "invalid_std", "partial_std", "size", "model_card", "format", "track",
            "idempotency_key"}) String rule,
        @Schema(description = "fold_0 .. fold_4 or hidden; absent when the rule spans folds") String fold,
        int count,
        @Schema(maxItems = MAX_EXAMPLES, description = "the first 20 offending ids (or fold keys, or field names)")
        List<String> ids,
        String message) {

    /** How many offending ids a violation lists at most. */
    public static final int MAX_EXAMPLES = 20;

    /** Truncates the id list to {@link #MAX_EXAMPLES}. */
    public Violation {
        ids = ids == null ? List.of() : List.copyOf(ids.subList(0, Math.min(ids.size(), MAX_EXAMPLES)));
    }

    /** A violation without ids. */
    public static Violation of(String rule, String fold, String message) {
        return new Violation(rule, fold, 1, List.of(), message);
    }
}

package org.crystograph.benchmark.submission;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One broken submission rule (spec section 5), machine-readable.
 *
 * @param rule rule name, e.g. {@code missing_ids}, {@code non_finite_prediction}
 * @param fold fold key ({@code fold_0}..{@code fold_4}, {@code hidden}) or null when the rule spans folds
 * @param count number of offending rows or keys
 * @param ids the first {@link #MAX_EXAMPLES} offending ids (or fold keys, or field names)
 * @param message human-readable explanation
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Violation(String rule, String fold, int count, List<String> ids, String message) {

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

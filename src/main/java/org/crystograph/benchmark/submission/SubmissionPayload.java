package org.crystograph.benchmark.submission;

import java.util.List;
import java.util.Map;

/**
 * A parsed submission: the rows per fold key in upload order, the model card it references, and the format problems
 * found while parsing (a payload with format problems is rejected as a whole).
 *
 * @param track {@code cv} (five folds) or {@code hidden} (one prediction per hidden id)
 * @param modelCardId referenced model card, or null when absent
 * @param folds rows per fold key ({@code fold_0}..{@code fold_4}, or {@code hidden}); a key given twice is reported
 *              in {@code problems}
 * @param problems format violations found while parsing
 */
public record SubmissionPayload(Track track, Long modelCardId, Map<String, List<PredictionRow>> folds,
        List<Violation> problems) {

    /** Submission track. */
    public enum Track {
        /** the public 5-fold cross-validation track */
        CV,
        /** the hidden test track */
        HIDDEN;

        /** Lower-case wire name. */
        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** Parses a wire name (case-insensitive); null for an unknown name. */
        public static Track parse(String s) {
            if (s == null) {
                return null;
            }
            return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "cv" -> CV;
                case "hidden" -> HIDDEN;
                default -> null;
            };
        }
    }

    /** The fold key under which hidden-track rows are filed. */
    public static final String HIDDEN_KEY = "hidden";

    /** Copies the collections in, keeping the key order. */
    public SubmissionPayload {
        folds = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(folds));
        problems = List.copyOf(problems);
    }
}

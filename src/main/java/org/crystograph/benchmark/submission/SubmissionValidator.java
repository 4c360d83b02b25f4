package org.crystograph.benchmark.submission;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * All-or-nothing validation of a parsed submission against the expected id sets (spec section 5 rules table): fold
 * keys, exact id sets (missing and unknown reported separately), one row per id within and across folds, finite
 * numeric predictions, and {@code std} on every row or none, finite and positive. Pure.
 */
public final class SubmissionValidator {

    private SubmissionValidator() {
    }

    /**
     * The predictions of a valid submission.
     *
     * @param predictions per fold key: id -> prediction
     * @param std per fold key: id -> standard deviation; null when the submission carries no std
     */
    public record Accepted(Map<String, Map<String, Double>> predictions, Map<String, Map<String, Double>> std) {
    }

    /**
     * The outcome: either violations (non-empty) or the accepted predictions.
     *
     * @param violations every broken rule; empty when valid
     * @param accepted the predictions when valid, else null
     */
    public record Result(List<Violation> violations, Accepted accepted) {
        /** Whether the submission passed every rule. */
        public boolean valid() {
            return violations.isEmpty();
        }
    }

    /**
     * Validates.
     *
     * @param payload the parsed submission
     * @param expected per fold key (in order) the exact set of ids it must cover
     */
    public static Result validate(SubmissionPayload payload, Map<String, Set<String>> expected) {
        List<Violation> v = new ArrayList<>(payload.problems());
        Map<String, List<PredictionRow>> folds = payload.folds();
        if (folds.isEmpty() && !v.isEmpty()) {
            // nothing readable: the format problems say it all
            return new Result(v, null);
        }
        List<String> missingKeys = expected.keySet().stream().filter(k -> !folds.containsKey(k)).toList();
        List<String> unknownKeys = folds.keySet().stream().filter(k -> !expected.containsKey(k)).toList();
        if (!missingKeys.isEmpty()) {
            v.add(new Violation("folds", null, missingKeys.size(), missingKeys,
                    "missing fold keys; expected exactly " + expected.keySet()));
        }
        if (!unknownKeys.isEmpty()) {
            v.add(new Violation("folds", null, unknownKeys.size(), unknownKeys,
                    "unknown fold keys; expected exactly " + expected.keySet()));
        }
        Map<String, String> firstFoldOf = new HashMap<>();
        Set<String> acrossFolds = new LinkedHashSet<>();
        int rows = 0;
        List<String> withoutStd = new ArrayList<>();
        int withStd = 0;
        for (Map.Entry<String, List<PredictionRow>> e : folds.entrySet()) {
            String fold = e.getKey();
            Set<String> seen = new LinkedHashSet<>();
            Set<String> duplicates = new LinkedHashSet<>();
            List<String> nonNumeric = new ArrayList<>();
            List<String> nonFinite = new ArrayList<>();
            List<String> badStd = new ArrayList<>();
            for (PredictionRow r : e.getValue()) {
                rows++;
                if (!seen.add(r.id())) {
                    duplicates.add(r.id());
                } else {
                    String other = firstFoldOf.putIfAbsent(r.id(), fold);
                    if (other != null && !other.equals(fold)) {
                        acrossFolds.add(r.id());
                    }
                }
                if (r.prediction().kind() != PredictionRow.Kind.NUMBER) {
                    nonNumeric.add(r.id());
                } else if (!r.prediction().finite()) {
                    nonFinite.add(r.id());
                }
                if (r.std().kind() == PredictionRow.Kind.MISSING) {
                    withoutStd.add(r.id());
                } else {
                    withStd++;
                    if (!r.std().finite() || !(r.std().number() > 0)) {
                        badStd.add(r.id());
                    }
                }
            }
            Set<String> want = expected.get(fold);
            if (want != null) {
                List<String> missing = want.stream().filter(id -> !seen.contains(id)).sorted().toList();
                List<String> unknown = seen.stream().filter(id -> !want.contains(id)).toList();
                add(v, "missing_ids", fold, missing, "expected test ids absent from the fold");
                add(v, "unknown_ids", fold, unknown, "ids that are not test ids of the fold");
            }
            add(v, "duplicate_ids", fold, new ArrayList<>(duplicates), "ids given more than once in the fold");
            add(v, "non_numeric_prediction", fold, nonNumeric, "prediction must be a number (not a string or null)");
            add(v, "non_finite_prediction", fold, nonFinite, "prediction must be finite (no NaN or Inf)");
            add(v, "invalid_std", fold, badStd, "std must be a finite number > 0");
        }
        add(v, "duplicate_ids", null, new ArrayList<>(acrossFolds), "ids given in more than one fold");
        if (withStd > 0 && withStd < rows) {
            add(v, "partial_std", null, withoutStd, "either every row has std or none does; these rows lack it");
        }
        if (!v.isEmpty()) {
            return new Result(v, null);
        }
        Map<String, Map<String, Double>> pred = new LinkedHashMap<>();
        Map<String, Map<String, Double>> std = withStd > 0 ? new LinkedHashMap<>() : null;
        folds.forEach((fold, list) -> {
            Map<String, Double> p = new LinkedHashMap<>();
            Map<String, Double> s = new LinkedHashMap<>();
            for (PredictionRow r : list) {
                p.put(r.id(), r.prediction().number());
                s.put(r.id(), r.std().number());
            }
            pred.put(fold, p);
            if (std != null) {
                std.put(fold, s);
            }
        });
        return new Result(List.of(), new Accepted(pred, std));
    }

    private static void add(List<Violation> v, String rule, String fold, List<String> ids, String message) {
        if (!ids.isEmpty()) {
            v.add(new Violation(rule, fold, ids.size(), ids, message));
        }
    }
}

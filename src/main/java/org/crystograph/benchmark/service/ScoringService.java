package org.crystograph.benchmark.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.crystograph.benchmark.FoldScore;
import org.crystograph.benchmark.Scorer;
import org.crystograph.benchmark.TaskSample;
import org.crystograph.benchmark.store.HiddenLabelStore;
import org.crystograph.benchmark.submission.SubmissionPayload;
import org.crystograph.benchmark.submission.SubmissionValidator;

/**
 * The server-side scorer: loads a task's labels (public ones from {@code bench_sample}, hidden ones through
 * {@link HiddenLabelStore}) and applies the pure {@link Scorer}. Its results are fold-level and task-level metrics
 * only; no per-row value leaves this class.
 */
@ApplicationScoped
public class ScoringService {

    @Inject
    EntityManager em;

    @Inject
    HiddenLabelStore hiddenLabels;

    /** Fold keys {@code fold_0}..{@code fold_{k-1}}. */
    public static String foldKey(int k) {
        return "fold_" + k;
    }

    /** The exact id sets a submission must cover, per fold key, for a track. */
    public Map<String, Set<String>> expectedIds(String task, SubmissionPayload.Track track, int folds) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        if (track == SubmissionPayload.Track.HIDDEN) {
            @SuppressWarnings("unchecked")
            List<String> ids = em.createNativeQuery("SELECT sample_id FROM bench_hidden_sample WHERE task_key = ?1")
                    .setParameter(1, task).getResultList();
            out.put(SubmissionPayload.HIDDEN_KEY, new LinkedHashSet<>(ids));
            return out;
        }
        for (int k = 0; k < folds; k++) {
            out.put(foldKey(k), new LinkedHashSet<>());
        }
        for (Object[] r : publicRows(task)) {
            out.get(foldKey(((Number) r[1]).intValue())).add((String) r[0]);
        }
        return out;
    }

    /**
     * Scores validated predictions.
     *
     * @return one fold score per fold (cv) or a single score with fold {@link TaskSample#HIDDEN} (hidden track)
     */
    public List<FoldScore> score(String task, SubmissionPayload.Track track, int folds,
            SubmissionValidator.Accepted accepted) {
        return compute(task, track, folds, accepted);
    }

    /** Scores of the dummy predictor (training mean) per fold: the MAD-baseline row of a board. */
    public List<FoldScore> baseline(String task, SubmissionPayload.Track track, int folds) {
        return compute(task, track, folds, null);
    }

    private List<FoldScore> compute(String task, SubmissionPayload.Track track, int folds,
            SubmissionValidator.Accepted accepted) {
        List<Object[]> rows = publicRows(task);
        List<FoldScore> out = new ArrayList<>();
        if (track == SubmissionPayload.Track.HIDDEN) {
            double[] train = rows.stream().mapToDouble(r -> ((Number) r[2]).doubleValue()).toArray();
            Map<String, Double> truth = hiddenLabels.labels(task);
            if (truth.isEmpty()) {
                throw BenchmarkException.conflict("no-hidden-track", "task " + task + " has no hidden track");
            }
            out.add(scoreOne(TaskSample.HIDDEN, SubmissionPayload.HIDDEN_KEY, truth, train, accepted));
            return out;
        }
        for (int k = 0; k < folds; k++) {
            Map<String, Double> truth = new LinkedHashMap<>();
            List<Double> train = new ArrayList<>();
            for (Object[] r : rows) {
                double label = ((Number) r[2]).doubleValue();
                if (((Number) r[1]).intValue() == k) {
                    truth.put((String) r[0], label);
                } else {
                    train.add(label);
                }
            }
            out.add(scoreOne(k, foldKey(k), truth, train.stream().mapToDouble(Double::doubleValue).toArray(),
                    accepted));
        }
        return out;
    }

    private static FoldScore scoreOne(int fold, String key, Map<String, Double> truth, double[] train,
            SubmissionValidator.Accepted accepted) {
        double[] y = new double[truth.size()];
        double[] p = new double[truth.size()];
        double[] s = accepted != null && accepted.std() != null ? new double[truth.size()] : null;
        double trainMean = java.util.Arrays.stream(train).average().orElse(Double.NaN);
        int i = 0;
        for (Map.Entry<String, Double> e : truth.entrySet()) {
            y[i] = e.getValue();
            if (accepted == null) {
                p[i] = trainMean;
            } else {
                p[i] = accepted.predictions().get(key).get(e.getKey());
                if (s != null) {
                    s[i] = accepted.std().get(key).get(e.getKey());
                }
            }
            i++;
        }
        return Scorer.scoreFold(fold, y, p, s, train);
    }

    private List<Object[]> publicRows(String task) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                "SELECT sample_id, fold, label FROM bench_sample WHERE task_key = ?1 ORDER BY row_index")
                .setParameter(1, task).getResultList();
        return rows;
    }
}

package org.crystograph.benchmark.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.crystograph.benchmark.submission.PredictionRow;
import org.crystograph.benchmark.submission.SubmissionParser;
import org.crystograph.benchmark.submission.SubmissionPayload;
import org.crystograph.benchmark.store.SubmissionEntity;

/**
 * Per-sample (true label, prediction) pairs of an accepted cross-validation submission, for drawing its parity plot
 * and error histogram on the server. Server-side only: no REST endpoint returns these pairs (spec section 5: no
 * endpoint returns labels, per-row residuals or per-row scores); the web page turns them into an SVG drawing.
 *
 * <p>Only public-fold samples are ever read ({@code bench_sample}); hidden-track labels are never touched, and a
 * hidden-track submission has no pairs. The pairs are rebuilt from the stored raw payload, parsed the way it was
 * parsed when it was scored, joined with the public labels.
 */
@ApplicationScoped
public class ParityService {

    @Inject
    EntityManager em;

    /**
     * One scored test sample.
     *
     * @param fold the public test fold (0-based)
     * @param truth its public label, in the task's unit
     * @param prediction the submitted prediction, in the task's unit
     */
    public record Pair(int fold, double truth, double prediction) {
    }

    /**
     * The pairs of an accepted, not withdrawn cross-validation submission on {@code task}, in sample order.
     *
     * @return empty when there is no such submission, or it is on the hidden track, or its payload was not kept
     */
    @Transactional
    public Optional<List<Pair>> publicPairs(String task, long submissionId) {
        SubmissionEntity s = SubmissionEntity.findById(submissionId);
        if (s == null || !task.equals(s.taskKey) || !SubmissionEntity.ACCEPTED.equals(s.outcome) || s.withdrawn
                || !SubmissionPayload.Track.CV.wire().equals(s.track) || s.payload == null) {
            return Optional.empty();
        }
        String type = s.contentType == null ? "" : s.contentType.toLowerCase(Locale.ROOT);
        SubmissionPayload payload = type.startsWith("text/csv")
                ? SubmissionParser.parseCsv(s.payload, SubmissionPayload.Track.CV, s.modelCardId)
                : SubmissionParser.parseJson(s.payload);
        Map<String, Double> predicted = new HashMap<>();
        payload.folds().forEach((fold, rows) -> {
            for (PredictionRow r : rows) {
                if (r.prediction().finite()) {
                    predicted.put(r.id(), r.prediction().number());
                }
            }
        });
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                "SELECT sample_id, fold, label FROM bench_sample WHERE task_key = ?1 ORDER BY row_index")
                .setParameter(1, task).getResultList();
        List<Pair> pairs = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            Double p = predicted.get((String) r[0]);
            if (p == null) {
                // accepted submissions cover every public test id; a gap means the stored payload does not match
                throw new IllegalStateException("submission " + submissionId + " has no prediction for " + r[0]);
            }
            pairs.add(new Pair(((Number) r[1]).intValue(), ((Number) r[2]).doubleValue(), p));
        }
        return Optional.of(pairs);
    }
}

package org.crystograph.benchmark.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The only reader of hidden-track labels ({@code bench_hidden_label}). Used by the scoring service alone; no
 * resource, DTO or export touches it (a test checks the sources for this).
 */
@ApplicationScoped
public class HiddenLabelStore {

    @Inject
    EntityManager em;

    /** Hidden labels of a task: sample id -> label, in id order. */
    public Map<String, Double> labels(String taskKey) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                "SELECT sample_id, label FROM bench_hidden_label WHERE task_key = ?1 ORDER BY sample_id")
                .setParameter(1, taskKey).getResultList();
        Map<String, Double> out = new LinkedHashMap<>();
        for (Object[] r : rows) {
            out.put((String) r[0], ((Number) r[1]).doubleValue());
        }
        return out;
    }
}
